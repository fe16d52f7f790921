package org.trustgov.starter.idempotency;

import java.util.Objects;
import org.trustgov.transparency.CanonicalHash;

/**
 * The {@code Idempotency-Key} a change came with, as a handler method declares it: a parameter of this type is read
 * from the header ({@link IdempotencyKeys#read}: 400 naming the header for a key that cannot be one), and is
 * {@code null} for a change sent without one, which is made as it always was. The OpenAPI document shows the header
 * on every operation that takes one. Services keep only hashes: of the key in the scope of whose key it is
 * ({@link #hashIn}), and of what it came with ({@link #sentWith}).
 */
public record IdempotencyKey(String value) {

    public IdempotencyKey {
        Objects.requireNonNull(value, "value");
    }

    /**
     * The hash under which the key is kept, in its {@code scope}: what it is a key of, and usually whose (the same key
     * from someone else is their own key).
     */
    public String hashIn(String scope) {
        return CanonicalHash.sha256Of(scope + "\n" + value);
    }

    /**
     * The hash of a change as sent with a key ({@code what} it is, and its {@code content}, {@code null} for none): the
     * same key sent again with other content is another change, refused ({@link IdempotencyKeyReusedException}).
     */
    public static String sentWith(String what, Object content) {
        return CanonicalHash.sha256Of(what + "\n" + CanonicalHash.canonicalJson(content == null ? "" : content));
    }
}
