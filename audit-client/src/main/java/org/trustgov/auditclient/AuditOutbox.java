package org.trustgov.auditclient;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.bson.Document;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Update;

/**
 * Where a service records what the audit log must hear about, without ever losing an event between the change and
 * its record. The event is written <em>inside the changed document</em>, in the same single-document write as the
 * change ({@link #event} makes it, the service adds it to the document's {@value #FIELD} list); MongoDB writes one
 * document atomically, so either both the change and its event are stored or neither is. {@link #flush} then moves
 * the event to the {@code outbox} collection, from which {@link OutboxRelay} delivers it. If the process stops
 * between the steps, {@link PendingAuditEventSweep} finds the event still in its document and moves it then; every
 * step is idempotent by event id.
 */
public class AuditOutbox {

    /** The list, in a changed document, of events not yet moved to the outbox. */
    public static final String FIELD = "pendingAuditEvents";

    private final MongoTemplate mongo;
    private final String source;
    private final Clock clock;
    private final Runnable wakeUp;

    AuditOutbox(MongoTemplate mongo, String source, Clock clock, Runnable wakeUp) {
        this.mongo = mongo;
        this.source = source;
        this.clock = clock;
        this.wakeUp = wakeUp;
    }

    /** A new event, not yet stored: add it to the changed document and save both in one write. */
    public AuditEvent event(String actor, String action, String target, Map<String, ?> details) {
        return new AuditEvent(
                UUID.randomUUID().toString(),
                source,
                clock.instant().truncatedTo(ChronoUnit.MILLIS),
                actor,
                action,
                target,
                details == null ? Map.of() : new LinkedHashMap<>(details));
    }

    /**
     * Moves the events waiting in one document ({@code documentType} mapped to its collection, {@code id} its key)
     * to the outbox and wakes the relay. Safe to repeat, and safe to run while another instance does the same.
     */
    public void flush(Class<?> documentType, Object id) {
        flush(mongo.getCollectionName(documentType), id);
    }

    void flush(String collection, Object id) {
        var q = query(where("_id").is(id));
        q.fields().include(FIELD);
        Document holder = mongo.findOne(q, Document.class, collection);
        if (holder == null || !(holder.get(FIELD) instanceof List<?> events) || events.isEmpty()) {
            return;
        }
        List<String> moved = new java.util.ArrayList<>();
        for (Object raw : events) {
            AuditEvent event = mongo.getConverter().read(AuditEvent.class, (Document) raw);
            try {
                mongo.insert(OutboxMessage.of(event));
            } catch (DuplicateKeyException alreadyMoved) {
                // moved before (a crash after the insert, or another instance): the outbox has it once
            }
            moved.add(event.eventId());
        }
        mongo.updateFirst(
                query(where("_id").is(id)),
                new Update().pull(FIELD, query(where("eventId").in(moved)).getQueryObject()),
                collection);
        wakeUp.run();
    }

    /**
     * Records an event that belongs to no changed document (nothing else is written with it), straight into the
     * outbox. Returns its id.
     */
    public String record(String actor, String action, String target, Map<String, ?> details) {
        AuditEvent event = event(actor, action, target, details);
        mongo.insert(OutboxMessage.of(event));
        wakeUp.run();
        return event.eventId();
    }
}
