package org.trustgov.auditclient;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * At start-up and every {@code trustgov.outbox.sweep-interval}, finds documents that still hold audit events (the
 * process stopped after the change was saved and before its events reached the outbox) and moves them to the
 * outbox. Normally there are none: each change moves its own events at once.
 */
public class PendingAuditEventSweep implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(PendingAuditEventSweep.class);

    private final MongoTemplate mongo;
    private final AuditOutbox outbox;
    private final List<String> collections;
    private final OutboxProperties properties;
    private volatile ScheduledExecutorService executor;

    PendingAuditEventSweep(
            MongoTemplate mongo, AuditOutbox outbox, AuditedDocuments documents, OutboxProperties properties) {
        this.mongo = mongo;
        this.outbox = outbox;
        this.collections = documents.types().stream()
                .map(mongo::getCollectionName)
                .distinct()
                .toList();
        this.properties = properties;
    }

    /** One sweep; returns how many documents had events left in them. */
    public int sweep() {
        int found = 0;
        for (String collection : collections) {
            var q = query(where(AuditOutbox.FIELD + ".eventId").exists(true)).limit(500);
            q.fields().include("_id");
            for (Document holder : mongo.find(q, Document.class, collection)) {
                outbox.flush(collection, holder.get("_id"));
                found++;
            }
        }
        if (found > 0) {
            log.warn("audit events left in {} document(s) by an earlier stop were moved to the outbox", found);
        }
        return found;
    }

    @Override
    public void start() {
        executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "audit-event-sweep");
            thread.setDaemon(true);
            return thread;
        });
        long period = properties.sweepInterval().toMillis();
        executor.scheduleWithFixedDelay(
                () -> {
                    try {
                        sweep();
                    } catch (RuntimeException e) {
                        log.warn("audit event sweep failed, will try again: {}", e.toString());
                    }
                },
                0,
                period,
                TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() {
        ScheduledExecutorService running = executor;
        executor = null;
        if (running != null) {
            running.shutdownNow();
        }
    }

    @Override
    public boolean isRunning() {
        return executor != null;
    }
}
