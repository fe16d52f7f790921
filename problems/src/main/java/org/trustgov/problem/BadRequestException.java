package org.trustgov.problem;

import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * A request that passed Bean Validation but breaks a rule found in the service (a duplicate clause number, a
 * comment on a clause that does not exist): 400 with the same {@code errors} list, naming the field.
 */
public class BadRequestException extends ErrorResponseException {

    /** The most field errors one problem lists. */
    public static final int MAX_FIELD_ERRORS = 1000;

    public BadRequestException(String field, String message) {
        super(HttpStatus.BAD_REQUEST, validationProblem(List.of(Map.of("field", field, "message", message))), null);
    }

    /** The 400 problem of a request that is not valid: {@code errors} names each field (at most {@link #MAX_FIELD_ERRORS}). */
    public static ProblemDetail validationProblem(List<Map<String, Object>> errors) {
        ProblemDetail problem = ProblemDetail.forStatus(HttpStatus.BAD_REQUEST);
        problem.setTitle(ProblemBodies.INVALID_REQUEST);
        problem.setDetail(
                errors.isEmpty()
                        ? "The request is not valid"
                        : "Invalid "
                                + errors.stream()
                                        .map(e -> String.valueOf(e.get("field")))
                                        .distinct()
                                        .reduce((a, b) -> a + ", " + b)
                                        .orElse(""));
        problem.setProperty(
                "errors", errors.size() > MAX_FIELD_ERRORS ? List.copyOf(errors.subList(0, MAX_FIELD_ERRORS)) : errors);
        return problem;
    }
}
