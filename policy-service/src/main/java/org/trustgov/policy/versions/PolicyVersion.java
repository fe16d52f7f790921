package org.trustgov.policy.versions;

import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.mapping.Document;
import org.trustgov.policy.policies.Policy;
import org.trustgov.starter.problem.ConflictException;

/**
 * One version of a policy, clause by clause. Its lifecycle rules live here: only drafts change; the approver is
 * never the author; approval waits for every consultation comment to be resolved; a published version never
 * changes again. Whether a published version is still in force is decided by its policy's pointer
 * ({@link #effectiveStatus(Policy)}), which is what makes publishing atomic.
 */
@Document("versions")
@CompoundIndex(name = "policy_number", def = "{'policyCode': 1, 'major': 1, 'minor': 1}", unique = true)
public class PolicyVersion {

    @Id
    private String id;
    private String policyCode;
    private String number;
    private int major;
    private int minor;
    /** The lifecycle as far as this document knows; SUPERSEDED and RETIRED are read off the policy. */
    private VersionStatus status;
    private List<Clause> clauses = new ArrayList<>();
    private String changeSummary;
    private LocalDate effectiveDate;
    private LocalDate reviewDue;
    private Person author;
    private Person approver;
    private String contentHash;
    private Instant publishedAt;
    private List<Transition> transitions = new ArrayList<>();

    @Version
    private Long revision;

    protected PolicyVersion() {
    }

    public static PolicyVersion draft(String policyCode, VersionNumber number, VersionContent content, Person author,
            Period reviewPeriod, Instant at) {
        PolicyVersion version = new PolicyVersion();
        version.policyCode = policyCode;
        version.number = number.toString();
        version.major = number.major();
        version.minor = number.minor();
        version.status = VersionStatus.DRAFT;
        version.author = author;
        version.write(content, reviewPeriod);
        version.transitions.add(new Transition(null, VersionStatus.DRAFT, author.username(), at));
        return version;
    }

    public void edit(VersionContent content, Period reviewPeriod) {
        require(VersionStatus.DRAFT, "edit");
        write(content, reviewPeriod);
    }

    public void submitForReview(Person by, Instant at) {
        require(VersionStatus.DRAFT, "open for review");
        if (clauses.isEmpty()) {
            throw new ConflictException("Version " + number + " has no clauses to review");
        }
        move(VersionStatus.IN_REVIEW, by, at);
    }

    /** Sends a version under review (or approved, before publication) back to its author for changes. */
    public void returnToDraft(Person by, Instant at) {
        if (status != VersionStatus.IN_REVIEW && status != VersionStatus.APPROVED) {
            throw new ConflictException("Only a version in review or approved can go back to draft; " + number + " is " + status);
        }
        approver = null;
        move(VersionStatus.DRAFT, by, at);
    }

    public void approve(Person by, long unresolvedComments, Instant at) {
        require(VersionStatus.IN_REVIEW, "approve");
        if (author.same(by)) {
            throw new ConflictException("The approver may not be the author of the version: "
                    + by.username() + " wrote version " + number + ", so someone else must approve it");
        }
        if (unresolvedComments > 0) {
            throw new ConflictException(unresolvedComments + " consultation comment(s) on version " + number
                    + " are not resolved yet");
        }
        approver = by;
        move(VersionStatus.APPROVED, by, at);
    }

    /** Called once the policy's pointer names this version; from here on it never changes. */
    public void markPublished(Person by, String hash, Instant at) {
        require(VersionStatus.APPROVED, "publish");
        contentHash = hash;
        publishedAt = at;
        move(VersionStatus.PUBLISHED, by, at);
    }

    /** Records, for the history, that a later version replaced this one. */
    public void recordSuperseded(Person by, Instant at) {
        transitions.add(new Transition(VersionStatus.PUBLISHED, VersionStatus.SUPERSEDED, by.username(), at));
    }

    public void requirePublishable() {
        require(VersionStatus.APPROVED, "publish");
    }

    /** The status callers see, read against the policy's pointer to its published version. */
    public VersionStatus effectiveStatus(Policy policy) {
        boolean current = number.equals(policy.getPublishedVersion());
        if (current || status == VersionStatus.PUBLISHED) {
            if (policy.isRetired()) {
                return VersionStatus.RETIRED;
            }
            return current ? VersionStatus.PUBLISHED : VersionStatus.SUPERSEDED;
        }
        return status;
    }

    public Optional<Clause> clause(String clauseNumber) {
        return clauses.stream().filter(c -> c.number().equals(clauseNumber)).findFirst();
    }

    public VersionNumber versionNumber() {
        return new VersionNumber(major, minor);
    }

    private void write(VersionContent content, Period reviewPeriod) {
        clauses = Clause.ordered(content.clauses() == null ? List.of() : content.clauses());
        changeSummary = content.changeSummary();
        effectiveDate = content.effectiveDate();
        reviewDue = content.reviewDue() != null ? content.reviewDue()
                : effectiveDate != null ? effectiveDate.plus(reviewPeriod) : null;
    }

    private void require(VersionStatus expected, String action) {
        if (status != expected) {
            throw new ConflictException("Cannot " + action + " version " + number + " of " + policyCode
                    + ": it is " + status + ", and only a version that is " + expected + " can be");
        }
    }

    private void move(VersionStatus to, Person by, Instant at) {
        transitions.add(new Transition(status, to, by.username(), at));
        status = to;
    }

    public String getId() { return id; }
    public String getPolicyCode() { return policyCode; }
    public String getNumber() { return number; }
    public int getMajor() { return major; }
    public int getMinor() { return minor; }
    public VersionStatus getStatus() { return status; }
    public List<Clause> getClauses() { return clauses; }
    public String getChangeSummary() { return changeSummary; }
    public LocalDate getEffectiveDate() { return effectiveDate; }
    public LocalDate getReviewDue() { return reviewDue; }
    public Person getAuthor() { return author; }
    public Person getApprover() { return approver; }
    public String getContentHash() { return contentHash; }
    public Instant getPublishedAt() { return publishedAt; }
    public List<Transition> getTransitions() { return List.copyOf(transitions); }
}
