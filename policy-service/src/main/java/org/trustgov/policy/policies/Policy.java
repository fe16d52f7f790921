package org.trustgov.policy.policies;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.data.annotation.CreatedDate;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.LastModifiedDate;
import org.springframework.data.annotation.Version;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;
import org.trustgov.auditclient.AuditEvent;
import org.trustgov.problem.ConflictException;

/**
 * A trust policy such as {@code SM-001 Social media policy}. Which of its versions is published is recorded here,
 * in {@link #publishedVersion}, and only ever changed by one conditional update of this document: so a policy has
 * at most one published version at any moment, whatever runs concurrently (see {@code PublishedVersionSwitch}).
 */
@Document("policies")
public class Policy {

    public enum Status {
        ACTIVE,
        RETIRED
    }

    /** The most policies one trust keeps (it has tens): every list of policies is bounded by it. */
    public static final int MAX_POLICIES = 1_000;
    /** The most versions one policy holds, so its versions and its publications are bounded lists. */
    public static final int MAX_VERSIONS = 500;

    /** One publication: which version, who published it, when; the history of what was in force. */
    public record Publication(String version, String by, Instant at, String contentHash) {}

    @Id
    private String id;

    @Indexed(unique = true)
    private String code;

    private String title;
    private String owner;
    private String approvingCommittee;
    private List<String> professionalCodes = new ArrayList<>();
    private List<String> audience = new ArrayList<>();
    private List<String> tags = new ArrayList<>();
    private Status status = Status.ACTIVE;

    /** The number ("2.1") of the published version; {@code null} until the first publication. */
    private String publishedVersion;

    private List<Publication> publications = new ArrayList<>();

    private String createdBy;
    private String retiredBy;
    private Instant retiredAt;
    /** Audit events of changes to this policy not yet moved to the outbox (written with the change itself). */
    private List<AuditEvent> pendingAuditEvents = new ArrayList<>();

    @Version
    private Long revision;

    @CreatedDate
    private Instant createdAt;

    @LastModifiedDate
    private Instant updatedAt;

    protected Policy() {}

    public Policy(String code, String title, String createdBy) {
        this.code = code;
        this.title = title;
        this.createdBy = createdBy;
    }

    /** Replaces the descriptive fields; a retired policy is closed to edits. */
    public void describe(
            String title,
            String owner,
            String approvingCommittee,
            List<String> professionalCodes,
            List<String> audience,
            List<String> tags) {
        requireActive();
        this.title = title;
        this.owner = owner;
        this.approvingCommittee = approvingCommittee;
        this.professionalCodes = new ArrayList<>(professionalCodes == null ? List.of() : professionalCodes);
        this.audience = new ArrayList<>(audience == null ? List.of() : audience);
        this.tags = new ArrayList<>(tags == null ? List.of() : tags);
    }

    /**
     * Withdraws the policy altogether: its published version stops being in force. {@code event} is the audit
     * record of it, saved in the same write.
     */
    public void retire(String by, Instant at, AuditEvent event) {
        requireActive();
        this.status = Status.RETIRED;
        this.retiredBy = by;
        this.retiredAt = at;
        this.pendingAuditEvents.add(event);
    }

    /** The publication of a version, if it was ever published. */
    public Optional<Publication> publication(String version) {
        return publications.stream().filter(p -> p.version().equals(version)).findFirst();
    }

    public void requireActive() {
        if (status == Status.RETIRED) {
            throw new ConflictException("Policy " + code + " is retired and can no longer change");
        }
    }

    public boolean isRetired() {
        return status == Status.RETIRED;
    }

    public String getId() {
        return id;
    }

    public String getCode() {
        return code;
    }

    public String getTitle() {
        return title;
    }

    public String getOwner() {
        return owner;
    }

    public String getApprovingCommittee() {
        return approvingCommittee;
    }

    public List<String> getProfessionalCodes() {
        return List.copyOf(professionalCodes);
    }

    public List<String> getAudience() {
        return List.copyOf(audience);
    }

    public List<String> getTags() {
        return List.copyOf(tags);
    }

    public Status getStatus() {
        return status;
    }

    public String getPublishedVersion() {
        return publishedVersion;
    }

    public List<Publication> getPublications() {
        return List.copyOf(publications);
    }

    public String getCreatedBy() {
        return createdBy;
    }

    public String getRetiredBy() {
        return retiredBy;
    }

    public Instant getRetiredAt() {
        return retiredAt;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public Instant getUpdatedAt() {
        return updatedAt;
    }
}
