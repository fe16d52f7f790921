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
 * @param keepDeliveredFor how long a delivered event is kept in the outbox (7 days): the log has it, and an event
 *                      names people (staff numbers), so the copy is not kept for ever
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
        @DefaultValue("1h") Duration authRefusalGrace,
        @DefaultValue("7d") Duration keepDeliveredFor) {

    public OutboxProperties {
        if (batchSize < 1 || maxRefusals < 1) {
            throw new IllegalArgumentException("trustgov.outbox.batch-size and max-refusals must be at least 1");
        }
        if (keepDeliveredFor.compareTo(Duration.ofHours(1)) < 0) {
            throw new IllegalArgumentException(
                    "trustgov.outbox.keep-delivered-for must be at least 1h (the log has the events; an operator "
                            + "reads the recent ones), not " + keepDeliveredFor);
        }
    }
}
