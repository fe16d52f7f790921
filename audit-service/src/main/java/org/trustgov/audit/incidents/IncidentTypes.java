package org.trustgov.audit.incidents;

import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** The value types an incident is made of, in the trust's words. */
public final class IncidentTypes {

    private IncidentTypes() {}

    public enum Category {
        CONFIDENTIALITY_BREACH,
        PATIENT_IMAGES_WITHOUT_CONSENT,
        INAPPROPRIATE_COMMENTS_ABOUT_PATIENTS,
        BOUNDARY_BREACH_OR_RELATIONSHIP_WITH_PATIENT,
        BULLYING_OR_HARASSMENT,
        DISCRIMINATORY_CONTENT,
        MISLEADING_HEALTH_INFORMATION,
        DAMAGE_TO_TRUST_REPUTATION,
        OTHER
    }

    public enum Severity {
        LOW,
        MODERATE,
        HIGH,
        CRITICAL
    }

    public enum Platform {
        FACEBOOK,
        INSTAGRAM,
        X,
        TIKTOK,
        WHATSAPP,
        LINKEDIN,
        YOUTUBE,
        SNAPCHAT,
        REDDIT,
        OTHER
    }

    public enum Regulator {
        NMC,
        GMC,
        HCPC
    }

    public enum OutcomeType {
        NO_CASE_TO_ANSWER,
        INFORMAL_ACTION,
        FORMAL_WARNING,
        FINAL_WARNING,
        DISMISSAL,
        REFERRAL_TO_REGULATOR;

        boolean expires() {
            return this == FORMAL_WARNING || this == FINAL_WARNING;
        }
    }

    /** A link to a post or screenshot, or a reference to a document held elsewhere (no uploads here). */
    public enum EvidenceKind {
        URL,
        DOCUMENT
    }

    public record Evidence(EvidenceKind kind, String reference, String note) {}

    /** A clause of a policy version, as policy-service confirmed it when the incident was recorded. */
    public record BreachedClause(String policyCode, String policyVersion, String clauseNumber, String heading) {}

    /** The subject's standing on one module that teaches a breached policy, when the incident was recorded. */
    public record ModuleStatus(
            String moduleCode,
            int moduleVersion,
            String status,
            String policyVersion,
            Instant completedAt,
            Instant expiresAt) {}

    public enum SnapshotState {
        PENDING,
        RECORDED,
        NOT_ON_ROSTER
    }

    /**
     * The subject's training when the incident was recorded. PENDING when training-service could not answer; it
     * is filled in later, taken as it is then ({@code takenAt} says when).
     *
     * @param compliant all modules teaching the breached policies COMPLIANT or DUE_SOON; {@code null} if none or unknown
     */
    public record TrainingSnapshot(
            SnapshotState state,
            Instant takenAt,
            String department,
            Boolean compliant,
            @Size(max = MAX_MODULES) List<ModuleStatus> modules) {

        /** training-service keeps at most this many module versions, so a person has no more standings. */
        public static final int MAX_MODULES = 1_000;

        static TrainingSnapshot pending() {
            return new TrainingSnapshot(SnapshotState.PENDING, null, null, null, List.of());
        }
    }

    public record Action(
            String id,
            String description,
            String ownerStaffNumber,
            LocalDate dueOn,
            Instant addedAt,
            String addedBy,
            Instant doneAt) {}

    /** An investigation note: governance and auditors only, never HR, the subject or the reporter. */
    public record Note(Instant at, String by, String text) {}

    public record Outcome(
            OutcomeType type,
            String summary,
            LocalDate expiresOn,
            Regulator regulator,
            Instant decidedAt,
            String decidedBy) {}

    public record Appeal(Instant at, String by, String reason) {}

    /**
     * A question the investigation puts to the person who reported a case confidentially, and their answer, given
     * with the receipt code: the answer has no author, the question's asker is governance's.
     */
    public record ReporterQuestion(
            String id, Instant askedAt, String askedBy, String question, String answer, Instant answeredAt) {}

    public record Transition(Incident.Status from, Incident.Status to, Instant at, String by) {}
}
