package org.trustgov.policy.versions;

/** Where a version stands: {@code DRAFT → IN_REVIEW → APPROVED → PUBLISHED → SUPERSEDED}, or {@code RETIRED}. */
public enum VersionStatus {
    DRAFT,
    IN_REVIEW,
    APPROVED,
    PUBLISHED,
    SUPERSEDED,
    RETIRED
}
