package org.trustgov.audit.incidents;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.time.Duration;
import java.util.List;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;
import org.trustgov.auditclient.AuditOutbox;
import org.trustgov.starter.mongo.ExclusiveSweep;
import org.trustgov.starter.mongo.ScheduledJobs;

/**
 * One release only (remove in the next, with {@code Incident.legacyPendingLogEntries}): before the one outbox, an
 * incident kept the log entries of its changes in {@value #OLD_FIELD}, and a release that stopped between a change
 * and its append left them there. At start-up and then daily, each such incident's events move to
 * {@link AuditOutbox#FIELD} in one conditional write (two replicas never move them twice; a stop after the move
 * leaves them where the outbox's own sweep finds them), and the outbox appends them.
 */
@Component
class LegacyPendingLogEntries extends ExclusiveSweep {

    static final String OLD_FIELD = "pendingLogEntries";

    private final MongoTemplate mongo;
    private final AuditOutbox outbox;

    LegacyPendingLogEntries(MongoTemplate mongo, AuditOutbox outbox, ScheduledJobs jobs) {
        super(jobs, "audit.legacy-pending-log-entries", Duration.ZERO, Duration.ofDays(1), Duration.ofMinutes(5));
        this.mongo = mongo;
        this.outbox = outbox;
    }

    @Override
    protected int sweepOnce() {
        String collection = mongo.getCollectionName(Incident.class);
        var q = query(where(OLD_FIELD + ".eventId").exists(true)).limit(500);
        q.fields().include(OLD_FIELD);
        int moved = 0;
        for (Document incident : mongo.find(q, Document.class, collection)) {
            List<?> events = incident.getList(OLD_FIELD, Object.class);
            boolean mine = mongo.updateFirst(
                                    query(where("_id")
                                            .is(incident.get("_id"))
                                            .and(OLD_FIELD)
                                            .exists(true)),
                                    new Update()
                                            .push(AuditOutbox.FIELD)
                                            .each(events.toArray())
                                            .unset(OLD_FIELD)
                                            // a change read before this move and saved after it is a 409, so it
                                            // cannot put the old field back
                                            .inc("revision", 1),
                                    collection)
                            .getModifiedCount()
                    == 1;
            if (mine) {
                outbox.flush(Incident.class, incident.get("_id"));
                moved++;
            }
        }
        return moved;
    }

    @Override
    protected String finishedMessage() {
        return "log entries that {} incident(s) kept under their old name since an earlier stop were appended";
    }
}
