package org.trustgov.starter.outbox;

import java.time.Clock;
import java.util.Map;
import java.util.UUID;

import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * Where a service records what the audit log must hear about: one insert into its own {@code outbox} collection,
 * written right after the change it describes. {@link OutboxRelay} delivers it later, so an outage of audit-service
 * delays events but loses none.
 */
public class AuditOutbox {

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

    /** Records the event; returns its id. */
    public String record(String actor, String action, String target, Map<String, Object> details) {
        AuditEvent event = new AuditEvent(UUID.randomUUID().toString(), source, clock.instant(), actor, action, target,
                details == null ? Map.of() : details);
        mongo.insert(new OutboxMessage(event));
        wakeUp.run();
        return event.eventId();
    }
}
