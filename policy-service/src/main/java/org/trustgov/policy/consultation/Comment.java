package org.trustgov.policy.consultation;

import com.fasterxml.jackson.annotation.JsonIgnore;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;
import org.trustgov.policy.versions.Person;
import org.trustgov.problem.ConflictException;
import org.trustgov.starter.idempotency.KeyedChanges;
import org.trustgov.starter.idempotency.KeyedSending;

/** A consultation comment on a version under review, on the version as a whole or on one clause. */
@Document("comments")
public class Comment {

    /** Replies one comment holds at most (5,000 characters each: well within one stored document). */
    public static final int MAX_REPLIES = 200;
    /** Comments one version collects at most: a consultation that needs more is split into review rounds. */
    public static final int MAX_PER_VERSION = 2_000;

    /** An author's (or governance's) answer to a comment. */
    public record Reply(String text, Person by, Instant at) {}

    @Id
    private String id;

    @Indexed
    private String versionId;

    private String policyCode;
    private String version;
    /** {@code null} for a comment on the whole version. */
    private String clauseNumber;

    private String text;
    private Person by;
    private Instant at;

    @Size(max = MAX_REPLIES)
    private List<Reply> replies = new ArrayList<>();

    /**
     * The hash of the {@code Idempotency-Key} the comment came with, with its author's identity: how the comment sent
     * again after its answer was lost finds this one instead of adding a second. {@code null} without a key.
     */
    @JsonIgnore
    @Indexed(unique = true, sparse = true)
    private String requestKey;

    /** The hash of what was sent with {@link #requestKey}: the key sent with another comment is refused. */
    @JsonIgnore
    private String requestKeyContent;

    private boolean resolved;
    private Person resolvedBy;
    private Instant resolvedAt;

    /**
     * The {@code Idempotency-Key}s of the latest replies and resolution, as hashes: sent again after its answer was
     * lost, a reply is answered with the comment as it is instead of being added twice.
     */
    @JsonIgnore
    private KeyedChanges keyedChanges = new KeyedChanges();

    @Version
    private Long revision;

    protected Comment() {}

    public Comment(
            String versionId,
            String policyCode,
            String version,
            String clauseNumber,
            String text,
            Person by,
            Instant at) {
        this.versionId = versionId;
        this.policyCode = policyCode;
        this.version = version;
        this.clauseNumber = clauseNumber;
        this.text = text;
        this.by = by;
        this.at = at;
    }

    /** The comment came with an {@code Idempotency-Key} (its hash, and that of what was sent; none: null). */
    Comment keyedBy(KeyedSending sent) {
        requestKey = sent == null ? null : sent.key();
        requestKeyContent = sent == null ? null : sent.content();
        return this;
    }

    /** The hash of what the comment was sent with, with its key ({@code null} without one). */
    String keyedContent() {
        return requestKeyContent;
    }

    /** The keys of the latest replies and resolution (none in a comment stored before they had keys). */
    KeyedChanges keyedChanges() {
        return keyedChanges;
    }

    public void reply(String text, Person by, Instant at) {
        if (replies.size() >= MAX_REPLIES) {
            throw new ConflictException("This comment has the most replies one comment holds (" + MAX_REPLIES
                    + "); add a new comment to go on");
        }
        replies.add(new Reply(text, by, at));
    }

    public void resolve(Person by, Instant at) {
        if (resolved) {
            throw new ConflictException("The comment is already resolved");
        }
        resolved = true;
        resolvedBy = by;
        resolvedAt = at;
    }

    public String getId() {
        return id;
    }

    public String getVersionId() {
        return versionId;
    }

    public String getPolicyCode() {
        return policyCode;
    }

    public String getVersion() {
        return version;
    }

    public String getClauseNumber() {
        return clauseNumber;
    }

    public String getText() {
        return text;
    }

    public Person getBy() {
        return by;
    }

    public Instant getAt() {
        return at;
    }

    public List<Reply> getReplies() {
        return List.copyOf(replies);
    }

    public boolean isResolved() {
        return resolved;
    }

    public Person getResolvedBy() {
        return resolvedBy;
    }

    public Instant getResolvedAt() {
        return resolvedAt;
    }
}
