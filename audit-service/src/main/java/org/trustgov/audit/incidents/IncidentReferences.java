package org.trustgov.audit.incidents;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import com.mongodb.MongoBulkWriteException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;
import org.trustgov.starter.mongo.ContiguousNumbers;
import org.trustgov.starter.mongo.GroupedWrites;

/**
 * {@code SMB-2026-000123}: the reference is the incident's key, and a number is taken by inserting the incident
 * under it: the next number is one more than the year's highest stored reference, and the unique key lets
 * exactly one insert have each number (a writer that loses, in another instance, reads again and takes the next).
 * So references are unique and sequential per year, and there is no gap: a number exists exactly when an incident
 * holds it, whatever is refused and wherever a process stops. Within one instance reports are numbered one group
 * at a time ({@link GroupedWrites}): those that arrive together are numbered consecutively and inserted by one
 * ordered insert, instead of racing each other for nothing or waiting for one another's insert one by one. An
 * incident destroyed at the end of its retention retires its number first ({@link #retire}), so no later incident
 * is ever given it.
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

    /** The most reports numbered and inserted together. */
    static final int MAX_GROUP = 64;

    private final MongoTemplate mongo;
    /** Reports are numbered one group at a time, in the order they came; {@link #lastStored} is guarded by it. */
    private final GroupedWrites<Numbering> numberings =
            new GroupedWrites<>("numbering an incident", MAX_GROUP, Numbering::outcome, this::insertGroup);
    /** The highest number this instance saw stored, per year. */
    private final Map<Integer, Long> lastStored = new HashMap<>();

    IncidentReferences(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /** A report waiting for its number: its year, how its incident is made for a reference, and its caller. */
    private record Numbering(int year, Function<String, Incident> build, CompletableFuture<Incident> outcome) {}

    /**
     * Inserts the incident {@code build} makes for the next free reference of {@code at}'s year; returns it stored.
     * Reports that arrive together are numbered consecutively and inserted in order by one insert (a group): an
     * ordered insert stores a prefix of the group whatever happens, so the numbers stay without gaps. What
     * {@code build} refuses takes no number; nor does an incident the store refuses (its failure is its caller's
     * alone, and the rest of the group is numbered again from there).
     */
    public Incident insertNumbered(Instant at, Function<String, Incident> build) {
        var mine = new Numbering(at.atOffset(ZoneOffset.UTC).getYear(), build, new CompletableFuture<>());
        return numberings.write(mine, mine.outcome());
    }

    private void insertGroup(List<Numbering> group, List<Runnable> answers) {
        Map<Integer, List<Numbering>> byYear = new LinkedHashMap<>();
        group.forEach(
                n -> byYear.computeIfAbsent(n.year(), y -> new ArrayList<>()).add(n));
        byYear.forEach((year, waiting) -> insertYear(year, waiting, answers));
    }

    private void insertYear(int year, List<Numbering> waiting, List<Runnable> answers) {
        Long remembered = lastStored.get(year);
        long next = Math.max(remembered == null ? 0 : remembered, retiredFloor(year)) + 1;
        List<Numbering> left = waiting;
        for (int attempt = 0; !left.isEmpty(); attempt++) {
            if (attempt == MAX_TRIES) {
                var exhausted = new IllegalStateException("Could not number an incident after " + MAX_TRIES + " tries");
                left.forEach(n -> n.outcome().completeExceptionally(exhausted));
                return;
            }
            List<Numbering> numbered = new ArrayList<>(left.size());
            List<Incident> incidents = new ArrayList<>(left.size());
            for (Numbering n : left) {
                try {
                    incidents.add(n.build().apply(reference(year, next + incidents.size())));
                    numbered.add(n);
                } catch (RuntimeException refused) {
                    n.outcome().completeExceptionally(refused); // refused before it was stored: no number spent
                }
            }
            if (numbered.isEmpty()) {
                return;
            }
            List<Incident> stored;
            RuntimeException failure = null;
            try {
                stored = new ArrayList<>(mongo.insert(incidents, Incident.class));
            } catch (DataAccessException e) {
                int storedBefore = firstRefused(e);
                if (storedBefore < 0) { // the outcome is not known: every caller in the group is told so
                    numbered.forEach(n -> n.outcome().completeExceptionally(e));
                    return;
                }
                stored = incidents.subList(0, storedBefore);
                failure = e;
            }
            for (int i = 0; i < stored.size(); i++) {
                Numbering answered = numbered.get(i);
                Incident incident = stored.get(i);
                answers.add(() -> answered.outcome().complete(incident));
            }
            if (!stored.isEmpty()) {
                lastStored.put(year, next + stored.size() - 1);
            }
            if (failure == null) {
                return;
            }
            long refusedNumber = next + stored.size();
            left = numbered.subList(stored.size(), numbered.size());
            if (failure instanceof DuplicateKeyException && !keyAlreadyRecorded(incidents.get(stored.size()))) {
                // Another instance took that number meanwhile (or this one starts afresh): the highest from there.
                next = highestFrom(year, refusedNumber) + 1;
            } else {
                // The store refused this one incident (or its Idempotency-Key, recorded meanwhile by a sending that
                // crossed it: its caller finds that one's case), and it took no number.
                left.get(0).outcome().completeExceptionally(failure);
                left = left.subList(1, left.size());
                next = refusedNumber;
            }
        }
    }

    /**
     * How many incidents of an ordered insert were stored before the one the store refused: the index of its first
     * write error; -1 when the failure does not say (a connection lost, say), so what was stored is not known.
     */
    private static int firstRefused(DataAccessException failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof MongoBulkWriteException bulk
                    && !bulk.getWriteErrors().isEmpty()) {
                return bulk.getWriteErrors().get(0).getIndex();
            }
        }
        return -1;
    }

    /** Whether another incident holds the refused one's Idempotency-Key: then the unique key refused that, not the number. */
    private boolean keyAlreadyRecorded(Incident refused) {
        if (refused.reportKeyHash() == null) {
            return false;
        }
        var q = query(where("reportKey").is(refused.reportKeyHash()));
        q.fields().include("_id");
        org.bson.Document holder = mongo.findOne(q, org.bson.Document.class, mongo.getCollectionName(Incident.class));
        return holder != null && !refused.getReference().equals(holder.get("_id"));
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
