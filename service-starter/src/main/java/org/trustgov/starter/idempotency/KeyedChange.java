package org.trustgov.starter.idempotency;

import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.springframework.dao.OptimisticLockingFailureException;

/**
 * A change to a stored document (a step of a case, a reply to a comment), sent with an {@code Idempotency-Key}: the
 * hash of the key in its scope, the hash of what it was sent with, and what it is called in a 422. The document keeps
 * the key in its {@link KeyedChanges}, saved in the same write as the change, so that {@link #changeOnce} answers a
 * sending again with the document as it is, and of two sendings that cross, the second fails on the document's
 * version and then finds the first's key: what {@link KeyedSending} is for a new document.
 *
 * @param key     the hash of the key in its scope ({@link IdempotencyKey#hashIn})
 * @param content the hash of what it was sent with ({@link IdempotencyKey#sentWith})
 * @param what    what the change is called when its key comes with another ("step", "reply")
 */
public record KeyedChange(String key, String content, String what) {

    /** The document after a change, and whether an earlier sending with the same key made the change. */
    public record Changed<D>(D document, boolean replayed) {}

    /**
     * The sending of {@code content} as {@code sentAs}, a change called {@code what}, with {@code key} in {@code scope}
     * (what it is a key of, and whose); {@code null} without a key.
     */
    public static KeyedChange of(IdempotencyKey key, String scope, String what, String sentAs, Object content) {
        return key == null ? null : new KeyedChange(key.hashIn(scope), IdempotencyKey.sentWith(sentAs, content), what);
    }

    /**
     * Makes a change to {@code document} once per key. Without a key ({@code sent} null) the change is made and saved
     * as always. With one found in the document's {@code keys}, the document is answered as it is and nothing is
     * changed (422 when the key came with another change); otherwise the change is made, the key kept beside it, and
     * both saved in one write. When that save fails on the document's version, the {@code current} document is read
     * again: if a sending with the same key made the change meanwhile, it is answered; any other clash is thrown.
     */
    public static <D> Changed<D> changeOnce(
            KeyedChange sent,
            D document,
            Function<D, KeyedChanges> keys,
            Consumer<D> change,
            UnaryOperator<D> save,
            Supplier<D> current) {
        if (sent != null && sent.madeIn(document, keys)) {
            return new Changed<>(document, true);
        }
        change.accept(document);
        if (sent != null) {
            keys.apply(document).record(sent.key(), sent.content());
        }
        try {
            return new Changed<>(save.apply(document), false);
        } catch (OptimisticLockingFailureException crossed) {
            D now = sent == null ? null : current.get();
            if (now != null && sent.madeIn(now, keys)) {
                return new Changed<>(now, true); // a sending with the same key made the change meanwhile
            }
            throw crossed;
        }
    }

    private <D> boolean madeIn(D document, Function<D, KeyedChanges> keys) {
        return keys.apply(document).madeAlready(key, content, what);
    }
}
