package org.trustgov.training;

import java.time.Duration;
import java.time.Period;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Training-service settings ({@code trustgov.training.*}).
 *
 * @param dueSoon            how long before a completion expires the person counts as DUE_SOON (ISO-8601, default P30D)
 * @param policyVersionCache how long the policy version in force, read from policy-service, is reused (default 1m)
 * @param overdueListLimit   the most people one compliance report lists as overdue (default 1000; the counts are
 *                           always complete)
 * @param standingsRepairWindow   how far back the standings repair looks for passes (default 48h)
 * @param standingsRepairInterval how often it runs after the one at start-up (default 1h)
 */
@ConfigurationProperties("trustgov.training")
public record TrainingSettings(@DefaultValue("P30D") Period dueSoon,
        @DefaultValue("1m") Duration policyVersionCache,
        @DefaultValue("1000") int overdueListLimit,
        @DefaultValue("48h") Duration standingsRepairWindow,
        @DefaultValue("1h") Duration standingsRepairInterval) {
}
