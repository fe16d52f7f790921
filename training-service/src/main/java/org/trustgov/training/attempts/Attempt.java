package org.trustgov.training.attempts;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;
import org.trustgov.auditclient.AuditEvent;

/**
 * A learner's attempt at a module version. Submitting scores it and, on a pass, attaches the {@link Completion}
 * to this same document in one conditional update, so an attempt is never submitted twice and never half-written.
 */
@Document("attempts")
@CompoundIndex(name = "staff_module", def = "{'staffNumber': 1, 'moduleCode': 1, 'completion.completedAt': -1}")
@CompoundIndex(
        name = "staff_module_failed",
        def = "{'staffNumber': 1, 'moduleCode': 1, 'passed': 1, 'submittedAt': -1}")
@CompoundIndex(name = "pending_audit_events", def = "{'pendingAuditEvents.eventId': 1}", sparse = true)
public class Attempt {

    public enum Status {
        STARTED,
        SUBMITTED
    }

    /**
     * The record of a pass: what HR reads and what the certificate shows, the holder's name as it was at the time
     * (a certificate does not change when the roster later does).
     */
    public record Completion(
            String certificateId,
            int score,
            String moduleCode,
            int moduleVersion,
            String moduleTitle,
            String policyCode,
            String policyVersion,
            Instant completedAt,
            Instant expiresAt,
            String holderName) {}

    @Id
    private String id;

    @Indexed
    private String staffNumber;

    private String department;
    private String moduleCode;
    private int moduleVersion;
    private Status status;
    private Instant startedAt;
    private Instant submittedAt;
    private Map<String, Set<String>> answers;
    private Integer score;
    private Boolean passed;

    @Indexed(unique = true, sparse = true)
    private String certificateId;

    private Completion completion;
    /** The id of the completion's audit event: the log entry a verifiable export proves it by. */
    private String completionEventId;
    /** The audit event of a pass until it is in the outbox; written in the same update as the pass. */
    private List<AuditEvent> pendingAuditEvents = new ArrayList<>();

    protected Attempt() {}

    public Attempt(String id, String staffNumber, String department, String moduleCode, int moduleVersion, Instant at) {
        this.id = id;
        this.staffNumber = staffNumber;
        this.department = department;
        this.moduleCode = moduleCode;
        this.moduleVersion = moduleVersion;
        this.status = Status.STARTED;
        this.startedAt = at;
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

    public int getModuleVersion() {
        return moduleVersion;
    }

    public Status getStatus() {
        return status;
    }

    public Instant getStartedAt() {
        return startedAt;
    }

    public Instant getSubmittedAt() {
        return submittedAt;
    }

    public Map<String, Set<String>> getAnswers() {
        return answers;
    }

    public Integer getScore() {
        return score;
    }

    public Boolean getPassed() {
        return passed;
    }

    public Completion getCompletion() {
        return completion;
    }

    public String getCompletionEventId() {
        return completionEventId;
    }
}
