package org.trustgov.policy.policies;

import java.time.Instant;

/** A policy as listed to staff. */
public record PolicySummary(String code, String title, Instant updatedAt) {

    static PolicySummary of(Policy policy) {
        return new PolicySummary(policy.getCode(), policy.getTitle(), policy.getUpdatedAt());
    }
}
