package org.trustgov.training.roster;

import java.time.Instant;

/**
 * A person's latest completion of one module, kept on their roster record under {@code standings.<moduleCode>} so
 * that a department's compliance is one aggregation over the roster (no join with the attempts). It is a
 * projection of the completions, written only by {@link RosterStandings}.
 */
public record Standing(
        int moduleVersion,
        String policyVersion,
        int policyMajor,
        Instant completedAt,
        Instant expiresAt,
        String certificateId,
        Basis basis) {

    /**
     * How the standing was met when not by passing the module here ({@code null}: earned here): a completion earned
     * at another organisation, or an exemption, each recorded by governance and approved by a second member.
     */
    public enum Basis {
        TRANSFERRED,
        EXEMPT
    }

    /** A completion earned here. */
    public Standing(
            int moduleVersion,
            String policyVersion,
            int policyMajor,
            Instant completedAt,
            Instant expiresAt,
            String certificateId) {
        this(moduleVersion, policyVersion, policyMajor, completedAt, expiresAt, certificateId, null);
    }
}
