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
import org.trustgov.auditclient.AuditEvent;
import org.trustgov.policy.policies.Policy;
import org.trustgov.problem.ConflictException;

/**
 * One version of a policy, clause by clause. Its lifecycle rules live here: only drafts change; the approver is
 * neither the author nor anyone who edited the draft (four eyes); approval waits for every consultation comment to
 * be resolved; a published version never changes again.
 *
 * <p>A version has one status, {@link #status(Policy)}. Before publication it is the stage this document records
 * (DRAFT, IN_REVIEW, APPROVED). From publication on it is read off the policy alone: its pointer and its list of
 * publications (with each one's content hash) say whether the version is PUBLISHED, SUPERSEDED or RETIRED. The
 * pointer moves in one conditional update, so publishing is atomic and this document is never written again.
 */
@Document("versions")
@CompoundIndex(name = "policy_number", def = "{'policyCode': 1, 'major': 1, 'minor': 1}", unique = true)
public class PolicyVersion {

    /** The most people who may write one version: each further editor is refused, so the list stays bounded. */
    public static final int MAX_EDITORS = 50;
    /** The most lifecycle steps one version takes (review rounds included); a version sent back more starts anew. */
    public static final int MAX_STEPS = 100;
    /** A version's history: its own steps, then publication, supersession and retirement from the policy. */
    public static final int MAX_HISTORY = MAX_STEPS + 3;

    @Id
    private String id;

    private String policyCode;
    private String number;
    private int major;
    private int minor;
    /** The stage before publication (DRAFT, IN_REVIEW, APPROVED); from publication on the policy decides. */
    private VersionStatus status;
    /** Everyone who wrote this version's content (the author first): none of them may approve it. */
    private List<Person> editors = new ArrayList<>();

    private List<Clause> clauses = new ArrayList<>();
    private String changeSummary;
    private LocalDate effectiveDate;
    private LocalDate reviewDue;
    private Person author;
    private Person approver;
    private List<Transition> transitions = new ArrayList<>();
    /** Audit events of this version's steps not yet moved to the outbox (written with the step itself). */
    private List<AuditEvent> pendingAuditEvents = new ArrayList<>();

    @Version
    private Long revision;

    protected PolicyVersion() {}

    public static PolicyVersion draft(
            String policyCode,
            VersionNumber number,
            VersionContent content,
            Person author,
            Period reviewPeriod,
            Instant at) {
        PolicyVersion version = new PolicyVersion();
        version.policyCode = policyCode;
        version.number = number.toString();
        version.major = number.major();
        version.minor = number.minor();
        version.status = VersionStatus.DRAFT;
        version.author = author;
        version.editors.add(author);
        version.write(content, reviewPeriod);
        version.transitions.add(new Transition(null, VersionStatus.DRAFT, author.username(), at));
        return version;
    }

