package org.trustgov.policy.attestations;

import java.time.Instant;
import java.util.List;

/** Response bodies of the attestation endpoints. */
public final class AttestationViews {

    private AttestationViews() {
    }

    /** An acknowledgement; {@code created} is false when the person had already acknowledged this major version. */
    public record Acknowledgement(String policyCode, String version, String contentHash, String staffNumber,
            Instant at, boolean created) {
        static Acknowledgement of(Attestation a, boolean created) {
            return new Acknowledgement(a.getPolicyCode(), a.getVersion(), a.getContentHash(), a.getStaffNumber(),
                    a.getAt(), created);
        }
    }

    /** A published version the person has not acknowledged yet. */
    public record Owed(String policyCode, String title, String version) {
    }

    public record Mine(String staffNumber, List<Acknowledgement> acknowledged, List<Owed> owed) {
    }

    /**
     * Acknowledgements of the version in force in one department. {@code activeStaff} and {@code outstanding}
     * come from training-service's roster and are {@code null} while it cannot be reached.
     */
    public record DepartmentCoverage(String department, long acknowledged, Long activeStaff, Long outstanding) {
    }

    /** {@code rosterAvailable=false}: training-service did not answer; only acknowledged counts are shown. */
    public record Coverage(String policyCode, String version, List<DepartmentCoverage> departments,
            boolean rosterAvailable) {
    }
}
