package org.trustgov.audit.incidents;

import java.time.Instant;

import org.springframework.data.annotation.CreatedDate;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;

/** A reported breach of the social media policy, e.g. {@code SMB-2026-000123}. */
@Document("incidents")
public class Incident {

    @Id
    private String id;

    @Indexed(unique = true)
    private String reference;

    private String subjectStaffNumber;

    private String category;

    private String severity;

    private String status;

    @Version
    private Long revision;

    @CreatedDate
    private Instant reportedAt;

    protected Incident() {
    }

    public Incident(String reference, String subjectStaffNumber, String category, String severity) {
        this.reference = reference;
        this.subjectStaffNumber = subjectStaffNumber;
        this.category = category;
        this.severity = severity;
        this.status = "REPORTED";
    }

    public String getReference() {
        return reference;
    }

    public String getSubjectStaffNumber() {
        return subjectStaffNumber;
    }

    public String getCategory() {
        return category;
    }

    public String getSeverity() {
        return severity;
    }

    public String getStatus() {
        return status;
    }

    public Instant getReportedAt() {
        return reportedAt;
    }
}
