package org.trustgov.policy.attestations;

import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import org.trustgov.policy.policies.Policy;

/** Response bodies of the attestation endpoints. */
public final class AttestationViews {

    private AttestationViews() {}

    /** An acknowledgement; {@code created} is false when the person had already acknowledged this major version. */
    public record Acknowledgement(
            String policyCode, String version, String contentHash, String staffNumber, Instant at, boolean created) {
        static Acknowledgement of(Attestation a, boolean created) {
            return new Acknowledgement(
                    a.getPolicyCode(), a.getVersion(), a.getContentHash(), a.getStaffNumber(), a.getAt(), created);
        }
    }

    /** A published version the person has not acknowledged yet. */
    public record Owed(String policyCode, String title, String version) {}

    /**
     * A policy version in force and who has acknowledged its major version, for training-service's reminders:
     * everyone active on the roster and not listed owes an acknowledgement.
     *
     * @param majorSince when this major version was first published (a minor version does not restart the clock)
     */
    public record InForce(
            String policyCode,
            String title,
            String version,
            int major,
            Instant majorSince,
            @Size(max = MAX_ACKNOWLEDGED) List<String> acknowledgedBy) {}

    /** The most staff numbers one policy's list carries (far above any trust's headcount). */
    public static final int MAX_ACKNOWLEDGED = 200_000;

    /**
     * @param acknowledged one per major version of a policy the person acknowledged
     * @param owed         one per policy in force at most
     */
    public record Mine(
            String staffNumber,

            @Size(max = Policy.MAX_POLICIES * Policy.MAX_VERSIONS)
            List<Acknowledgement> acknowledged,

            @Size(max = Policy.MAX_POLICIES) List<Owed> owed) {}

    /**
     * Acknowledgements of the version in force in one department. {@code activeStaff} and {@code outstanding}
     * come from training-service's roster and are {@code null} while it cannot be reached.
     */
    public record DepartmentCoverage(String department, long acknowledged, Long activeStaff, Long outstanding) {}

    /**
     * {@code rosterAvailable=false}: training-service did not answer; only acknowledged counts are shown.
     * {@code departmentsTruncated}: there were more than {@link #MAX_DEPARTMENTS} departments, and only the first
     * of them by name are listed.
     */
    public record Coverage(
            String policyCode,
            String version,
            @Size(max = MAX_DEPARTMENTS) List<DepartmentCoverage> departments,
            boolean rosterAvailable,
            boolean departmentsTruncated) {}

    /** The most departments one coverage answer lists (a trust has tens to hundreds). */
    public static final int MAX_DEPARTMENTS = 2_000;
}
