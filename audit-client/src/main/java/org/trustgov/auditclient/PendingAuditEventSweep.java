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
 * At start-up and then every {@code trustgov.outbox.search-interval} (an hour), on one replica at a time, searches
 * the documents for audit events they still hold (the process stopped after the change was saved and before its
 * events were handed on) and hands them to the outbox's destination; every {@code trustgov.outbox.sweep-interval}
 * (a minute) between, it hands on only those whose hand-on failed in this instance, without searching. Normally
 * there are none: each change hands on its own events at once. The search is a scan of every document of the
 * collections on the embedded store, which has no index for it (on MongoDB the query is cheap), and held each
 * collection for seconds once it had tens of thousands of incidents: so it runs where a stop can have left
 * something, at the start of an instance (what it left itself) and hourly (what an instance that never came back
 * left).
 */
public class PendingAuditEventSweep extends ExclusiveSweep {

    private final MongoTemplate mongo;
    private final AuditOutbox outbox;
    private final List<String> collections;
    private final int searchEveryRounds;

    PendingAuditEventSweep(
            MongoTemplate mongo,
            AuditOutbox outbox,
            AuditedDocuments documents,
            ScheduledJobs jobs,
            Duration interval,
            Duration searchInterval) {
        super(jobs, "audit-events.pending-sweep", Duration.ZERO, interval, Duration.ofMinutes(5));
        this.mongo = mongo;
        this.outbox = outbox;
        this.searchEveryRounds = roundsPer(searchInterval, interval);
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
    protected int searchEveryRounds() {
        return searchEveryRounds;
    }

    @Override
    protected int sweepKnown() {
        return outbox.retryFailed();
    }

    @Override
    protected String finishedMessage() {
        return "audit events left in {} document(s) by an earlier stop or a failed hand-on were handed on";
    }
}
