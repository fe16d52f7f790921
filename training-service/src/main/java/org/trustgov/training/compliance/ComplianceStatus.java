package org.trustgov.training.compliance;

import java.time.Instant;
import java.time.Period;

/** Where a person stands on one module; the rule that decides it is {@link ComplianceRule}. */
public enum ComplianceStatus {
    COMPLIANT,
    DUE_SOON,
    EXPIRED,
    NOT_STARTED;

    /**
     * The status by dates alone (no policy version known).
     *
     * @param expiresAt expiry of the latest completion, {@code null} when there is none
     * @param dueSoon   how long before expiry a completion counts as due soon
     */
    public static ComplianceStatus of(Instant expiresAt, Instant now, Period dueSoon) {
        return ComplianceRule.of(
                new ComplianceRule.Facts(expiresAt, null), new ComplianceRule.Context(now, null, dueSoon));
    }

    /**
     * The status, a completion taught against an older major version of the policy than the one in force counting
     * as EXPIRED whatever its date.
     *
     * @param taughtMajor  the policy major version the completion was taught against
     * @param currentMajor the policy major version in force, {@code null} when not known
     */
    public static ComplianceStatus of(
            Instant expiresAt, Integer taughtMajor, Integer currentMajor, Instant now, Period dueSoon) {
        return ComplianceRule.of(
                new ComplianceRule.Facts(expiresAt, taughtMajor),
                new ComplianceRule.Context(now, currentMajor, dueSoon));
    }

    /** {@code 2} for {@code "2.1"}. */
    public static int majorOf(String policyVersion) {
        return ComplianceRule.majorOf(policyVersion);
    }
}
