package org.trustgov.problem;

import java.time.Duration;
import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

/** A limit of the service's own rules was reached (too many attempts at an assessment): 429 with {@code Retry-After}. */
public class TooManyRequestsException extends ErrorResponseException {

    public TooManyRequestsException(String detail, Duration retryAfter) {
        super(
                HttpStatus.TOO_MANY_REQUESTS,
                NotFoundException.problem(HttpStatus.TOO_MANY_REQUESTS, "Too many requests", detail),
                null);
        getHeaders().set("Retry-After", String.valueOf(Math.max(1, retryAfter.toSeconds())));
    }
}
