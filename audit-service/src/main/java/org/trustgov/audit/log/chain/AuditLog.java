package org.trustgov.audit.log.chain;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.LongStream;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Service;
import org.trustgov.audit.log.sealing.Sealer;
import org.trustgov.starter.mongo.ContiguousNumbers;
import org.trustgov.starter.mongo.GroupedWrites;
import org.trustgov.transparency.LogEntries;

/**
 * Appends to the hash chain without transactions, in groups. Concurrent appends queue up; whichever caller holds
 * the append lock takes everything queued (up to {@value #MAX_GROUP}), numbers it consecutively after the head,
 * chains the hashes, and stores the group with one ordered insert; each caller is answered once its own entry is
 * stored. There is no batch window to wait out: a group is what queued while the previous insert ran, so a lone
 * append is written at once.
 *
 * <p>The unique key on the sequence number still decides between instances on one database: when another instance
 * took a number first, the insert stops at that entry, the entries stored before it are answered, and the rest are
 * numbered again after the new head. So the chain never forks, repeats or skips a number. An event id is appended
 * once: the group's event ids are looked up first, and one delivered twice at once to two instances is caught by
 * the event id's unique key and answered with the entry already there.
 */
@Service
public class AuditLog {

    /** The outcome of an append: the entry, and whether it is new (false when the event id was already there). */
    public record Appended(AuditEntry entry, boolean created) {}

    /** The most entries stored by one insert. */
    static final int MAX_GROUP = 256;

    private static final int MAX_TRIES = 10_000;

    private final MongoTemplate mongo;
    private final String collection;
    private final AppendedHashes appendedHashes;
    private final Clock clock;
    /** Appends are numbered and chained one group at a time; the head is guarded by it. */
    private final GroupedWrites<Pending> appends =
            new GroupedWrites<>("appending to the audit log", MAX_GROUP, Pending::outcome, this::store);

    private AuditEntry head;

    private final Sealer sealer;
    private final IntegratedEntries integrated;

    AuditLog(
            MongoTemplate mongo,
            Clock clock,
            AppendedHashes appendedHashes,
            Sealer sealer,
            IntegratedEntries integrated) {
        this.mongo = mongo;
        this.sealer = sealer;
        this.integrated = integrated;
        this.appendedHashes = appendedHashes;
        this.clock = clock;
        this.collection = mongo.getCollectionName(AuditEntry.class);
    }

    /**
     * An append waiting for its place: the record, its content canonicalized and mapped to its stored fields by its
     * caller (in parallel with the other callers), so that the one holding the lock only numbers, hashes and stores.
     */
    private record Pending(
            AuditRecord record,
            LogEntries.Prepared content,
            org.bson.Document fields,
            CompletableFuture<Appended> outcome) {}

    /**
     * Appends {@code record}, its personal values first sealed under the key of the record it belongs to (outside
     * the append lock, so concurrent appends seal in parallel).
     */
    public Appended append(AuditRecord record) {
        Timer.Sample appending = Timer.start();
        try {
            Sealer.Content sealed =
                    sealer.seal(record.actor(), record.target(), record.details(), clock.instant(), happened(record));
            Appended appended = appendGrouped(record.withContent(sealed.actor(), sealed.target(), sealed.details()));
            appendedHead.accumulateAndGet(appended.entry().getSequence(), Math::max);
            return appended;
        } finally {
            appending.stop(APPEND_TIME);
        }
    }

    /**
     * When a relayed event happened, as its service said ({@code occurredAt}, validated as it arrived): what decides
     * whether it belongs to a person's record disposed of since, or to their record begun again. {@code null} for
     * audit-service's own changes, which never bring a disposed person's record back.
     */
    private static Instant happened(AuditRecord record) {
        if (record.source() == null || !(record.details().get("occurredAt") instanceof String occurredAt)) {
            return null;
        }
        try {
            return Instant.parse(occurredAt);
        } catch (java.time.format.DateTimeParseException e) {
            return null;
        }
    }

    /** Append latency (queued, grouped, stored durably) and the highest sequence this instance has appended. */
    private static final Timer APPEND_TIME = Timer.builder("trustgov.audit.log.append")
            .description("Time until an audit entry is durably appended")
            .publishPercentileHistogram()
            .register(Metrics.globalRegistry);

    private final AtomicLong appendedHead = Metrics.gauge("trustgov.audit.log.head.sequence", new AtomicLong());

    private Appended appendGrouped(AuditRecord record) {
        // A record that cannot be hashed as stored is refused here, before it is queued: it spends no number.
        Pending mine = new Pending(
                record,
                AuditEntry.prepare(record),
                storedFields(AuditEntry.unchained(record)),
                new CompletableFuture<>());
        return appends.write(mine, mine.outcome());
    }

