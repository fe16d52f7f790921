package org.trustgov.starter.idempotency;

import java.util.function.Function;
import java.util.function.Supplier;
import org.springframework.dao.DuplicateKeyException;

/**
 * A request that makes a new stored document (a comment, a hold, a refresher), sent with an {@code Idempotency-Key}:
 * the hash of the key in its scope, and of what it was sent with. The document made keeps both, the key's under a
 * unique, sparse index (documents made without a key have none, and need no migration), so that {@link #makeOnce}
 * answers a sending again with what the first made, and two sendings that cross make one.
 *
 * @param key     the hash of the key in its scope ({@link IdempotencyKey#hashIn})
 * @param content the hash of what it was sent with ({@link IdempotencyKey#sentWith})
 */
public record KeyedSending(String key, String content) {

    /** What made a document, and whether an earlier sending with the same key made it. */
    public record Made<T>(T made, boolean replayed) {}

    /**
     * The sending of {@code content}, a {@code what}, with {@code key} in {@code scope} (what it is a key of, and
     * whose); {@code null} without a key.
     */
    public static KeyedSending of(IdempotencyKey key, String scope, String what, Object content) {
        return key == null ? null : new KeyedSending(key.hashIn(scope), IdempotencyKey.sentWith(what, content));
    }

    /**
     * Makes the document once per key. Without a key ({@code sent} null) it is made as always. With one, what an
     * earlier sending made ({@code madeWith}, by the key's hash; {@code null} for none) is answered instead, unless it
     * was sent with other content ({@code keptContent} of it), which is {@code reused} (422; nothing made). When a
     * sending with the same key is made meanwhile, the store's unique index refuses this one and its document is
     * answered.
     */
    public static <T> Made<T> makeOnce(
            KeyedSending sent,
            Function<String, T> madeWith,
            Supplier<T> make,
            Function<T, String> keptContent,
            Function<T, IdempotencyKeyReusedException> reused) {
        if (sent == null) {
            return new Made<>(make.get(), false);
        }
        T earlier = madeWith.apply(sent.key());
        if (earlier == null) {
            try {
                return new Made<>(make.get(), false);
            } catch (DuplicateKeyException crossed) { // a sending with the same key made it meanwhile
                earlier = madeWith.apply(sent.key());
                if (earlier == null) {
                    throw crossed;
                }
            }
        }
        if (!sent.content().equals(keptContent.apply(earlier))) {
            throw reused.apply(earlier);
        }
        return new Made<>(earlier, true);
    }
}
