package org.trustgov.starter.problem;

import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

/**
 * A request that passed Bean Validation but breaks a rule found in the service (a duplicate clause number, a
 * comment on a clause that does not exist): 400 with the same {@code errors} list, naming the field.
 */
public class BadRequestException extends ErrorResponseException {

    public BadRequestException(String field, String message) {
        super(HttpStatus.BAD_REQUEST, ProblemDetailsAdvice.validationProblem(
                List.of(Map.of("field", field, "message", message))), null);
    }
}
