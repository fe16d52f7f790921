package org.trustgov.training.attempts;

import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;

/** Where a person stands on one module, from their latest completion's expiry. */
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
        Instant soon = now.atOffset(ZoneOffset.UTC).plus(dueSoon).toInstant();
        return soon.isBefore(expiresAt) ? COMPLIANT : DUE_SOON;
    }
}
