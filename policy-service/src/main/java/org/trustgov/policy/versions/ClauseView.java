package org.trustgov.policy.versions;

/** One clause with the version it belongs to: what other services cite ("SM-001 v2.0 clause 4.2"). */
public record ClauseView(
        String policyCode, String version, VersionStatus versionStatus, String contentHash, Clause clause) {}
