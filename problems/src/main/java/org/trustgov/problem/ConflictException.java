package org.trustgov.problem;

import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

/** A request that breaks a rule of the current state (an illegal transition, a duplicate): 409, saying why. */
public class ConflictException extends ErrorResponseException {

    public ConflictException(String detail) {
        super(HttpStatus.CONFLICT, NotFoundException.problem(HttpStatus.CONFLICT, "Conflict", detail), null);
    }
}
