package org.trustgov.auditclient;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.time.Clock;
import java.time.Duration;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.trustgov.starter.mongo.ExclusiveSweep;
import org.trustgov.starter.mongo.ScheduledJobs;

/**
 * Every hour, on one replica at a time, removes the events delivered more than {@code trustgov.outbox.keep-delivered-for}
 * ago (7 days): the log has them (sealed), and each names people, so the outbox's copy in clear is not kept for ever.
 * Waiting and dead events stay until they are delivered or sent again.
 */
public class DeliveredEventsHousekeeping extends ExclusiveSweep {

    private final MongoTemplate mongo;
    private final Clock clock;
    private final Duration keep;

    DeliveredEventsHousekeeping(MongoTemplate mongo, ScheduledJobs jobs, OutboxProperties properties, Clock clock) {
        super(
                jobs,
                "audit-events.delivered-housekeeping",
                Duration.ofMinutes(5),
                Duration.ofHours(1),
                Duration.ofMinutes(30));
        this.mongo = mongo;
        this.clock = clock;
        this.keep = properties.keepDeliveredFor();
    }

    @Override
    protected int sweepOnce() {
        return (int) mongo.remove(query(where("deliveredAt").lt(clock.instant().minus(keep))), OutboxMessage.class)
                .getDeletedCount();
    }

    @Override
    protected String finishedMessage() {
        return "{} delivered audit event(s) past their keep-for were removed from the outbox";
    }

    @Override
    protected boolean findingIsUnusual() {
        return false;
    }
}
