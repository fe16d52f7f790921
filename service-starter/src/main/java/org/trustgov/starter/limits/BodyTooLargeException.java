package org.trustgov.starter.limits;

import java.io.IOException;

/** Thrown while reading a body that turns out longer than the limit (chunked bodies have no length up front). */
public class BodyTooLargeException extends IOException {

    public BodyTooLargeException(long limit) {
        super("The request body is larger than " + limit + " bytes");
    }
}
