package org.trustgov.auditclient;

import java.time.Instant;
import org.slf4j.MDC;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.mapping.Document;
import org.trustgov.starter.requestid.RequestIdFilter;

/**
 * An audit event waiting in the sender's own database ({@code outbox}) until audit-service has taken it.
 * {@code nextAttemptAt} doubles as the lease: the relay that claims a message moves it into the future first.
 * A message audit-service keeps refusing (a 4xx answer, {@code trustgov.outbox.max-refusals} times) becomes a dead
 * letter ({@code deadAt}): no longer retried on its own, listed for governance, who can send it again.
 */
@Document("outbox")
@CompoundIndex(name = "pending", def = "{'deliveredAt': 1, 'deadAt': 1, 'nextAttemptAt': 1}")
public class OutboxMessage {

    @Id
    private String eventId;

    private AuditEvent event;
    private Instant createdAt;
    private Instant nextAttemptAt;
    private Instant deliveredAt;
    private int attempts;
    private int refusals;
    private String lastError;
    private Instant deadAt;
    /** The request that recorded the event (its X-Request-Id), sent again with the delivery; null when unknown. */
    private String requestId;

    protected OutboxMessage() {}

    static OutboxMessage of(AuditEvent event) {
        OutboxMessage message = new OutboxMessage();
        message.eventId = event.eventId();
        message.event = event;
        message.createdAt = event.occurredAt();
        message.nextAttemptAt = event.occurredAt();
        message.requestId = MDC.get(RequestIdFilter.MDC_KEY);
        return message;
    }

    public String getEventId() {
        return eventId;
    }

    public AuditEvent getEvent() {
        return event;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public Instant getNextAttemptAt() {
        return nextAttemptAt;
    }

    public Instant getDeliveredAt() {
        return deliveredAt;
    }

    public int getAttempts() {
        return attempts;
    }

    public int getRefusals() {
        return refusals;
    }

    public String getLastError() {
        return lastError;
    }

    public Instant getDeadAt() {
        return deadAt;
    }

    public String getRequestId() {
        return requestId;
    }
}
