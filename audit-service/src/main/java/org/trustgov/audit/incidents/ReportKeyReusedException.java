package org.trustgov.audit.incidents;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** A report sent with an {@code Idempotency-Key} first sent with another report: 422, and nothing recorded. */
class ReportKeyReusedException extends ErrorResponseException {

    ReportKeyReusedException(String detail) {
        super(HttpStatus.UNPROCESSABLE_CONTENT, problem(detail), null);
    }

    private static ProblemDetail problem(String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_CONTENT, detail);
        problem.setTitle("Idempotency-Key reused");
        problem.setProperty("header", ReportKey.HEADER);
        return problem;
    }
}
