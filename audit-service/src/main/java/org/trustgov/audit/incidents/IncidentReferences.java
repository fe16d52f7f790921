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
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;
import org.trustgov.starter.mongo.ContiguousNumbers;

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
 * it meanwhile (replicas take turns), the unique key refuses the insert, and the highest number is found by looking
 * numbers up by key from there ({@link #highestFrom}). A number is remembered only once its incident is stored, so a
 * refused or failed insert spends nothing.
 */
@Component
public class IncidentReferences {

    private static final int MAX_TRIES = 1000;

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
            long next = Math.max(remembered == null ? 0 : remembered, retiredFloor(year)) + 1;
            for (int attempt = 0; attempt < MAX_TRIES; attempt++) {
                try {
                    Incident stored = mongo.insert(build.apply(reference(year, next)));
                    lastStored.put(year, next);
                    return stored;
                } catch (DuplicateKeyException taken) {
                    // Another instance took it meanwhile (or this one starts afresh): find the highest from there.
                    next = highestFrom(year, next) + 1;
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

    private long retiredFloor(int year) {
        org.bson.Document retired = mongo.findById(year, org.bson.Document.class, RETIRED);
        return retired == null ? 0 : ((Number) retired.get("highest")).longValue();
    }

    /**
     * The highest number stored for the year, from {@code stored}, a number known to be stored: the numbers above the
     * retired floor are all stored up to the highest (only an incident destroyed at the end of its retention leaves
     * one out, and that one is at or below the floor), so it is found by key lookups ({@link ContiguousNumbers}).
     */
    private long highestFrom(int year, long stored) {
        return ContiguousNumbers.highestFrom(stored, number -> isStored(year, number));
    }

    private boolean isStored(int year, long number) {
        var q = query(where("_id").is(reference(year, number)));
        q.fields().include("_id");
        return mongo.findOne(q, org.bson.Document.class, mongo.getCollectionName(Incident.class)) != null;
    }

    private static String reference(int year, long number) {
        return String.format("SMB-%d-%06d", year, number);
    }
}
