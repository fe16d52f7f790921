package org.trustgov.audit.incidents;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.stereotype.Service;
import org.trustgov.audit.incidents.IncidentTypes.BreachedClause;
import org.trustgov.audit.incidents.IncidentTypes.Category;
import org.trustgov.audit.incidents.IncidentTypes.Evidence;
import org.trustgov.audit.incidents.IncidentTypes.OutcomeType;
import org.trustgov.audit.incidents.IncidentTypes.Platform;
import org.trustgov.audit.incidents.IncidentTypes.Regulator;
import org.trustgov.audit.incidents.IncidentTypes.TrainingSnapshot;

/**
 * The incidents a person is the subject or the named reporter of, as their subject access bundle gives them: what
 * the platform holds about them, with every other person by role ("reporter", "a confidential reporter",
 * "investigator", "governance", "a colleague"), never by name or number. A subject gets what they are said to have
 * done, the training snapshot, the outcome, appeals and the history, and the day it was reported, not its time
 * ({@code reportTimeWithheld}: it would point at who reported); a reporter what they reported. Investigation
 * notes are not given: they are free text that may name others, for the information governance team to review and
 * release with redactions.
 */
@Service
public class CasesOfAPerson {

    /** The most cases one bundle carries. */
    public static final int MAX_CASES = 1000;

    public record OutcomeSeen(
            OutcomeType type, String summary, LocalDate expiresOn, Regulator regulator, Instant decidedAt) {}

    public record StepSeen(Incident.Status from, Incident.Status to, Instant at, String by) {}

    public record AppealSeen(Instant at, String by, String reason) {}

    public record CaseSeen(
            String reference,
            String relation,
            Incident.Status status,
            Category category,
            Platform platform,
            Instant occurredAt,
            Instant reportedAt,
            boolean reportTimeWithheld,
            @Size(max = IncidentRequest.MAX_CLAUSES) List<BreachedClause> breachedClauses,
            String subject,
            String reportedBy,
            String investigator,
            String description,
            @Size(max = IncidentRequest.MAX_EVIDENCE) List<Evidence> evidence,
            TrainingSnapshot trainingSnapshot,
            OutcomeSeen outcome,
            @Size(max = Incident.MAX_APPEALS) List<OutcomeSeen> earlierOutcomes,
            @Size(max = Incident.MAX_APPEALS) List<AppealSeen> appeals,
            @Size(max = Incident.MAX_TRANSITIONS) List<StepSeen> history,
            boolean notesWithheld) {}

    private final MongoTemplate mongo;

    CasesOfAPerson(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    public List<CaseSeen> of(String staffNumber) {
        String me = "staff:" + staffNumber;
        return mongo
                .find(
                        query(new Criteria()
                                        .orOperator(
                                                where("subjectStaffNumber").is(staffNumber),
                                                where("reportedBy").is(me)))
                                .with(Sort.by("reportedAt", "_id"))
                                .limit(MAX_CASES),
                        Incident.class)
                .stream()
                .map(i -> seen(i, staffNumber))
                .toList();
    }

    private static CaseSeen seen(Incident i, String staffNumber) {
        boolean subject = i.isSubject(staffNumber);
        String me = "staff:" + staffNumber;
        return new CaseSeen(
                i.getReference(),
                subject ? "subject" : "reporter",
                i.getStatus(),
                i.getCategory(),
                i.getPlatform(),
                i.getOccurredAt(),
                // Its subject is told the day only: the time would point at who reported, as it would in the case's
                // reads (AccessRecords), and the subject's view of the case leaves it out.
                subject ? i.getReportedAt().truncatedTo(ChronoUnit.DAYS) : i.getReportedAt(),
                subject,
                i.getBreachedClauses(),
                subject ? "you" : "a colleague",
                i.isConfidential() ? "a confidential reporter" : me.equals(i.getReportedBy()) ? "you" : "reporter",
                i.getInvestigatorStaffNumber() == null
                        ? null
                        : staffNumber.equals(i.getInvestigatorStaffNumber()) ? "you" : "investigator",
                subject ? null : i.getDescription(),
                subject ? List.of() : i.getEvidence(),
                subject ? onItsDay(i.getTrainingSnapshot()) : null,
                subject ? outcome(i.getOutcome()) : null,
                subject
                        ? i.getEarlierOutcomes().stream()
                                .map(CasesOfAPerson::outcome)
                                .toList()
                        : List.of(),
                subject
                        ? i.getAppeals().stream()
                                .map(a -> new AppealSeen(a.at(), role(a.by(), me), a.reason()))
                                .toList()
                        : List.of(),
                i.getTransitions().stream()
                        .map(t -> new StepSeen(t.from(), t.to(), t.at(), role(t.by(), me)))
                        .toList(),
                subject && !i.getNotes().isEmpty());
    }

    /** The training snapshot with the day it was taken, not its time: it is taken as the case is reported. */
    private static TrainingSnapshot onItsDay(TrainingSnapshot snapshot) {
        return snapshot == null || snapshot.takenAt() == null
                ? snapshot
                : new TrainingSnapshot(
                        snapshot.state(),
                        snapshot.takenAt().truncatedTo(ChronoUnit.DAYS),
                        snapshot.department(),
                        snapshot.compliant(),
                        snapshot.modules());
    }

    private static OutcomeSeen outcome(IncidentTypes.Outcome o) {
        return o == null ? null : new OutcomeSeen(o.type(), o.summary(), o.expiresOn(), o.regulator(), o.decidedAt());
    }

    /** Who took a step, as the person reads it: themselves, or a role. */
    static String role(String by, String me) {
        if (by == null) {
            return null;
        }
        if (by.equals(me)) {
            return "you";
        }
        if (by.equals(Incident.CONFIDENTIAL_REPORTER)) {
            return "a confidential reporter";
        }
        return by.startsWith("client:") ? "a platform service" : "governance";
    }
}
