package org.trustgov.training.refreshers;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;
import org.trustgov.auditclient.AuditEvent;
import org.trustgov.starter.idempotency.KeyedSending;
import org.trustgov.training.roster.RefresherDue;

/**
 * A targeted refresher: governance assigned a module citing a clause to one group, with a due date, because incidents
 * cited that clause there. The group's roster records carry it ({@link RefresherDue}) until each member completes the
 * module again; {@code applied} is set once they all do, so a stop in between is repaired.
 */
@Document("targeted_refreshers")
public class TargetedRefresher {

    @Id
    private String id;

    private String policyCode;
    private String clause;
    private String department;
    private String manager;
    private String moduleCode;
    private int moduleVersion;
    private Instant assignedAt;
    private Instant dueAt;
    private String assignedBy;
    /** How many active staff the group held when it was assigned. */
    private long groupSize;

    private boolean applied;
    private List<AuditEvent> pendingAuditEvents = new ArrayList<>();

    /**
     * The hash of the {@code Idempotency-Key} the refresher was assigned with, in its assigner's scope: how assigning
     * it again, after the answer was lost, finds this one instead of assigning a second. {@code null} without a key.
     */
    @Indexed(unique = true, sparse = true)
    private String assignedWithKey;

    /** The hash of what was sent with {@link #assignedWithKey}: the key sent with another refresher is refused. */
    private String assignedWithKeyContent;

    protected TargetedRefresher() {}

    TargetedRefresher(
            String id,
            RefresherRequest request,
            int moduleVersion,
            Instant assignedAt,
            Instant dueAt,
            String assignedBy,
            long groupSize,
            AuditEvent event) {
        this.id = id;
        this.policyCode = request.policyCode();
        this.clause = request.clause();
        this.department = request.department();
        this.manager = request.manager();
        this.moduleCode = request.moduleCode();
        this.moduleVersion = moduleVersion;
        this.assignedAt = assignedAt;
        this.dueAt = dueAt;
        this.assignedBy = assignedBy;
        this.groupSize = groupSize;
        this.pendingAuditEvents.add(event);
    }

    /** The refresher was assigned with an {@code Idempotency-Key} (its hash, and that of what was sent; none: null). */
    TargetedRefresher keyedBy(KeyedSending sent) {
        assignedWithKey = sent == null ? null : sent.key();
        assignedWithKeyContent = sent == null ? null : sent.content();
        return this;
    }

    /** The hash of what the refresher was assigned with, with its key ({@code null} without one). */
    String keyedContent() {
        return assignedWithKeyContent;
    }

    RefresherDue due() {
        return new RefresherDue(id, assignedAt, dueAt);
    }

    public String getId() {
        return id;
    }

    public String getPolicyCode() {
        return policyCode;
    }

    public String getClause() {
        return clause;
    }

    public String getDepartment() {
        return department;
    }

    public String getManager() {
        return manager;
    }

    public String getModuleCode() {
        return moduleCode;
    }

    public int getModuleVersion() {
        return moduleVersion;
    }

    public Instant getAssignedAt() {
        return assignedAt;
    }

    public Instant getDueAt() {
        return dueAt;
    }

    public String getAssignedBy() {
        return assignedBy;
    }

    public long getGroupSize() {
        return groupSize;
    }

    public boolean isApplied() {
        return applied;
    }
}
