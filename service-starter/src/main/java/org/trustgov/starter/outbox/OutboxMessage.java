package org.trustgov.starter.outbox;

import java.time.Instant;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * An audit event waiting in the sender's own database ({@code outbox}) until audit-service has taken it.
 * {@code nextAttemptAt} doubles as the lease: the relay that claims a message moves it into the future first.
 */
@Document("outbox")
@CompoundIndex(name = "pending", def = "{'deliveredAt': 1, 'nextAttemptAt': 1}")
public class OutboxMessage {

    @Id
    private String eventId;
    private AuditEvent event;
    private Instant createdAt;
    private Instant nextAttemptAt;
    private Instant deliveredAt;
    private int attempts;
    private String lastError;

    protected OutboxMessage() {
    }

    OutboxMessage(AuditEvent event) {
        this.eventId = event.eventId();
        this.event = event;
        this.createdAt = event.occurredAt();
        this.nextAttemptAt = event.occurredAt();
    }

    public String getEventId() { return eventId; }
    public AuditEvent getEvent() { return event; }
    public Instant getCreatedAt() { return createdAt; }
    public Instant getNextAttemptAt() { return nextAttemptAt; }
    public Instant getDeliveredAt() { return deliveredAt; }
    public int getAttempts() { return attempts; }
    public String getLastError() { return lastError; }
}
