package org.trustgov.auditclient;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Update;

/**
 * Where a service records what the audit log must hear about, without ever losing an event between the change and
 * its record. The event is written <em>inside the changed document</em>, in the same single-document write as the
 * change ({@link #event} makes it, the service adds it to the document's {@value #FIELD} list); MongoDB writes one
 * document atomically, so either both the change and its event are stored or neither is. {@link #flush} then hands
 * the event to its {@link AuditEventDestination} (the {@code outbox} collection, from which {@link OutboxRelay}
 * delivers it; in audit-service, the log itself) and removes it from the document. If the process stops between the
 * steps, {@link PendingAuditEventSweep} finds the event still in its document and hands it on then; every step is
 * idempotent by event id. One pattern for every service, audit-service's own incidents included.
 */
public class AuditOutbox {

    /** The list, in a changed document, of events not yet moved to the outbox. */
    public static final String FIELD = "pendingAuditEvents";

    private final org.trustgov.starter.mongo.StoreCompaction compaction;
    private final MongoTemplate mongo;
    private final String source;
    private final Clock clock;
    private final AuditEventDestination destination;

    AuditOutbox(
            MongoTemplate mongo,
            String source,
            Clock clock,
            AuditEventDestination destination,
            org.trustgov.starter.mongo.StoreCompaction compaction) {
        this.compaction = compaction;
        this.mongo = mongo;
        this.source = source;
        this.clock = clock;
        this.destination = destination;
    }

    /** A new event, not yet stored: add it to the changed document and save both in one write. */
    public AuditEvent event(String actor, String action, String target, Map<String, ?> details) {
        return event(actor, action, target, details, clock.instant());
    }

    /** A new event of a change made at {@code at} (the time the change itself records). */
    public AuditEvent event(String actor, String action, String target, Map<String, ?> details, Instant at) {
        return new AuditEvent(
                TimeOrderedIds.next(),
                source,
                at.truncatedTo(ChronoUnit.MILLIS),
                actor,
                action,
                target,
                details == null ? Map.of() : new LinkedHashMap<>(details));
    }

    /**
     * Hands the events waiting in one document ({@code documentType} mapped to its collection, {@code id} its key)
     * to the destination, then removes them from it. Safe to repeat, and safe to run while another instance does
     * the same.
     */
    public void flush(Class<?> documentType, Object id) {
        flush(mongo.getCollectionName(documentType), id);
    }

    /**
     * As {@link #flush(Class, Object)}, for {@code events} the caller has just stored in the document, in the same
     * write as its change: they are handed on without reading the document back. Events the document held from before
     * (left by a process that stopped before handing them on) stay for {@link PendingAuditEventSweep}.
     */
    public void flush(Class<?> documentType, Object id, List<AuditEvent> events) {
        handOn(mongo.getCollectionName(documentType), id, events);
    }

    void flush(String collection, Object id) {
        var q = query(where("_id").is(id));
        q.fields().include(FIELD);
        Document holder;
        try {
            holder = mongo.findOne(q, Document.class, collection);
        } catch (RuntimeException failed) {
            notHandedOn.add(new Holder(collection, id));
            throw failed;
        }
        if (holder == null || !(holder.get(FIELD) instanceof List<?> events) || events.isEmpty()) {
            return;
        }
        handOn(
                collection,
                id,
                events.stream()
                        .map(raw -> mongo.getConverter().read(AuditEvent.class, (Document) raw))
                        .toList());
    }

    private void handOn(String collection, Object id, List<AuditEvent> events) {
        if (events.isEmpty()) {
            return;
        }
        try {
            List<String> moved = new ArrayList<>();
            for (AuditEvent event : events) {
                destination.take(event);
                moved.add(event.eventId());
            }
            mongo.updateFirst(
                    query(where("_id").is(id)),
                    new Update().pull(FIELD, query(where("eventId").in(moved)).getQueryObject()),
                    collection);
        } catch (RuntimeException failed) {
            notHandedOn.add(new Holder(collection, id)); // for the sweep's next round, which need not search for it
            throw failed;
        }
    }

    /** A document that holds events, by collection and key. */
    record Holder(String collection, Object id) {}

    /** The documents whose events this instance failed to hand on (the change itself was stored). */
    private final java.util.Set<Holder> notHandedOn = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /**
     * Hands on the events of the documents whose hand-on failed here; returns how many documents it handed on. One
     * that fails again stays for the next time.
     */
    int retryFailed() {
        int handed = 0;
        for (Holder holder : List.copyOf(notHandedOn)) {
            notHandedOn.remove(holder);
            flush(holder.collection(), holder.id()); // puts it back if it fails again
            handed++;
        }
        return handed;
    }

    /**
     * Removes every outbox message (delivered, waiting or dead) whose event names the person with this staff number,
     * as actor, target or {@code staffNumber} detail: for the disposal of their records. The log has, or gets as born
     * destroyed, what was delivered; what was still waiting is dropped with the record. Returns how many were removed.
     */
    public long forget(String staffNumber) {
        if (compaction != null) {
            compaction.afterErasure(OutboxMessage.class);
        }
        return mongo.remove(
                        query(new org.springframework.data.mongodb.core.query.Criteria()
                                .orOperator(
                                        where("event.actor").is("staff:" + staffNumber),
                                        where("event.target").is(staffNumber),
                                        where("event.details.staffNumber").is(staffNumber))),
                        OutboxMessage.class)
                .getDeletedCount();
    }

    /**
     * Records an event that belongs to no changed document (nothing else is written with it), straight to the
     * destination. Returns its id.
     */
    public String record(String actor, String action, String target, Map<String, ?> details) {
        AuditEvent event = event(actor, action, target, details);
        destination.take(event);
        return event.eventId();
    }
}
