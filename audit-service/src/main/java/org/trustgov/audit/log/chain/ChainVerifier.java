package org.trustgov.audit.log.chain;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.function.LongSupplier;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.bson.RawBsonDocument;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Service;
import org.trustgov.problem.BadRequestException;
import org.trustgov.transparency.LogEntries;

/**
 * Re-checks a range of the chain from the stored entries, read in sequence order (as the store keeps them, and by
 * number from the first that is out of order): every number present once,
 * every previous hash equal to the stored hash of the entry before, every hash equal to the hash of the entry's
 * content. Answers with the head of the range, or with the first broken entry and why.
 */
@Service
public class ChainVerifier {

    /** A link that does not hold. */
    public record Broken(long sequence, String reason) {}

    /** The last entry checked. */
    public record Head(long sequence, String hash) {}

    /**
     * @param complete     {@code false} when the range was longer than {@link #MAX_RANGE}: only the first part was
     *                     checked, and {@code continueFrom} is where to go on
     */
    public record Verification(
            boolean intact,
            long from,
            long to,
            long checked,
            Head head,
            Broken firstBroken,
            boolean complete,
            Long continueFrom) {}

    /** The most entries one request checks by default; the whole log is checked by a verification job. */
    public static final int MAX_RANGE = 100_000;

    private final MongoTemplate mongo;
    private final int maxRange;
    private final long halvedFrom;

    /** The number of the log's last stored entry (0 when it is empty). */
    private final LongSupplier lastStored;

    @Autowired
    ChainVerifier(
            MongoTemplate mongo,
            AuditLog log,
            @Value("${trustgov.audit.verify-max-range:" + MAX_RANGE + "}") int maxRange,
            @Value("${trustgov.audit.verify-halved-from:" + HALVED_FROM + "}") long halvedFrom) {
        this.mongo = mongo;
        this.maxRange = maxRange;
        this.halvedFrom = halvedFrom;
        this.lastStored = () -> {
            AuditEntry head = log.readHead();
            return head == null ? 0 : head.getSequence();
        };
    }

    ChainVerifier(MongoTemplate mongo, AuditLog log, int maxRange) {
        this(mongo, log, maxRange, HALVED_FROM);
    }

    /**
     * @param to inclusive; {@code null}, or a number past the end, for the head of the log (a range past the end
     *           is checked up to the end: the answer's {@code to} says where it stopped)
     */
    public Verification verify(long from, Long to) {
        long last = to == null ? Long.MAX_VALUE : to;
        if (last - from + 1 > maxRange) {
            Verification part = verifyRange(from, from + maxRange - 1);
            boolean more = part.intact() && part.checked() == maxRange;
            return new Verification(
                    part.intact(),
                    from,
                    part.to(),
                    part.checked(),
                    part.head(),
                    part.firstBroken(),
                    !more,
                    more ? part.to() + 1 : null);
        }
        return verifyRange(from, to);
    }

    /** Below this many entries a range is checked in one part. */
    static final long HALVED_FROM = 200_000;

    /**
     * Checks [from, to] whole, however long (for verification jobs, which run off the request threads). A long range
     * is checked in two halves at once, each from its own cursor (the store reads and encodes one cursor's entries on
     * one thread): the second half starts from the stored hash of the last entry of the first, which the first half
     * checks, so together they check every link; the first break found in the first half is the first break.
     */
    Verification verifyRange(long from, Long to) {
        if (from < 1) {
            throw new BadRequestException("from", "sequence numbers start at 1");
        }
        if (to != null && to < from) {
            throw new BadRequestException("to", "must not be before from");
        }
        // The last entry's number, as near as the store tells it cheaply (numbers run from 1 without gaps).
        long end = to != null
                ? to
                : mongo.getCollection(mongo.getCollectionName(AuditEntry.class)).estimatedDocumentCount();
        if (end - from + 1 < halvedFrom) {
            return verifyPart(from, to, to);
        }
        long middle = from + (end - from) / 2;
        CompletableFuture<Verification> secondHalf =
                CompletableFuture.supplyAsync(() -> verifyPart(middle + 1, to, to), HALVES);
        Verification first = verifyPart(from, middle, to);
        Verification second = secondHalf.join();
        if (!first.intact() || first.to() < middle) {
            return first; // broken in the first half, or the log ends in it
        }
        return new Verification(
                second.intact(),
                from,
                second.to(),
                first.checked() + second.checked(),
                second.head() != null ? second.head() : first.head(),
                second.firstBroken(),
                true,
                null);
    }

    /** Where the second half of a long range is checked (one at a time per verification: a job's or a request's). */
    private static final Executor HALVES = Executors.newCachedThreadPool(r -> {
        Thread thread = new Thread(r, "audit-verify-half");
        thread.setDaemon(true);
        return thread;
    });

