package org.trustgov.audit.log;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.stream.LongStream;

import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;

/**
 * The log's entries from {@code from} to {@code to} in sequence order, read a page of numbers at a time by their
 * key, so memory stays bounded and every read is a lookup by key on any store (a single cursor over a million
 * entries is one reply too large for the embedded store, and a range read scans it). Missing numbers are skipped:
 * the caller sees the gap in the sequence numbers.
 */
final class EntriesInOrder implements Iterator<AuditEntry> {

    static final int PAGE = 1_000;

    private final MongoTemplate mongo;
    private final long to;
    private final boolean hashesOnly;
    private final ArrayDeque<AuditEntry> page = new ArrayDeque<>();
    private long next;

    /** @param to inclusive; {@code null}, or a number past the head, for the head of the log as it is now */
    EntriesInOrder(MongoTemplate mongo, long from, Long to, boolean hashesOnly) {
        this.mongo = mongo;
        this.next = from;
        this.hashesOnly = hashesOnly;
        AuditEntry head = mongo.findOne(new Query().with(Sort.by(Sort.Direction.DESC, "_id")).limit(1), AuditEntry.class);
        long last = head == null ? 0 : head.getSequence();
        this.to = to == null ? last : Math.min(to, last); // nothing is read past the head
    }

    @Override
    public boolean hasNext() {
        while (page.isEmpty() && next <= to) {
            long last = Math.min(to, next + PAGE - 1);
            Query numbers = query(where("_id").in(LongStream.rangeClosed(next, last).boxed().toList())).with(Sort.by("_id"));
            if (hashesOnly) {
                numbers.fields().include("hash");
            }
            page.addAll(mongo.find(numbers, AuditEntry.class));
            next = last + 1;
        }
        return !page.isEmpty();
    }

    @Override
    public AuditEntry next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        return page.poll();
    }
}
