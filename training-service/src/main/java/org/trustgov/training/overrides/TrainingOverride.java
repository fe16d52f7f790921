package org.trustgov.training.overrides;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;
import org.trustgov.auditclient.AuditEvent;
import org.trustgov.training.roster.Standing.Basis;

/**
 * A training override: a completion earned at another organisation, or an exemption, for one person and one
 * module. Recorded by governance (or sent by HR with the roster), it counts towards compliance only once a second
 * member of governance approves it, and then with its own expiry; it shows as transferred or exempt, never as earned
 * here. Nothing is removed: a refusal stays, with who refused it and why.
 */
@Document("training_overrides")
public class TrainingOverride {

    public enum Status {
        AWAITING_APPROVAL,
        APPROVED,
        REFUSED
    }

    /** Who recorded it: governance, or the HR system with the roster (the Inter-Authority Transfer). */
    public enum Origin {
        GOVERNANCE,
        HR
    }

    @Id
    private String id;

    @Indexed
    private String staffNumber;

    /** Their department when it was recorded (HR's export shows it beside each row). */
    private String department;

    private String moduleCode;
    private Basis kind;
    private String sourceOrganisation;
    private LocalDate earnedOn;
    private String reason;
    private LocalDate expiresOn;
    private String evidenceReference;
    private Origin origin;
    private String recordedBy;
    private Instant recordedAt;

    @Indexed
    private Status status;

    private String decidedBy;
    private Instant decidedAt;
    private String refusal;
    /** From approval: what it counts as, for {@link org.trustgov.training.roster.RosterStandings}. */
    private Instant completedAt;

    private Instant expiresAt;
    /** Whether its standing is on the person's roster record (a stop in between is repaired). */
    private boolean applied;

    @com.fasterxml.jackson.annotation.JsonIgnore
    private List<AuditEvent> pendingAuditEvents = new ArrayList<>();

    @Version
    private Long revision;

    protected TrainingOverride() {}

    TrainingOverride(
            String id,
            OverrideRequest r,
            String department,
            Origin origin,
            String recordedBy,
            Instant at,
            AuditEvent event) {
        this.id = id;
        this.staffNumber = r.staffNumber();
        this.department = department;
        this.moduleCode = r.moduleCode();
        this.kind = r.kind();
        this.sourceOrganisation = r.kind() == Basis.TRANSFERRED ? r.sourceOrganisation() : null;
        this.earnedOn = r.kind() == Basis.TRANSFERRED ? r.earnedOn() : null;
        this.reason = r.kind() == Basis.EXEMPT ? r.reason() : null;
        this.expiresOn = r.kind() == Basis.EXEMPT ? r.expiresOn() : null;
        this.evidenceReference = r.evidenceReference();
        this.origin = origin;
        this.recordedBy = recordedBy;
        this.recordedAt = at;
        this.status = Status.AWAITING_APPROVAL;
        this.pendingAuditEvents.add(event);
    }

    void approve(String by, Instant at, Instant completedAt, Instant expiresAt, AuditEvent event) {
        this.status = Status.APPROVED;
        this.decidedBy = by;
        this.decidedAt = at;
        this.completedAt = completedAt;
        this.expiresAt = expiresAt;
        this.pendingAuditEvents.add(event);
    }

    void refuse(String by, Instant at, String why, AuditEvent event) {
        this.status = Status.REFUSED;
        this.decidedBy = by;
        this.decidedAt = at;
        this.refusal = why;
        this.pendingAuditEvents.add(event);
    }

    public String getId() {
        return id;
    }

    public String getStaffNumber() {
        return staffNumber;
    }

    public String getDepartment() {
        return department;
    }

    public String getModuleCode() {
        return moduleCode;
    }

    public Basis getKind() {
        return kind;
    }

    public String getSourceOrganisation() {
        return sourceOrganisation;
    }

    public LocalDate getEarnedOn() {
        return earnedOn;
    }

    public String getReason() {
        return reason;
    }

    public LocalDate getExpiresOn() {
        return expiresOn;
    }

    public String getEvidenceReference() {
        return evidenceReference;
    }

    public Origin getOrigin() {
        return origin;
    }

    public String getRecordedBy() {
        return recordedBy;
    }

    public Instant getRecordedAt() {
        return recordedAt;
    }

    public Status getStatus() {
        return status;
    }

    public String getDecidedBy() {
        return decidedBy;
    }

    public Instant getDecidedAt() {
        return decidedAt;
    }

    public String getRefusal() {
        return refusal;
    }

    public Instant getCompletedAt() {
        return completedAt;
    }

    public Instant getExpiresAt() {
        return expiresAt;
    }

    public boolean isApplied() {
        return applied;
    }

    public Long getRevision() {
        return revision;
    }
}
