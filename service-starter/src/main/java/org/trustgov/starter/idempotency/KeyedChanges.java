package org.trustgov.starter.idempotency;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The {@code Idempotency-Key}s of the latest changes made to one stored document (a note added to a case, a reply to a
 * comment), kept in it as hashes: a change sent again with its key finds it here and is answered with the document as
 * it is, instead of being made twice. Being in the document, it is saved in the same write as the change it records,
 * so a change and its key are kept together or not at all; two sendings that cross are settled by the document's
 * version (the second's save fails, and it finds the first's key when it reads again). Only the latest {@link #KEPT}
 * are kept: a key is sent again within minutes of its first sending, not after dozens of later changes.
 */
public final class KeyedChanges {

    /** How many keys one document keeps. */
    public static final int KEPT = 64;

    /** One change: the hash of its key in its scope, and the hash of what was sent with it. */
    public record Kept(String key, String request) {}

    private List<Kept> kept = new ArrayList<>();

    /**
     * Whether the change this key came with was made already: {@code false} for a key not seen (make it, then
     * {@link #record} the key), {@code true} for the same change sent again (answer with what it made, make nothing);
     * 422 ({@link IdempotencyKeyReusedException}) when the key came with a different change, whose {@code what} the
     * problem names.
     */
    public boolean madeAlready(String keyHash, String requestHash, String what) {
        for (Kept k : kept) {
            if (k.key().equals(keyHash)) {
                if (!k.request().equals(requestHash)) {
                    throw IdempotencyKeyReusedException.firstSentWith("another " + what, "changed");
                }
                return true;
            }
        }
        return false;
    }

    /** Keeps the key of a change being made, dropping the oldest beyond {@link #KEPT}. */
    public void record(String keyHash, String requestHash) {
        kept.add(new Kept(Objects.requireNonNull(keyHash), Objects.requireNonNull(requestHash)));
        if (kept.size() > KEPT) {
            kept = new ArrayList<>(kept.subList(kept.size() - KEPT, kept.size()));
        }
    }

    /** The keys kept, oldest first. */
    public List<Kept> kept() {
        return List.copyOf(kept);
    }
}
