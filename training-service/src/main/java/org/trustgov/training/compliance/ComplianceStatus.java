package org.trustgov.training.compliance;

import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;

/**
 * Where a person stands on one module. The rule is written twice on purpose, here for one person and in
 * {@link ComplianceReports} as a MongoDB expression for a whole department; {@code ComplianceReportTest} checks
 * that both give the same answer on the same data.
 */
public enum ComplianceStatus {
    COMPLIANT, DUE_SOON, EXPIRED, NOT_STARTED;

    /**
     * @param expiresAt expiry of the latest completion, {@code null} when there is none
     * @param dueSoon   how long before expiry a completion counts as due soon
     */
    public static ComplianceStatus of(Instant expiresAt, Instant now, Period dueSoon) {
        if (expiresAt == null) {
            return NOT_STARTED;
        }
        if (!now.isBefore(expiresAt)) {
            return EXPIRED;
        }
        return dueSoonFrom(now, dueSoon).isBefore(expiresAt) ? COMPLIANT : DUE_SOON;
    }

    /**
     * As {@link #of(Instant, Instant, Period)}, and a completion taught against an older major version of the
     * policy than the one in force no longer counts: it is EXPIRED whatever its date.
     *
     * @param taughtMajor  the policy major version the completion was taught against
     * @param currentMajor the policy major version in force, {@code null} when not known
     */
    public static ComplianceStatus of(Instant expiresAt, Integer taughtMajor, Integer currentMajor, Instant now,
            Period dueSoon) {
        if (expiresAt != null && currentMajor != null && (taughtMajor == null || taughtMajor < currentMajor)) {
            return EXPIRED;
        }
        return of(expiresAt, now, dueSoon);
    }

    /** The instant from which an unexpired completion is due soon. */
    public static Instant dueSoonFrom(Instant now, Period dueSoon) {
        return now.atOffset(ZoneOffset.UTC).plus(dueSoon).toInstant();
    }

    /** {@code 2} for {@code "2.1"}. */
    public static int majorOf(String policyVersion) {
        return Integer.parseInt(policyVersion.substring(0, policyVersion.indexOf('.')));
    }
}
