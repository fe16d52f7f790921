package org.trustgov.policy.policies;

import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;

/** A policy as callers read it. */
public record PolicyView(
        String code,
        String title,
        String owner,
        String approvingCommittee,
        @Size(max = PolicyRequest.MAX_ITEMS) List<String> professionalCodes,
        @Size(max = PolicyRequest.MAX_ITEMS) List<String> audience,
        @Size(max = PolicyRequest.MAX_ITEMS) List<String> tags,
        Policy.Status status,
        String publishedVersion,
        @Size(max = Policy.MAX_VERSIONS) List<Policy.Publication> publications,
        Instant createdAt,
        Instant updatedAt) {

    public static PolicyView of(Policy p) {
        return new PolicyView(
                p.getCode(),
                p.getTitle(),
                p.getOwner(),
                p.getApprovingCommittee(),
                p.getProfessionalCodes(),
                p.getAudience(),
                p.getTags(),
                p.getStatus(),
                p.getPublishedVersion(),
                p.getPublications(),
                p.getCreatedAt(),
                p.getUpdatedAt());
    }
}