    /**
     * Stores one group; every caller in it is answered by {@code answers} (run once the lock is let go) with its
     * entry, or at once with the failure that stopped it.
     */
    private void store(List<Pending> group, List<Runnable> answers) {
        try {
            List<Pending> left = group;
            for (int i = 0; !left.isEmpty(); i++) {
                if (i == MAX_TRIES) {
                    throw new IllegalStateException("Could not append to the audit log after " + MAX_TRIES + " tries");
                }
                left = insert(answerKnownEvents(left), answers);
            }
        } catch (RuntimeException e) {
            head = null; // what is stored is read again by the next group
            answers.forEach(Runnable::run); // those stored before the failure are answered with their entry
            answers.clear();
            group.forEach(p -> p.outcome().completeExceptionally(e));
        }
    }

    /** Answers the appends whose event id is already in the log (or twice in the group); the others, in order. */
    private List<Pending> answerKnownEvents(List<Pending> group) {
        List<String> eventIds = group.stream()
                .map(p -> p.record().eventId())
                .filter(id -> id != null)
                .toList();
        if (eventIds.isEmpty()) {
            return group;
        }
        Map<String, AuditEntry> known = new HashMap<>();
        mongo.find(query(where("eventId").in(eventIds)), AuditEntry.class).forEach(e -> known.put(e.getEventId(), e));
        Map<String, Pending> firstInGroup = new HashMap<>();
        List<Pending> fresh = new ArrayList<>();
        List<Pending> repeats = new ArrayList<>();
        for (Pending p : group) {
            String eventId = p.record().eventId();
            if (eventId != null && known.containsKey(eventId)) {
                p.outcome().complete(new Appended(known.get(eventId), false));
            } else if (eventId != null && firstInGroup.putIfAbsent(eventId, p) != null) {
                repeats.add(p);
            } else {
                fresh.add(p);
            }
        }
        for (Pending repeat : repeats) { // answered with the first one's entry once that is stored
            firstInGroup.get(repeat.record().eventId()).outcome().whenComplete((appended, failure) -> {
                if (failure != null) {
                    repeat.outcome().completeExceptionally(failure);
                } else {
                    repeat.outcome().complete(new Appended(appended.entry(), false));
                }
            });
        }
        return fresh;
    }

    /**
     * Numbers and chains the group after the head and inserts it in order; answers those stored and returns those
     * that were not (another instance took their number, or their event id, first).
     */
    private List<Pending> insert(List<Pending> group, List<Runnable> answers) {
        if (group.isEmpty()) {
            return group;
        }
        AuditEntry previous = head != null ? head : readHead();
        List<AuditEntry> entries = chain(group, previous);
        int stored;
        try {
            insertInOrder(group, entries);
            stored = entries.size();
        } catch (DuplicateKeyException anotherInstanceTookANumber) {
            stored = storedPrefix(entries);
        }
        appendedHashes.stored(entries.subList(0, stored));
        for (int i = 0; i < stored; i++) {
            Pending answered = group.get(i);
            Appended appended = new Appended(entries.get(i), true);
            answers.add(() -> answered.outcome().complete(appended));
        }
        if (stored == entries.size()) {
            head = entries.get(stored - 1);
            return List.of();
        }
        head = headAfter(stored > 0 ? entries.get(stored - 1) : previous); // another instance appended first
        return group.subList(stored, group.size());
    }

    /** The group's entries, numbered and chained after {@code previous} ({@code null} for an empty log). */
    private List<AuditEntry> chain(List<Pending> group, AuditEntry previous) {
        List<AuditEntry> entries = new ArrayList<>(group.size());
        for (Pending p : group) {
            previous = AuditEntry.after(previous, clock.instant(), p.record(), p.content());
            entries.add(previous);
        }
        return entries;
    }

    /**
     * The fields of an entry not yet in the chain as the template's own converter maps them (the same document as
     * {@code MongoTemplate.insert} writes, but for the fields the chain gives it: {@link #stored}).
     */
    private org.bson.Document storedFields(AuditEntry unchained) {
        org.bson.Document fields = new org.bson.Document();
        mongo.getConverter().write(unchained, fields);
        return fields;
    }

    /** The stored document of {@code entry}: its prepared fields with the number, time and hashes the chain gave it. */
    static org.bson.Document stored(org.bson.Document fields, AuditEntry entry) {
        org.bson.Document document = new org.bson.Document(fields);
        document.put("_id", entry.getSequence());
        document.put("at", java.util.Date.from(entry.getAt()));
        document.put("previousHash", entry.getPreviousHash());
        document.put("hash", entry.getHash());
        return document;
    }

