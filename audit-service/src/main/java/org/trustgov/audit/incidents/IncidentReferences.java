package org.trustgov.audit.incidents;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * {@code SMB-2026-000123}: the reference is the incident's key, and a number is taken by inserting the incident
 * under it: the next number is one more than the year's highest stored reference, and the unique key lets
 * exactly one insert have each number (a writer that loses, in another instance, reads again and takes the next).
 * So references are unique and sequential per year, and there is no gap: a number exists exactly when an incident
 * holds it, whatever is refused and wherever a process stops. Within one instance inserts take a lock, which keeps
 * them from racing each other for nothing. An incident destroyed at the end of its retention retires its number
 * first ({@link #retire}), so no later incident is ever given it.
 *
 * <p>The instance remembers the last number it saw stored for each year, so numbering a report does not look for
 * the year's highest reference in the store (a scan and sort on a store without a usable index): the next number is
 * one more than the larger of the remembered number and the year's retired floor. When another instance has taken
 * it meanwhile (replicas take turns), the unique key refuses the insert and the number after it is tried; after a few
 * such steps the highest is read from the store. A number is remembered only once its incident is stored, so a
 * refused or failed insert spends nothing.
 */
@Component
public class IncidentReferences {

    private static final int MAX_TRIES = 1000;
    /** Numbers tried one after another, after one taken by another instance, before the highest is read again. */
    private static final int STEPS_BEFORE_READING = 8;

    private final MongoTemplate mongo;
    private final ReentrantLock lock = new ReentrantLock();
    /** The highest number this instance saw stored, per year; guarded by {@link #lock}. */
    private final Map<Integer, Long> lastStored = new HashMap<>();

    IncidentReferences(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /** Inserts the incident {@code build} makes for the next free reference of {@code at}'s year; returns it stored. */
    public Incident insertNumbered(Instant at, Function<String, Incident> build) {
        int year = at.atOffset(ZoneOffset.UTC).getYear();
        lock.lock();
        try {
            Long remembered = lastStored.get(year);
            for (int attempt = 0; attempt < MAX_TRIES; attempt++) {
                if (attempt > 0 && attempt % STEPS_BEFORE_READING == 0) {
                    remembered = null; // another instance is far ahead: read the highest number from the store
                }
                long next = (remembered == null ? highest(year) : Math.max(remembered, retiredFloor(year))) + 1;
                String reference = String.format("SMB-%d-%06d", year, next);
                try {
                    Incident stored = mongo.insert(build.apply(reference));
                    lastStored.put(year, next);
                    return stored;
                } catch (DuplicateKeyException takenByAnotherInstance) {
                    // Another instance took it a moment ago (replicas take turns): the next one is usually free.
                    remembered = next;
                }
            }
            throw new IllegalStateException("Could not number an incident after " + MAX_TRIES + " tries");
        } finally {
            lock.unlock();
        }
    }

    /** Where the highest number of each year is kept once its incident was disposed of, so it is never given again. */
    static final String RETIRED = "incident_references_retired";

    /**
     * Keeps {@code reference}'s number from ever being given again, before its incident is destroyed at the end of its
     * retention: a number belongs to one incident for good, even after the incident is gone.
     */
    void retire(String reference) {
        String[] parts = reference.split("-");
        mongo.upsert(
                query(where("_id").is(Integer.parseInt(parts[1]))),
                new org.springframework.data.mongodb.core.query.Update().max("highest", Long.parseLong(parts[2])),
                RETIRED);
    }

    private long highest(int year) {
        return Math.max(retiredFloor(year), highestStored(year));
    }

    private long retiredFloor(int year) {
        org.bson.Document retired = mongo.findById(year, org.bson.Document.class, RETIRED);
        return retired == null ? 0 : ((Number) retired.get("highest")).longValue();
    }

    private long highestStored(int year) {
        var q = query(where("_id").regex("^SMB-" + year + "-"))
                .with(Sort.by(Sort.Direction.DESC, "_id"))
                .limit(1);
        q.fields().include("_id");
        Incident last = mongo.findOne(q, Incident.class);
        return last == null ? 0 : Long.parseLong(last.getReference().substring(("SMB-" + year + "-").length()));
    }
}
