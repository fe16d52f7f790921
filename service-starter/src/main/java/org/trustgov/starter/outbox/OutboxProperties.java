package org.trustgov.starter.outbox;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The audit outbox ({@code trustgov.outbox.*}); on when {@code audit-url} is set.
 *
 * @param auditUrl     where audit-service is
 * @param pollInterval how often the relay looks for undelivered events (it is also woken by each new one)
 * @param batchSize    most events delivered per round
 * @param maxBackoff   longest wait between two attempts at one event (the wait doubles from 1 s)
 */
@ConfigurationProperties("trustgov.outbox")
public record OutboxProperties(String auditUrl, @DefaultValue("2s") Duration pollInterval,
        @DefaultValue("100") int batchSize, @DefaultValue("5m") Duration maxBackoff) {
}
