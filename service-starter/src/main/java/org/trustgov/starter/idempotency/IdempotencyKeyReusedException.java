package org.trustgov.starter.idempotency;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * A change sent with an {@code Idempotency-Key} that was first sent with a different change: 422 (as the IETF draft
 * says), naming the header, and nothing made: answering with what the first sending made would say this one was made.
 */
public class IdempotencyKeyReusedException extends ErrorResponseException {

    public IdempotencyKeyReusedException(String detail) {
        super(HttpStatus.UNPROCESSABLE_CONTENT, problem(detail), null);
    }

    /**
     * The 422 every service gives: the key was first sent with {@code another} ("another comment", "another hold,
     * placed as HOLD-…"), and nothing {@code wasDone} ("added", "placed") now.
     */
    public static IdempotencyKeyReusedException firstSentWith(String another, String wasDone) {
        return new IdempotencyKeyReusedException("This Idempotency-Key was first sent with " + another
                + ", which differs from this one: nothing was " + wasDone + " now. If the first arrived and you meant "
                + "to send a different one, send it with a new key.");
    }

    private static ProblemDetail problem(String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_CONTENT, detail);
        problem.setTitle("Idempotency-Key reused");
        problem.setProperty("header", IdempotencyKeys.HEADER);
        return problem;
    }
}
