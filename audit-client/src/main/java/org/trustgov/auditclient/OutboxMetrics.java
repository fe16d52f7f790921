package org.trustgov.auditclient;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * The outbox in numbers, per sending service: events waiting ({@code trustgov.outbox.pending}), the age of the
 * oldest ({@code trustgov.outbox.oldest.age}, seconds; the backlog alert watches it) and dead letters
 * ({@code trustgov.outbox.dead.letters}).
 */
class OutboxMetrics implements MeterBinder {

    private final OutboxRelay relay;
    private final Clock clock;

    OutboxMetrics(OutboxRelay relay, Clock clock) {
        this.relay = relay;
        this.clock = clock;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("trustgov.outbox.pending", relay, r -> safe(r::pending))
                .description("Audit events not yet delivered to audit-service")
                .register(registry);
        Gauge.builder("trustgov.outbox.dead.letters", relay, r -> safe(r::deadLetterCount))
                .description("Audit events audit-service refused too many times")
                .register(registry);
        Gauge.builder("trustgov.outbox.oldest.age", relay, r -> {
                    try {
                        Instant oldest = r.oldestPending();
                        return oldest == null
                                ? 0
                                : Duration.between(oldest, clock.instant()).toSeconds();
                    } catch (RuntimeException e) {
                        return Double.NaN;
                    }
                })
                .baseUnit("seconds")
                .description("Age of the oldest undelivered audit event")
                .register(registry);
    }

    private static double safe(java.util.function.LongSupplier count) {
        try {
            return count.getAsLong();
        } catch (RuntimeException e) {
            return Double.NaN; // the database is unreachable: no number rather than a wrong one
        }
    }
}
