package org.trustgov.policy.resources;

import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import jakarta.validation.constraints.Size;

import org.springframework.data.annotation.CreatedDate;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.LastModifiedDate;
import org.springframework.data.annotation.Version;
import org.springframework.data.mongodb.core.mapping.Document;

/** An approved online resource staff can point service users to (reliable health information, peer support). */
@Document("resources")
public class SignpostingResource {

    /** The most resources the trust approves (a curated list, read whole by every member of staff). */
    public static final int MAX_RESOURCES = 1_000;

    @Id
    private String id;
    private String name;
    private URI url;
    private String description;
    @Size(max = ResourceRequest.MAX_AUDIENCES)
    private List<String> audience;
    private LocalDate reviewDate;
    private String approvedBy;

    @Version
    private Long revision;
    @CreatedDate
    private Instant createdAt;
    @LastModifiedDate
    private Instant updatedAt;

    protected SignpostingResource() {
    }

    public SignpostingResource(ResourceRequest request, String approvedBy) {
        update(request, approvedBy);
    }

    public void update(ResourceRequest request, String approvedBy) {
        this.name = request.name();
        this.url = URI.create(request.url());
        this.description = request.description();
        this.audience = List.copyOf(request.audience() == null ? List.of() : request.audience());
        this.reviewDate = request.reviewDate();
        this.approvedBy = approvedBy;
    }

    public String getId() { return id; }
    public String getName() { return name; }
    public URI getUrl() { return url; }
    public String getDescription() { return description; }
    public List<String> getAudience() { return audience; }
    public LocalDate getReviewDate() { return reviewDate; }
    public String getApprovedBy() { return approvedBy; }
    public Instant getUpdatedAt() { return updatedAt; }
}
