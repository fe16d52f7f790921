package org.trustgov.policy.resources;

import com.fasterxml.jackson.annotation.JsonIgnore;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.springframework.data.annotation.CreatedDate;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.LastModifiedDate;
import org.springframework.data.annotation.Version;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;
import org.trustgov.problem.ConflictException;
import org.trustgov.starter.idempotency.KeyedSending;

/**
 * An approved online resource staff can point service users to (reliable health information, peer support), under a
 * {@link Topic}. Governance retires a resource instead of deleting it; {@code linkCheck} is the last automatic check
 * of its address ({@link ResourceLinkCheck}), null until one ran. Resources approved before topics existed have none.
 */
@Document("resources")
public class SignpostingResource {

    /** The most resources the trust approves (a curated list, read whole by every member of staff). */
    public static final int MAX_RESOURCES = 1_000;

    @Id
    private String id;

    private String name;
    private URI url;
    private String description;
    private Topic topic;

    @Size(max = ResourceRequest.MAX_AUDIENCES)
    private List<String> audience;

    private LocalDate reviewDate;
    private String approvedBy;
    private Instant retiredAt;
    private String retiredBy;
    private LinkCheck linkCheck;

    @Size(max = ResourceRequest.MAX_CITED)
    private List<ResourceRequest.CitedClause> clauses;

    /**
     * The hash of the {@code Idempotency-Key} the resource was approved with, in its approver's scope: how approving
     * it again, after the answer was lost, finds this one instead of adding a second. {@code null} without a key.
     */
    @JsonIgnore
    @Indexed(unique = true, sparse = true)
    private String approvedWithKey;

    /** The hash of what was sent with {@link #approvedWithKey}: the key sent with another resource is refused. */
    @JsonIgnore
    private String approvedWithKeyContent;

    @Version
    private Long revision;

    @CreatedDate
    private Instant createdAt;

    @LastModifiedDate
    private Instant updatedAt;

    protected SignpostingResource() {}

    public SignpostingResource(ResourceRequest request, String approvedBy) {
        update(request, approvedBy);
    }

    /** The resource was approved with an {@code Idempotency-Key} (its hash, and that of what was sent; none: null). */
    SignpostingResource keyedBy(KeyedSending sent) {
        approvedWithKey = sent == null ? null : sent.key();
        approvedWithKeyContent = sent == null ? null : sent.content();
        return this;
    }

    /** The hash of what the resource was approved with, with its key ({@code null} without one). */
    String keyedContent() {
        return approvedWithKeyContent;
    }

    public void update(ResourceRequest request, String approvedBy) {
        this.name = request.name();
        this.url = URI.create(request.url());
        this.description = request.description();
        this.topic = request.topic();
        this.audience = List.copyOf(request.audience() == null ? List.of() : request.audience());
        this.reviewDate = request.reviewDate();
        this.clauses = List.copyOf(request.clauses() == null ? List.of() : request.clauses());
        this.approvedBy = approvedBy;
    }

    /** Takes the resource off the list staff see; it is kept, with who retired it and when, and can be edited back. */
    public void retire(String by, Instant at) {
        if (retiredAt != null) {
            throw new ConflictException("Resource " + id + " was already retired on " + retiredAt);
        }
        this.retiredAt = at;
        this.retiredBy = by;
    }

    public boolean isRetired() {
        return retiredAt != null;
    }

    /** The policy clauses it supports. */
    public List<ResourceRequest.CitedClause> getClauses() {
        return clauses == null ? List.of() : clauses;
    }

    public String getId() {
        return id;
    }

    public Topic getTopic() {
        return topic;
    }

    public Instant getRetiredAt() {
        return retiredAt;
    }

    public String getRetiredBy() {
        return retiredBy;
    }

    public LinkCheck getLinkCheck() {
        return linkCheck;
    }

    /** This resource as staff see it, for an answer (never saved): when its address was checked, not the result. */
    SignpostingResource seenByStaff() {
        if (linkCheck != null) {
            linkCheck = linkCheck.seenByStaff();
        }
        return this;
    }

    public String getName() {
        return name;
    }

    public URI getUrl() {
        return url;
    }

    public String getDescription() {
        return description;
    }

    public List<String> getAudience() {
        return audience;
    }

    public LocalDate getReviewDate() {
        return reviewDate;
    }

    public String getApprovedBy() {
        return approvedBy;
    }

    public Instant getUpdatedAt() {
        return updatedAt;
    }

    public Long getRevision() {
        return revision;
    }
}
