package org.trustgov.starter.idempotency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.OptimisticLockingFailureException;

/**
 * The two keyed flows every service uses: a change to a stored document made once per key ({@link KeyedChange}), and
 * a new document made once per key ({@link KeyedSending}), each against a store kept in a map, so that the crossing
 * of two sendings (the version clash, the unique index) can be staged between two lines.
 */
class KeyedWritesTest {

    private static final IdempotencyKey KEY = new IdempotencyKey(IdempotencyKeysTest.KEY);

    /** A stored document with its notes and the keys of its latest changes. */
    static final class Case {
        final List<String> notes = new ArrayList<>();
        final KeyedChanges keys = new KeyedChanges();
        int version;

        Case copy() {
            Case copy = new Case();
            copy.notes.addAll(notes);
            for (KeyedChanges.Kept kept : keys.kept()) {
                copy.keys.record(kept.key(), kept.request());
            }
            copy.version = version;
            return copy;
        }
    }

    /** The store of one case: a save fails on an older version, as Spring Data's versioned save does. */
    private Case stored = new Case();

    private Case save(Case changed) {
        if (changed.version != stored.version) {
            throw new OptimisticLockingFailureException("version " + changed.version + " is not " + stored.version);
        }
        changed.version++;
        stored = changed.copy();
        return stored.copy();
    }

    private KeyedChange.Changed<Case> note(KeyedChange sent, String text) {
        return KeyedChange.changeOnce(
                sent, stored.copy(), c -> c.keys, c -> c.notes.add(text), this::save, () -> stored.copy());
    }

    private static KeyedChange sent(String text) {
        return KeyedChange.of(KEY, "note-key\nstaff:1", "note", "note", text);
    }

    @Test
    void aChangeSentAgainWithItsKeyIsAnsweredAsItIsAndMadeOnce() {
        KeyedChange.Changed<Case> first = note(sent("seen the photo"), "seen the photo");
        KeyedChange.Changed<Case> again = note(sent("seen the photo"), "seen the photo");

        assertThat(first.replayed()).isFalse();
        assertThat(again.replayed()).isTrue();
        assertThat(again.document().notes).containsExactly("seen the photo");
        assertThat(stored.notes).containsExactly("seen the photo");
        assertThat(stored.version).as("saved once").isEqualTo(1);
    }

    @Test
    void theKeyWithAnotherChangeIs422AndChangesNothing() {
        note(sent("seen the photo"), "seen the photo");

        assertThatThrownBy(() -> note(sent("another note"), "another note"))
                .isInstanceOf(IdempotencyKeyReusedException.class)
                .hasMessageContaining("another note");
        assertThat(stored.notes).containsExactly("seen the photo");
        assertThat(KeyedChange.of(null, "note-key\nstaff:1", "note", "note", "x"))
                .as("no key, no keyed change")
                .isNull();
    }

    @Test
    void withoutAKeyEveryChangeIsMade() {
        note(null, "seen the photo");
        note(null, "seen the photo");

        assertThat(stored.notes).containsExactly("seen the photo", "seen the photo");
        assertThat(stored.keys.kept()).isEmpty();
    }

    @Test
    void aSendingThatCrossesTheFirstFindsItsKeyAfterTheClashAndChangesNothing() {
        Case readBeforeTheFirstSaved = stored.copy();
        note(sent("seen the photo"), "seen the photo"); // the first sending, saved meanwhile

        KeyedChange.Changed<Case> second = KeyedChange.changeOnce(
                sent("seen the photo"),
                readBeforeTheFirstSaved,
                c -> c.keys,
                c -> c.notes.add("seen the photo"),
                this::save,
                () -> stored.copy());

        assertThat(second.replayed()).isTrue();
        assertThat(second.document().notes).containsExactly("seen the photo");
        assertThat(stored.notes).containsExactly("seen the photo");
    }

    @Test
    void anyOtherClashIsThrown() {
        Case readBeforeAnotherChange = stored.copy();
        note(null, "someone else's note");

        assertThatThrownBy(() -> KeyedChange.changeOnce(
                        sent("seen the photo"),
                        readBeforeAnotherChange,
                        c -> c.keys,
                        c -> c.notes.add("seen the photo"),
                        this::save,
                        () -> stored.copy()))
                .isInstanceOf(OptimisticLockingFailureException.class);
        assertThatThrownBy(() -> KeyedChange.changeOnce(
                        null,
                        readBeforeAnotherChange,
                        c -> c.keys,
                        c -> c.notes.add("seen the photo"),
                        this::save,
                        () -> {
                            throw new AssertionError("not read again without a key");
                        }))
                .isInstanceOf(OptimisticLockingFailureException.class);
        assertThat(stored.notes).containsExactly("someone else's note");
    }

    /** Holds made with a key, kept under a unique index of the key's hash, as the store's index keeps them. */
    record Hold(String id, String keyHash, String content) {}

    private final Map<String, Hold> holdsByKey = new HashMap<>();
    private final AtomicInteger made = new AtomicInteger();

    private Hold insert(KeyedSending sent, Runnable beforeInsert) {
        beforeInsert.run();
        Hold hold = new Hold(
                "HOLD-" + made.incrementAndGet(),
                sent == null ? null : sent.key(),
                sent == null ? null : sent.content());
        if (hold.keyHash() != null && holdsByKey.putIfAbsent(hold.keyHash(), hold) != null) {
            throw new DuplicateKeyException("placedWithKey");
        }
        return hold;
    }

    private KeyedSending.Made<Hold> place(KeyedSending sent, Runnable beforeInsert) {
        return KeyedSending.makeOnce(
                sent,
                holdsByKey::get,
                () -> insert(sent, beforeInsert),
                Hold::content,
                earlier -> IdempotencyKeyReusedException.firstSentWith(
                        "another hold, placed as " + earlier.id(), "placed"));
    }

    private static KeyedSending hold(String reason) {
        return KeyedSending.of(KEY, "hold-key\nstaff:1", "hold", reason);
    }

    @Test
    void aNewDocumentSentAgainIsAnsweredWithTheFirstAndAnotherWithTheKeyIs422() {
        KeyedSending.Made<Hold> first = place(hold("tribunal"), () -> {});
        KeyedSending.Made<Hold> again = place(hold("tribunal"), () -> {});

        assertThat(first.replayed()).isFalse();
        assertThat(again.replayed()).isTrue();
        assertThat(again.made()).isEqualTo(first.made());
        assertThat(made).as("made once").hasValue(1);
        assertThatThrownBy(() -> place(hold("another reason"), () -> {}))
                .isInstanceOf(IdempotencyKeyReusedException.class)
                .hasMessageContaining("placed as " + first.made().id());
        assertThat(made).hasValue(1);
        assertThat(place(null, () -> {}).replayed()).isFalse();
        assertThat(place(null, () -> {}).made().id())
                .as("without a key, each is made")
                .isEqualTo("HOLD-3");
    }

    @Test
    void aNewDocumentWhoseSendingCrossesTheFirstIsAnsweredWithTheFirst() {
        Hold[] first = new Hold[1];
        // The first sending's insert lands after this one looked for the key and before this one inserts.
        KeyedSending.Made<Hold> second = place(hold("tribunal"), () -> {
            if (first[0] == null) {
                first[0] = place(hold("tribunal"), () -> {}).made();
            }
        });

        assertThat(second.replayed()).isTrue();
        assertThat(second.made()).isEqualTo(first[0]);
        assertThat(holdsByKey).hasSize(1);
    }
}
