package org.trustgov.audit.log;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Service;

/**
 * Appends to the hash chain without transactions. An entry is inserted under the key head + 1 with the head's
 * hash as its previous hash; the unique key lets exactly one writer have each number, and a writer that loses
 * (another instance on the same database got there first) reads the new head and tries again. So the chain never
 * forks, repeats or skips a number, whatever the number of threads or instances. Within one instance appends take
 * a lock and remember the head, which keeps them from racing each other for nothing.
 */
@Service
public class AuditLog {

    /** The outcome of an append: the entry, and whether it is new (false when the event id was already there). */
    public record Appended(AuditEntry entry, boolean created) {
    }

    private static final int MAX_TRIES = 10_000;

    private final MongoTemplate mongo;
    private final Clock clock;
    private final ReentrantLock lock = new ReentrantLock();
    private AuditEntry head;

    AuditLog(MongoTemplate mongo, Clock clock) {
        this.mongo = mongo;
        this.clock = clock;
    }

    public Appended append(AuditRecord record) {
        lock.lock();
        try {
            if (record.eventId() != null) {
                AuditEntry known = byEventId(record.eventId());
                if (known != null) {
                    return new Appended(known, false);
                }
            }
            for (int i = 0; i < MAX_TRIES; i++) {
                AuditEntry previous = head != null ? head : readHead();
                AuditEntry entry = AuditEntry.after(previous, clock.instant(), record);
                try {
                    mongo.insert(entry);
                    head = entry;
                    return new Appended(entry, true);
                } catch (DuplicateKeyException e) {
                    if (record.eventId() != null) {
                        AuditEntry known = byEventId(record.eventId());
                        if (known != null) { // the same event, delivered twice at once to two instances
                            return new Appended(known, false);
                        }
                    }
                    head = readHead(); // another instance appended first
                }
            }
            throw new IllegalStateException("Could not append to the audit log after " + MAX_TRIES + " tries");
        } finally {
            lock.unlock();
        }
    }

    /**
     * Forgets the remembered head. Only for tests that empty the collection under a running service: in service
     * nothing is ever removed, so the remembered head can only fall behind, which the unique key catches.
     */
    void forgetHead() {
        lock.lock();
        try {
            head = null;
        } finally {
            lock.unlock();
        }
    }

    /** The last entry, or {@code null} for an empty log. */
    public AuditEntry readHead() {
        return mongo.findOne(new Query().with(Sort.by(Sort.Direction.DESC, "_id")).limit(1), AuditEntry.class);
    }

    public List<AuditEntry> page(long from, int size) {
        return mongo.find(query(where("_id").gte(from)).with(Sort.by("_id")).limit(size), AuditEntry.class);
    }

    private AuditEntry byEventId(String eventId) {
        return mongo.findOne(query(where("eventId").is(eventId)), AuditEntry.class);
    }
}
