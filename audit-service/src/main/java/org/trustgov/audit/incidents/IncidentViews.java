package org.trustgov.audit.incidents;

import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.trustgov.audit.incidents.IncidentTypes.Appeal;
import org.trustgov.audit.incidents.IncidentTypes.BreachedClause;
import org.trustgov.audit.incidents.IncidentTypes.Category;
import org.trustgov.audit.incidents.IncidentTypes.Outcome;
import org.trustgov.audit.incidents.IncidentTypes.OutcomeType;
import org.trustgov.audit.incidents.IncidentTypes.Platform;
import org.trustgov.audit.incidents.IncidentTypes.Regulator;
import org.trustgov.audit.incidents.IncidentTypes.Severity;

/**
 * The views of an incident ({@link IncidentAccess} decides who gets which):
 * <ul>
 * <li>governance and auditors not involved in the case: everything, investigation notes included;</li>
 * <li>the subject: what they are said to have done (category, platform, when, the clauses), the status, the outcome
 * and appeals; not who reported it, the description, the evidence or the notes;</li>
 * <li>the reporter: that their report is being dealt with (reference, status, what they reported); not the
 * outcome, which is between the trust and the subject;</li>
 * <li>HR: outcomes only ({@link OutcomeRecord});</li>
 * <li>anyone else: 403.</li>
 * </ul>
 */
public final class IncidentViews {

    private IncidentViews() {}

    /** What the subject of an incident sees of it. */
    public record SubjectView(
            String reference,
            Incident.Status status,
            Category category,
            Platform platform,
            Instant occurredAt,
            @Size(max = IncidentRequest.MAX_CLAUSES) List<BreachedClause> breachedClauses,
            Outcome outcome,
            @Size(max = Incident.MAX_APPEALS) List<Appeal> appeals)
            implements IncidentView {}

    /** What the person who reported an incident sees of it. */
    public record ReporterView(
            String reference,
            Incident.Status status,
            String subjectStaffNumber,
            Category category,
            Severity severity,
            Instant reportedAt,
            @Size(max = IncidentRequest.MAX_CLAUSES) List<BreachedClause> breachedClauses)
            implements IncidentView {}

    /**
     * What the holder of a confidential report's receipt code sees: what a reporter sees, and the investigation's
     * questions to them with their answers (not who asked).
     */
    public record ReceiptView(
            String reference,
            Incident.Status status,
            String subjectStaffNumber,
            Category category,
            Platform platform,
            Instant occurredAt,
            Instant reportedAt,
            @Size(max = IncidentRequest.MAX_CLAUSES) List<BreachedClause> breachedClauses,
            @Size(max = Incident.MAX_REPORTER_QUESTIONS) List<QuestionToReporter> questions) {

        static ReceiptView of(Incident i) {
            return new ReceiptView(
                    i.getReference(),
                    i.getStatus(),
                    i.getSubjectStaffNumber(),
                    i.getCategory(),
                    i.getPlatform(),
                    i.getOccurredAt(),
                    i.getReportedAt(),
                    i.getBreachedClauses(),
                    i.getReporterQuestions().stream()
                            .map(q -> new QuestionToReporter(
                                    q.id(), q.askedAt(), q.question(), q.answer(), q.answeredAt()))
                            .toList());
        }
    }

    /** One of the investigation's questions to a confidential reporter, as the reporter sees it. */
    public record QuestionToReporter(String id, Instant askedAt, String question, String answer, Instant answeredAt) {}

    /** The view {@code access} allows, or {@code null} for none. */
    static IncidentView of(Incident incident, IncidentAccess access) {
        return switch (access.view()) {
            case FULL -> incident;
            case SUBJECT -> subject(incident);
            case REPORTER -> reporter(incident);
            case NONE -> null;
        };
    }

    /** A case outcome for HR: no notes, no description, no evidence. */
    public record OutcomeRecord(
            String reference,
            String subjectStaffNumber,
            String subjectDepartment,
            Category category,
            Incident.Status status,
            OutcomeType outcome,
            String summary,
            LocalDate expiresOn,
            Regulator regulator,
            Instant decidedAt) {

        public static OutcomeRecord of(Incident i) {
            Outcome o = i.getOutcome();
            return new OutcomeRecord(
                    i.getReference(),
                    i.getSubjectStaffNumber(),
                    i.getSubjectDepartment(),
                    i.getCategory(),
                    i.getStatus(),
                    o.type(),
                    o.summary(),
                    o.expiresOn(),
                    o.regulator(),
                    o.decidedAt());
        }
    }

    static SubjectView subject(Incident incident) {
        return new SubjectView(
                incident.getReference(),
                incident.getStatus(),
                incident.getCategory(),
                incident.getPlatform(),
                incident.getOccurredAt(),
                incident.getBreachedClauses(),
                incident.getOutcome(),
                incident.getAppeals());
    }

    static ReporterView reporter(Incident incident) {
        return new ReporterView(
                incident.getReference(),
                incident.getStatus(),
                incident.getSubjectStaffNumber(),
                incident.getCategory(),
                incident.getSeverity(),
                incident.getReportedAt(),
                incident.getBreachedClauses());
    }
}
