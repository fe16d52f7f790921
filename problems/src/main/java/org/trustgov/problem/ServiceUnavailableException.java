package org.trustgov.problem;

import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

/** Another service this request needs did not answer: 503 with a problem body; nothing was written. */
public class ServiceUnavailableException extends ErrorResponseException {

    public ServiceUnavailableException(String detail, Throwable cause) {
        super(
                HttpStatus.SERVICE_UNAVAILABLE,
                NotFoundException.problem(HttpStatus.SERVICE_UNAVAILABLE, "Service unavailable", detail),
                cause);
        getHeaders().set("Retry-After", "30");
    }
}
