package org.trustgov.starter.limits;

import java.io.IOException;

/** Thrown while reading a body that turns out longer than the limit (chunked bodies have no length up front). */
public class BodyTooLargeException extends IOException {

    public BodyTooLargeException(long limit) {
        super("The request body is larger than " + limit + " bytes");
    }

    /** The body-too-large exception anywhere in {@code failure}'s cause chain (a parser may have wrapped it), or {@code null}. */
    public static BodyTooLargeException in(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof BodyTooLargeException tooLarge) {
                return tooLarge;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return null;
    }
}