    /**
     * One ordered insert of the group's entries, their documents made from the fields the callers mapped (the same
     * documents as {@code MongoTemplate.insert}) and written straight through the driver: on the append path, which
     * runs one group at a time, the template's per-document events and callbacks cost a third of the insert. Failures
     * are translated as the template translates them ({@link DuplicateKeyException} for a number or event id taken).
     */
    private void insertInOrder(List<Pending> group, List<AuditEntry> entries) {
        List<org.bson.Document> documents = new ArrayList<>(entries.size());
        for (int i = 0; i < entries.size(); i++) {
            documents.add(stored(group.get(i).fields(), entries.get(i)));
        }
        try {
            mongo.getCollection(collection).insertMany(documents);
        } catch (RuntimeException e) {
            DataAccessException translated = mongo.getExceptionTranslator().translateExceptionIfPossible(e);
            throw translated != null ? translated : e;
        }
    }

    /**
     * The head of the log, found from {@code known} (an entry in it, or {@code null}) by looking up the numbers after
     * it by key ({@link ContiguousNumbers}; the log's numbers run without gaps): after a lost race the other instances
     * have appended a group or two, a few lookups, where finding the highest number afresh is a sort of the whole log
     * on a store without an ordered index. From nothing, the highest is read.
     */
    private AuditEntry headAfter(AuditEntry known) {
        if (known == null) {
            return readHead();
        }
        long highest = ContiguousNumbers.highestFrom(known.getSequence(), this::isStored);
        AuditEntry head = highest == known.getSequence() ? known : mongo.findById(highest, AuditEntry.class);
        return head != null ? head : readHead();
    }

    private boolean isStored(long sequence) {
        var q = query(where("_id").is(sequence));
        q.fields().include("_id");
        return mongo.findOne(q, org.bson.Document.class, mongo.getCollectionName(AuditEntry.class)) != null;
    }

    /** How many of the group's entries (in order, from the first) are stored as they were written. */
    private int storedPrefix(List<AuditEntry> entries) {
        Map<Long, String> hashes = new HashMap<>();
        mongo.find( // by key: a range of numbers is a scan of the whole log on a store without an ordered index
                        query(where("_id")
                                .in(entries.stream()
                                        .map(AuditEntry::getSequence)
                                        .toList())),
                        AuditEntry.class)
                .forEach(e -> hashes.put(e.getSequence(), e.getHash()));
        int stored = 0;
        while (stored < entries.size()
                && entries.get(stored)
                        .getHash()
                        .equals(hashes.get(entries.get(stored).getSequence()))) {
            stored++;
        }
        return stored;
    }

    /**
     * Forgets the remembered head. Only for tests that empty the collection under a running service: in service
     * nothing is ever removed, so the remembered head can only fall behind, which the unique key catches.
     */
    void forgetHead() {
        appends.alone(() -> {
            head = null;
            appendedHashes.clear();
        });
    }

    /**
     * The last entry, or {@code null} for an empty log. Found by key from the Merkle tree's size
     * ({@link IntegratedEntries}: the entry at that size is stored unless someone removed it) through the
     * numbers after it ({@link ContiguousNumbers}): a few lookups. Sorting the log for its highest number, as for a
     * log the tree does not describe yet (new, or emptied by a test), reads every entry on a store without an
     * ordered index: on the embedded store a log of 130,000 entries no longer fitted a service's heap at start.
     */
    public AuditEntry readHead() {
        long known = integrated.size();
        if (known > 0 && isStored(known)) {
            return mongo.findById(ContiguousNumbers.highestFrom(known, this::isStored), AuditEntry.class);
        }
        return mongo.findOne(
                new Query().with(Sort.by(Sort.Direction.DESC, "_id")).limit(1), AuditEntry.class);
    }

    /** The newest {@code count} entries (fewer in a shorter log), looked up by key, in no particular order. */
    public List<AuditEntry> newest(int count) {
        AuditEntry head = readHead();
        if (head == null) {
            return List.of();
        }
        long from = Math.max(1, head.getSequence() - count + 1);
        return mongo.find(
                query(where("_id")
                        .in(LongStream.rangeClosed(from, head.getSequence())
                                .boxed()
                                .toList())),
                AuditEntry.class);
    }

    /**
     * The entries numbered {@code from} to {@code from + size - 1} that are stored, in order. Looked up by key, as the
     * numbers have no gaps: as a range sorted by number, the embedded store (no ordered index) sorted the whole log
     * in the service's heap to find them, and the retention job's daily look at the first entry took a service with
     * 150,000 entries out of its heap.
     */
    public List<AuditEntry> page(long from, int size) {
        long to = from > Long.MAX_VALUE - size ? Long.MAX_VALUE : from + size; // exclusive
        return mongo.find(
                query(where("_id").in(LongStream.range(from, to).boxed().toList()))
                        .with(Sort.by("_id")),
                AuditEntry.class);
    }
}
