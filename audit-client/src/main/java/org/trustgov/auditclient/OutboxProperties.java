package org.trustgov.auditclient;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The audit outbox ({@code trustgov.outbox.*}); on when {@code audit-url} is set.
 *
 * @param auditUrl      where audit-service is
 * @param adminPath     where governance reads the dead letters and sends them again, e.g. {@code /api/policy/outbox}
 * @param pollInterval  how often the relay looks for undelivered events (it is also woken by each new one)
 * @param batchSize     most events delivered per round
 * @param maxBackoff    longest wait between two attempts at one event (the wait doubles from 1 s)
 * @param maxRefusals   answers of 4xx from audit-service after which an event becomes a dead letter
 * @param sweepInterval how often documents are searched for events a stopped process left in them
 * @param authRefusalGrace how long 401 and 403 answers are taken for a passing authentication problem before they
 *                      count towards a dead letter
 */
@ConfigurationProperties("trustgov.outbox")
public record OutboxProperties(
        String auditUrl,
        @DefaultValue("/api/outbox") String adminPath,
        @DefaultValue("2s") Duration pollInterval,
        @DefaultValue("100") int batchSize,
        @DefaultValue("5m") Duration maxBackoff,
        @DefaultValue("5") int maxRefusals,
        @DefaultValue("1m") Duration sweepInterval,
        @DefaultValue("1h") Duration authRefusalGrace) {

    public OutboxProperties {
        if (batchSize < 1 || maxRefusals < 1) {
            throw new IllegalArgumentException("trustgov.outbox.batch-size and max-refusals must be at least 1");
        }
    }
}
