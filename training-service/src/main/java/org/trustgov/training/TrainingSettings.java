package org.trustgov.training;

import java.time.Duration;
import java.time.Period;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.trustgov.starter.validation.Periods;

/**
 * Training-service settings ({@code trustgov.training.*}). Each is checked at start-up: a value out of its bounds
 * stops the service with a message naming the setting.
 *
 * @param dueSoon            how long before a completion expires the person counts as DUE_SOON (ISO-8601, default
 *                           P30D; from P1D to P1Y)
 * @param policyVersionCache how long the policy version in force, read from policy-service, is reused (default 1m)
 * @param overdueListLimit   the most people one compliance report lists as overdue (default 1000; the counts are
 *                           always complete)
 * @param standingsRepairWindow   how far back the standings repair looks for passes (default 48h)
 * @param standingsRepairInterval how often it runs after the one at start-up (default 1h)
 * @param attempts           how many failed attempts a learner may make at one module in a period
 * @param snapshotClients    the service clients (client ids) that may read any person's compliance: audit-service
 *                           takes the subject's training snapshot when an incident is recorded
 */
@ConfigurationProperties("trustgov.training")
public record TrainingSettings(
        @DefaultValue("P30D") Period dueSoon,
        @DefaultValue("1m") Duration policyVersionCache,
        @DefaultValue("1000") int overdueListLimit,
        @DefaultValue("48h") Duration standingsRepairWindow,
        @DefaultValue("1h") Duration standingsRepairInterval,
        @DefaultValue AttemptLimit attempts,
        @DefaultValue("audit-service") List<String> snapshotClients) {

    /** The highest overdue-list limit a trust may set: no compliance report lists more people as overdue. */
    public static final int MAX_OVERDUE_LIST_LIMIT = 100_000;

    public TrainingSettings {
        Periods.requireWithin("trustgov.training.due-soon", dueSoon, Period.ofDays(1), Period.ofYears(1));
        requireWithin("trustgov.training.policy-version-cache", policyVersionCache, Duration.ZERO, Duration.ofHours(1));
        requireWithin(
                "trustgov.training.standings-repair-window",
                standingsRepairWindow,
                Duration.ofMinutes(1),
                Duration.ofDays(30));
        requireWithin(
                "trustgov.training.standings-repair-interval",
                standingsRepairInterval,
                Duration.ofMinutes(1),
                Duration.ofDays(1));
        if (overdueListLimit < 1 || overdueListLimit > MAX_OVERDUE_LIST_LIMIT) {
            throw new IllegalArgumentException(
                    "trustgov.training.overdue-list-limit must be between 1 and " + MAX_OVERDUE_LIST_LIMIT);
        }
    }

    /**
     * At most {@code maxFailed} failed attempts at one module in any {@code period}; the next attempt is refused
     * with 429 and the time it is allowed again. It stops answers being found by trial and error.
     */
    public record AttemptLimit(
            @DefaultValue("3") int maxFailed,
            @DefaultValue("P1D") Period period) {
        public AttemptLimit {
            if (maxFailed < 1 || maxFailed > 100) {
                throw new IllegalArgumentException("trustgov.training.attempts.max-failed must be between 1 and 100");
            }
            Periods.requireWithin("trustgov.training.attempts.period", period, Period.ofDays(1), Period.ofDays(90));
        }
    }

    private static void requireWithin(String property, Duration value, Duration min, Duration max) {
        if (value == null || value.compareTo(min) < 0 || value.compareTo(max) > 0) {
            throw new IllegalArgumentException(
                    property + " must be between " + min + " and " + max + "; it is " + value);
        }
    }
}
