package org.trustgov.auditclient;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.time.Duration;
import java.util.List;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.trustgov.starter.mongo.ExclusiveSweep;
import org.trustgov.starter.mongo.ScheduledJobs;

/**
 * At start-up and every {@code trustgov.outbox.sweep-interval}, on one replica at a time, finds documents that still
 * hold audit events (the process stopped after the change was saved and before its events were handed on) and hands
 * them to the outbox's destination. Normally there are none: each change hands on its own events at once.
 */
public class PendingAuditEventSweep extends ExclusiveSweep {

    private final MongoTemplate mongo;
    private final AuditOutbox outbox;
    private final List<String> collections;

    PendingAuditEventSweep(
            MongoTemplate mongo,
            AuditOutbox outbox,
            AuditedDocuments documents,
            ScheduledJobs jobs,
            Duration interval) {
        super(jobs, "audit-events.pending-sweep", Duration.ZERO, interval, Duration.ofMinutes(5));
        this.mongo = mongo;
        this.outbox = outbox;
        this.collections = documents.types().stream()
                .map(mongo::getCollectionName)
                .distinct()
                .toList();
    }

    @Override
    protected int sweepOnce() {
        int found = 0;
        for (String collection : collections) {
            var q = query(where(AuditOutbox.FIELD + ".eventId").exists(true)).limit(500);
            q.fields().include("_id");
            for (Document holder : mongo.find(q, Document.class, collection)) {
                outbox.flush(collection, holder.get("_id"));
                found++;
            }
        }
        return found;
    }

    @Override
    protected String finishedMessage() {
        return "audit events left in {} document(s) by an earlier stop were handed on";
    }
}