    /** Replaces the content of a draft; the editor is recorded and may no longer approve this version. */
    public void edit(VersionContent content, Person by, Period reviewPeriod) {
        require(VersionStatus.DRAFT, "edit");
        boolean newEditor = editors.stream().noneMatch(e -> e.same(by));
        if (newEditor && editors.size() >= MAX_EDITORS) {
            throw new ConflictException("Version " + number + " already has " + MAX_EDITORS
                    + " editors, the most one version holds; one of them must make further changes");
        }
        write(content, reviewPeriod);
        if (newEditor) {
            editors.add(by);
        }
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
            throw new ConflictException(
                    "Only a version in review or approved can go back to draft; " + number + " is " + status);
        }
        approver = null;
        move(VersionStatus.DRAFT, by, at);
    }

    public void approve(Person by, long unresolvedComments, Instant at) {
        require(VersionStatus.IN_REVIEW, "approve");
        if (author.same(by)) {
            throw new ConflictException("The approver may not be the author of the version: " + by.username()
                    + " wrote version " + number + ", so someone else must approve it");
        }
        if (!mayApprove(by)) {
            throw new ConflictException("The approver may not have edited the version: " + by.username()
                    + " edited version " + number + ", so someone who did not must approve it (four eyes)");
        }
        if (unresolvedComments > 0) {
            throw new ConflictException(
                    unresolvedComments + " consultation comment(s) on version " + number + " are not resolved yet");
        }
        approver = by;
        move(VersionStatus.APPROVED, by, at);
    }

    /** Records the audit event of the step just taken; it is saved with the step, in the same write. */
    void recordEvent(AuditEvent event) {
        pendingAuditEvents.add(event);
    }

    public void requirePublishable() {
        require(VersionStatus.APPROVED, "publish");
    }

    /** Four eyes: whoever wrote any of this version (the author, any later editor) may not approve it. */
    public boolean mayApprove(Person person) {
        return !author.same(person) && editors.stream().noneMatch(e -> e.same(person));
    }

    /**
     * The status, from the one source that decides it: the policy once the version has been published (PUBLISHED
     * while the pointer names it, SUPERSEDED after, RETIRED with the policy), this document's stage before.
     */
    public VersionStatus status(Policy policy) {
        if (policy.publication(number).isPresent()) {
            if (policy.isRetired()) {
                return VersionStatus.RETIRED;
            }
            return number.equals(policy.getPublishedVersion()) ? VersionStatus.PUBLISHED : VersionStatus.SUPERSEDED;
        }
        return status == VersionStatus.PUBLISHED || status == VersionStatus.SUPERSEDED
                ? VersionStatus.APPROVED // written by an older release that stored the publication here as well
                : status;
    }

    /** The content hash recorded when the version was published; {@code null} before. */
    public String contentHash(Policy policy) {
        return policy.publication(number).map(Policy.Publication::contentHash).orElse(null);
    }

    public Instant publishedAt(Policy policy) {
        return policy.publication(number).map(Policy.Publication::at).orElse(null);
    }

    /** This version's history: its own steps, then its publication and its supersession from the policy's record. */
    public List<Transition> history(Policy policy) {
        List<Transition> history = new ArrayList<>(transitions);
        history.removeIf(t -> t.to() == VersionStatus.PUBLISHED || t.to() == VersionStatus.SUPERSEDED);
        List<Policy.Publication> publications = policy.getPublications();
        for (int i = 0; i < publications.size(); i++) {
            if (publications.get(i).version().equals(number)) {
                Policy.Publication published = publications.get(i);
                history.add(new Transition(
                        VersionStatus.APPROVED, VersionStatus.PUBLISHED, published.by(), published.at()));
                if (i + 1 < publications.size()) {
                    Policy.Publication next = publications.get(i + 1);
                    history.add(
                            new Transition(VersionStatus.PUBLISHED, VersionStatus.SUPERSEDED, next.by(), next.at()));
                }
            }
        }
        if (policy.isRetired() && policy.publication(number).isPresent()) {
            VersionStatus from =
                    number.equals(policy.getPublishedVersion()) ? VersionStatus.PUBLISHED : VersionStatus.SUPERSEDED;
            history.add(new Transition(from, VersionStatus.RETIRED, policy.getRetiredBy(), policy.getRetiredAt()));
        }
        return List.copyOf(history);
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
        reviewDue = content.reviewDue() != null
                ? content.reviewDue()
                : effectiveDate != null ? effectiveDate.plus(reviewPeriod) : null;
    }

    private void require(VersionStatus expected, String action) {
        if (status != expected) {
            throw new ConflictException("Cannot " + action + " version " + number + " of " + policyCode + ": it is "
                    + status + ", and only a version that is " + expected + " can be");
        }
    }

    private void move(VersionStatus to, Person by, Instant at) {
        if (transitions.size() >= MAX_STEPS) {
            throw new ConflictException("Version " + number + " has taken " + MAX_STEPS
                    + " lifecycle steps, the most one version takes; start a new version from it");
        }
        transitions.add(new Transition(status, to, by.username(), at));
        status = to;
    }

    public String getId() {
        return id;
    }

    public String getPolicyCode() {
        return policyCode;
    }

    public String getNumber() {
        return number;
    }

    public int getMajor() {
        return major;
    }

    public int getMinor() {
        return minor;
    }

    public List<Clause> getClauses() {
        return clauses;
    }

    public String getChangeSummary() {
        return changeSummary;
    }

    public LocalDate getEffectiveDate() {
        return effectiveDate;
    }

    public LocalDate getReviewDue() {
        return reviewDue;
    }

    public Person getAuthor() {
        return author;
    }

    public Person getApprover() {
        return approver;
    }

    public List<Person> getEditors() {
        return List.copyOf(editors);
    }
    /** The steps this document recorded before publication; {@link #history(Policy)} adds what came after. */
    public List<Transition> getTransitions() {
        return List.copyOf(transitions);
    }
}