    /**
     * Checks [from, to]; {@code reportedTo} is the {@code to} the caller asked for, which a broken answer repeats
     * ({@code null}: where it broke).
     */
    private Verification verifyPart(long from, Long to, Long reportedTo) {
        String expectedPrevious = AuditEntry.GENESIS;
        if (from > 1) {
            AuditEntry before = mongo.findById(from - 1, AuditEntry.class);
            if (before == null && from - 1 > lastStored.getAsLong()) {
                // The range starts past the log's end: nothing to check, as from the entry after the last one (a
                // number missing before the last entry is a break, below).
                return new Verification(true, from, from - 1, 0, null, null, true, null);
            }
            if (before == null) {
                return new Verification(
                        false,
                        from,
                        reportedTo == null ? from : reportedTo,
                        0,
                        null,
                        new Broken(from - 1, "entry " + (from - 1) + " is missing"),
                        true,
                        null);
            }
            expectedPrevious = before.getHash();
        }
        long expected = from;
        long checked = 0;
        Stored last = null;
        StoredEntryBytes reader = EntriesInOrder.reader(mongo);
        // First in the order the store keeps the entries (no sort); from the first one out of order on, by number.
        // The next batch is read while this one is hashed, on both cores.
        for (boolean byNumber = false; ; byNumber = true) {
            boolean outOfOrder = false;
            try (Stream<RawBsonDocument> entries = byNumber
                            ? EntriesInOrder.entries(mongo, expected, to)
                            : EntriesInOrder.entriesAsStored(mongo, from, to);
                    BatchesAhead<RawBsonDocument, RawBsonDocument> batches =
                            new BatchesAhead<>(entries.iterator(), HASHED_BATCH, entry -> entry)) {
                for (List<RawBsonDocument> batch;
                        !outOfOrder && (to == null || expected <= to) && (batch = batches.next()) != null; ) {
                    Stored[] read = new Stored[batch.size()];
                    List<RawBsonDocument> stored = batch;
                    IntStream.range(0, batch.size()).parallel().forEach(i -> read[i] = reader.read(stored.get(i)));
                    for (int i = 0; i < batch.size(); i++) {
                        Stored entry = read[i];
                        if (to != null && expected > to) {
                            break; // past the range: a read from entry 1 is limited to it only up to 2^31 entries
                        }
                        if (!byNumber && entry.sequence() != expected) {
                            outOfOrder = true;
                            break;
                        }
                        Broken broken = check(entry, expected, expectedPrevious);
                        if (broken != null) {
                            return new Verification(
                                    false,
                                    from,
                                    reportedTo == null ? entry.sequence() : reportedTo,
                                    checked,
                                    head(last),
                                    broken,
                                    true,
                                    null);
                        }
                        checked++;
                        expected++;
                        expectedPrevious = (String) entry.hash();
                        last = entry;
                    }
                }
            }
            if (!outOfOrder) {
                break;
            }
        }
        return new Verification(true, from, expected - 1, checked, head(last), null, true, null);
    }

    /**
     * An entry as the store gives it back ({@link StoredEntryBytes}, {@link StoredEntryCodec}): its number, its stored
     * hashes, and the hash of the values its hash covers, as stored (not mapped to an entry: a field of another type
     * than the log writes hashes to something else, and the entry is named as changed).
     */
    record Stored(long sequence, Object hash, Object previousHash, String recomputed) {

        static Stored of(AuditEntry entry) {
            return new Stored(entry.getSequence(), entry.getHash(), entry.getPreviousHash(), hashOf(entry.content()));
        }
    }

    /** Entries hashed at once, split over the cores, while the next ones are read. */
    static final int HASHED_BATCH = 2_000;

    static Broken check(AuditEntry entry, long expectedSequence, String expectedPrevious) {
        return check(Stored.of(entry), expectedSequence, expectedPrevious);
    }

    /** The hash of an entry's content, or why it has none. */
    static String hashOf(Map<String, Object> content) {
        try {
            return LogEntries.hash(content);
        } catch (IllegalArgumentException cannotBeHashed) {
            return "nothing: " + cannotBeHashed.getMessage();
        }
    }

    static Broken check(Stored entry, long expectedSequence, String expectedPrevious) {
        String recomputed = entry.recomputed();
        if (entry.sequence() != expectedSequence) {
            return new Broken(
                    expectedSequence,
                    "entry " + expectedSequence + " is missing (next stored is " + entry.sequence() + ")");
        }
        if (!expectedPrevious.equals(entry.previousHash())) {
            return new Broken(
                    entry.sequence(), "its previous hash does not match the hash of entry " + (entry.sequence() - 1));
        }
        if (!recomputed.equals(entry.hash())) {
            return new Broken(
                    entry.sequence(),
                    "its content does not match its hash (stored " + entry.hash() + ", content hashes to " + recomputed
                            + ")");
        }
        return null;
    }

    private static Head head(Stored last) {
        return last == null ? null : new Head(last.sequence(), (String) last.hash());
    }
}
