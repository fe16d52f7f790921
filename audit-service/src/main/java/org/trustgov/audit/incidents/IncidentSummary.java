package org.trustgov.audit.incidents;

import java.time.Instant;

/** An incident as listed to governance and auditors. */
public record IncidentSummary(String reference, String subjectStaffNumber, String category, String severity,
        String status, Instant reportedAt) {

    static IncidentSummary of(Incident incident) {
        return new IncidentSummary(incident.getReference(), incident.getSubjectStaffNumber(), incident.getCategory(),
                incident.getSeverity(), incident.getStatus(), incident.getReportedAt());
    }
}
