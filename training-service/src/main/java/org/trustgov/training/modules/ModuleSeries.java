package org.trustgov.training.modules;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;
import org.trustgov.auditclient.AuditEvent;

/**
 * All versions of one module code, and the one thing that decides which of them is in force: the pointer
 * {@link #publishedVersion}. It only ever moves by one conditional update of this document (compare-and-set on
 * the value the request saw), which also records the publication and carries its audit event; so of two
 * concurrent publications exactly one wins, there is never a moment with two published versions, and the
 * publication and its record are one write. Module version documents are not written when publishing.
 */
@Document("module_series")
public class ModuleSeries {

    /** One publication: which version, who, when, and the content hash of the policy version it teaches. */
    public record Publication(int version, String by, Instant at, String policyContentHash) {}

    /** Version {@code moduleVersion} of the module still holds under policy version {@code policyVersion}. */
    public record ReviewConfirmation(int moduleVersion, String policyVersion, String by, Instant at) {}

    @Id
    private String code;
    /** The version in force, {@code null} before the first publication or after the module is withdrawn. */
    private Integer publishedVersion;

    private List<Publication> publications = new ArrayList<>();
    /** Governance confirmed that the module still holds under a newer version of its policy: which, who, when. */
    private List<ReviewConfirmation> reviews = new ArrayList<>();

    private List<AuditEvent> pendingAuditEvents = new ArrayList<>();

    protected ModuleSeries() {}

    /** A series nothing has been published in yet (what a code with no series document is). */
    static ModuleSeries empty(String code) {
        ModuleSeries series = new ModuleSeries();
        series.code = code;
        return series;
    }

    public Optional<Publication> publication(int version) {
        return publications.stream().filter(p -> p.version() == version).reduce((a, b) -> b);
    }

    public String getCode() {
        return code;
    }

    public Integer getPublishedVersion() {
        return publishedVersion;
    }

    public List<Publication> getPublications() {
        return List.copyOf(publications);
    }

    /** Whether governance confirmed version {@code moduleVersion} still holds under {@code policyVersion}. */
    public boolean confirmed(int moduleVersion, String policyVersion) {
        return reviews != null
                && reviews.stream()
                        .anyMatch(r -> r.moduleVersion() == moduleVersion
                                && r.policyVersion().equals(policyVersion));
    }
}
