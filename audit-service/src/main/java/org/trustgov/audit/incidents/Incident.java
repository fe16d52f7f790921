package org.trustgov.audit.incidents;

import com.fasterxml.jackson.annotation.JsonIgnore;
import jakarta.validation.constraints.Size;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.data.mongodb.core.mapping.Field;
import org.trustgov.audit.incidents.IncidentTypes.Action;
import org.trustgov.audit.incidents.IncidentTypes.Appeal;
import org.trustgov.audit.incidents.IncidentTypes.BreachedClause;
import org.trustgov.audit.incidents.IncidentTypes.Category;
import org.trustgov.audit.incidents.IncidentTypes.Evidence;
import org.trustgov.audit.incidents.IncidentTypes.Note;
import org.trustgov.audit.incidents.IncidentTypes.Outcome;
import org.trustgov.audit.incidents.IncidentTypes.OutcomeType;
import org.trustgov.audit.incidents.IncidentTypes.Platform;
import org.trustgov.audit.incidents.IncidentTypes.Regulator;
import org.trustgov.audit.incidents.IncidentTypes.ReporterQuestion;
import org.trustgov.audit.incidents.IncidentTypes.Severity;
import org.trustgov.audit.incidents.IncidentTypes.TrainingSnapshot;
import org.trustgov.audit.incidents.IncidentTypes.Transition;
import org.trustgov.auditclient.AuditEvent;
import org.trustgov.auditclient.AuditOutbox;
import org.trustgov.problem.BadRequestException;
import org.trustgov.problem.ConflictException;
import org.trustgov.problem.NotFoundException;
import org.trustgov.starter.idempotency.KeyedChanges;
import org.trustgov.starter.idempotency.KeyedSending;
import org.trustgov.transparency.CanonicalHash;

/**
 * A reported breach of the social media policy and its investigation. The workflow is
 * {@code REPORTED → TRIAGED → UNDER_INVESTIGATION → OUTCOME_RECORDED → CLOSED}, and an appeal reopens a closed case
 * (back to UNDER_INVESTIGATION). Nothing is removed or rewritten: notes, actions, appeals and transitions are
 * appended; a new outcome after an appeal replaces the current one and the earlier one stays in
 * {@code earlierOutcomes}. Each change also goes to the audit log.
 */
@Document("incidents")
@CompoundIndex(name = "pending_audit_events", def = "{'pendingAuditEvents.eventId': 1}", sparse = true)
// The retention job's daily look for closed incidents past their retention (IncidentRecords.ended), by the date each
// kind of record's retention starts from: without them MongoDB examines every incident a trust ever recorded.
@CompoundIndex(name = "retention_closed", def = "{'status': 1, 'closedAt': 1}")
@CompoundIndex(name = "retention_outcome_expired", def = "{'status': 1, 'outcome.expiresOn': 1}")
public final class Incident implements IncidentView {

    /**
     * What one incident holds at most, so that it always fits in one stored document (16 MB) whatever is added:
     * 300 notes of up to 10,000 characters, 200 actions, 5 appeals (so at most 5 earlier outcomes), and the status
     * changes those allow (4 to close it, 3 more for each appeal).
     */
    public static final int MAX_NOTES = 300;

    public static final int MAX_ACTIONS = 200;
    public static final int MAX_APPEALS = 5;
    public static final int MAX_TRANSITIONS = 4 + 3 * MAX_APPEALS;

    /** Questions the investigation may put to a confidential reporter. */
    public static final int MAX_REPORTER_QUESTIONS = 50;

    /** Who a confidential report is from, in the log and the transitions: nobody the platform knows. */
    public static final String CONFIDENTIAL_REPORTER = "confidential-reporter";

    public enum Status {
        REPORTED,
        TRIAGED,
        UNDER_INVESTIGATION,
        OUTCOME_RECORDED,
        CLOSED
    }

    @Id
    private String reference;

    @Indexed
    private String subjectStaffNumber;

    private String subjectDepartment;

    /** {@code staff:<number>} or the client who reported it; {@code null} for a confidential report. */
    @Indexed
    private String reportedBy;

    /** Reported without the reporter's identity, which is stored nowhere; they follow it with a receipt code. */
    private boolean confidential;

    /**
     * The SHA-256 of the confidential reporter's receipt code (never the code): how a code finds its case. Removed
     * when the case is closed as malicious, so that the code no longer opens it.
     */
    @JsonIgnore
    @Indexed(unique = true, sparse = true)
    private String receiptHash;

    /**
     * The hash of the {@code Idempotency-Key} the report came with, in its scope: how a report
     * sent again after its answer was lost finds this case instead of recording a second one. {@code null} for a
     * report sent without a key (every report before keys were taken), which the sparse index leaves out.
     */
    @JsonIgnore
    @Indexed(unique = true, sparse = true)
    private String reportKey;

    /** The hash of the report as first sent with {@link #reportKey}: a key sent again with another report is refused. */
    @JsonIgnore
    private String reportKeyRequest;

    @Size(max = MAX_REPORTER_QUESTIONS)
    private List<ReporterQuestion> reporterQuestions = new ArrayList<>();

    /** Why governance closed a confidential report as malicious; {@code null} otherwise. */
    private String closedAsMalicious;

    private Instant occurredAt;

    @Indexed
    private Instant reportedAt;
    /** {@code 2026-11}, for the monthly report. */
    private String reportedMonth;

    private Platform platform;
    private Category category;
    private Severity severity;
    private String description;

    @Size(max = IncidentRequest.MAX_EVIDENCE)
    private List<Evidence> evidence;

    @Size(max = IncidentRequest.MAX_CLAUSES)
    private List<BreachedClause> breachedClauses;

    private TrainingSnapshot trainingSnapshot;
    private Status status;
    private String investigatorStaffNumber;

    @Size(max = MAX_ACTIONS)
    private List<Action> actions = new ArrayList<>();

    @Size(max = MAX_NOTES)
    private List<Note> notes = new ArrayList<>();

    private Outcome outcome;

    @Size(max = MAX_APPEALS) // an outcome is replaced only after an appeal reopened the case
    private List<Outcome> earlierOutcomes = new ArrayList<>();

    @Indexed(sparse = true)
    private Instant outcomeDecidedAt;

    @Size(max = MAX_APPEALS)
    private List<Appeal> appeals = new ArrayList<>();

    @Size(max = MAX_TRANSITIONS)
    private List<Transition> transitions = new ArrayList<>();

    private Instant closedAt;
    /** Hours from report to (last) close, for the median. */
    private Long hoursToClose;
    /**
     * Audit events of changes to this incident not yet in the log ({@link AuditOutbox#FIELD}): each change is saved
     * together with its event in one write, then the outbox appends it and removes it from here (its sweep finishes
     * the job after a stop).
     */
    @JsonIgnore
    private List<AuditEvent> pendingAuditEvents = new ArrayList<>();
    /**
     * One release only: events an incident saved by the release before the one outbox may still hold under their
     * old name. Kept mapped so that saving the incident keeps them, until {@link LegacyPendingLogEntries} moves
     * them to {@link #pendingAuditEvents}. Remove both in the next release.
     */
    @JsonIgnore
    @Field(LegacyPendingLogEntries.OLD_FIELD)
    private List<AuditEvent> legacyPendingLogEntries;

    /**
     * The {@code Idempotency-Key}s of the latest steps taken on this case, as hashes: a step sent again with its key
     * after its answer was lost is answered with the case as it is ({@link IncidentService#change}).
     */
    @JsonIgnore
    private KeyedChanges keyedSteps = new KeyedChanges();

    @Version
    private Long revision;

    protected Incident() {}

    /**
     * Everything a report can be refused for by its own content, checked before policy-service is asked and before
     * a reference number is taken: a refused report never spends a number.
     */
    static void check(IncidentRequest r, Instant now) {
        if (r.occurredAt().isAfter(now.plus(Duration.ofMinutes(5)))) {
            throw new BadRequestException("occurredAt", "is in the future");
        }
    }

    /** A new report; the reference comes from {@link IncidentReferences}, the clauses from policy-service. */
    static Incident report(
            String reference, IncidentRequest r, List<BreachedClause> clauses, String reportedBy, Instant now) {
        check(r, now);
        Incident incident = new Incident();
        incident.reference = reference;
        incident.subjectStaffNumber = r.subjectStaffNumber();
        incident.reportedBy = reportedBy;
        incident.occurredAt = r.occurredAt();
        incident.reportedAt = now;
        incident.reportedMonth =
                now.atOffset(ZoneOffset.UTC).toLocalDate().toString().substring(0, 7);
        incident.platform = r.platform();
        incident.category = r.category();
        incident.severity = r.severity();
        incident.description = r.description();
        incident.evidence = List.copyOf(
                r.evidence() == null
                        ? List.of()
                        : r.evidence().stream()
                                .map(e -> new Evidence(e.kind(), e.reference(), e.note()))
                                .toList());
        incident.breachedClauses = List.copyOf(clauses);
        incident.trainingSnapshot = TrainingSnapshot.pending();
        incident.status = Status.REPORTED;
        return incident;
    }

    /**
     * A report whose reporter is stored nowhere: no {@code reportedBy}, and only the hash of the receipt code the
     * reporter is given once. Everything else is as any report.
     */
    static Incident reportConfidentially(
            String reference, IncidentRequest r, List<BreachedClause> clauses, String receiptHash, Instant now) {
        Incident incident = report(reference, r, clauses, null, now);
        incident.confidential = true;
        incident.receiptHash = receiptHash;
        return incident;
    }

    /** The keys of the latest steps taken on this case (none in a case stored before steps had keys). */
    KeyedChanges keyedSteps() {
        return keyedSteps;
    }

    /** The hash of the {@code Idempotency-Key} the report came with, in its scope; {@code null} without one. */
    String reportKeyHash() {
        return reportKey;
    }

    /** The report came with an {@code Idempotency-Key}: sending it again with the key finds this case. */
    void keyedBy(KeyedSending key) {
        reportKey = key.key();
        reportKeyRequest = key.content();
    }

    /** The hash of the report as first sent with its key ({@code null} without one). */
    String reportKeyContent() {
        return reportKeyRequest;
    }

    /**
     * The confidential report was sent again with its key because the answer holding its receipt code never came:
     * the case is given a new code (its hash), and the code of the lost answer opens it no longer. 409 when the
     * case was closed as malicious, which no code opens.
     */
    void reissueReceipt(String newReceiptHash) {
        requireConfidential("give it a new receipt code");
        if (receiptHash == null) {
            throw new ConflictException(
                    "That report was received, and has since been closed: no receipt code opens it");
        }
        receiptHash = newReceiptHash;
    }

    /** Governance asks the confidential reporter something; they answer with their receipt code. */
    public ReporterQuestion askReporter(String question, String by, Instant at) {
        requireConfidential("ask the reporter a question");
        if (status == Status.CLOSED) {
            throw new ConflictException(reference + " is closed: appeal to reopen it");
        }
        if (reporterQuestions.size() >= MAX_REPORTER_QUESTIONS) {
            throw new ConflictException(reference + " has the most questions to its reporter one incident holds ("
                    + MAX_REPORTER_QUESTIONS + ")");
        }
        ReporterQuestion asked = new ReporterQuestion(UUID.randomUUID().toString(), at, by, question, null, null);
        reporterQuestions.add(asked);
        return asked;
    }

    /**
     * The confidential reporter's answer to one question, once; it has no author. Returns false, changing nothing,
     * when the question already has this very answer (sent again because the answer to the first sending was lost);
     * another answer to an answered question is 409.
     */
    public boolean answerReporterQuestion(String questionId, String answer, Instant at) {
        for (int i = 0; i < reporterQuestions.size(); i++) {
            ReporterQuestion q = reporterQuestions.get(i);
            if (q.id().equals(questionId)) {
                if (q.answer() != null) {
                    if (q.answer().equals(answer)) {
                        return false;
                    }
                    throw new ConflictException("That question has been answered already");
                }
                reporterQuestions.set(
                        i, new ReporterQuestion(q.id(), q.askedAt(), q.askedBy(), q.question(), answer, at));
                return true;
            }
        }
        throw new NotFoundException("No question " + questionId + " on this report");
    }

    /**
     * Governance closes a confidential report it finds malicious, from any open status and without an outcome for
     * the subject: the case ends there, and the receipt code no longer opens it. No one learns who sent it.
     */
    public void closeAsMalicious(String reason, String by, Instant at) {
        requireConfidential("close it as malicious");
        if (status == Status.CLOSED) {
            throw new ConflictException(reference + " is closed already");
        }
        transitions.add(new Transition(status, Status.CLOSED, at, by));
        status = Status.CLOSED;
        closedAt = at;
        hoursToClose = Duration.between(reportedAt, at).toHours();
        closedAsMalicious = reason;
        receiptHash = null;
    }

    private void requireConfidential(String what) {
        if (!confidential) {
            throw new ConflictException(reference + " was not reported confidentially: only then can you " + what);
        }
    }

    public void triage(Severity newSeverity, String by, Instant at) {
        move(Status.REPORTED, Status.TRIAGED, by, at);
        if (newSeverity != null) {
            severity = newSeverity;
        }
    }

    public void assignInvestigator(String staffNumber, String by, Instant at) {
        require(EnumSet.of(Status.TRIAGED, Status.UNDER_INVESTIGATION), "assign an investigator");
        if (staffNumber.equals(subjectStaffNumber)) {
            throw new ConflictException("The subject of an incident cannot investigate it");
        }
        if (isReporter("staff:" + staffNumber)) {
            throw new ConflictException("The person who reported an incident cannot investigate it");
        }
        investigatorStaffNumber = staffNumber;
    }

    public void startInvestigation(String by, Instant at) {
        if (investigatorStaffNumber == null) {
            throw new ConflictException("Assign an investigator before the investigation starts");
        }
        move(Status.TRIAGED, Status.UNDER_INVESTIGATION, by, at);
    }

    public Action addAction(String description, String owner, LocalDate dueOn, String by, Instant at) {
        require(EnumSet.of(Status.TRIAGED, Status.UNDER_INVESTIGATION, Status.OUTCOME_RECORDED), "add an action");
        if (actions.size() >= MAX_ACTIONS) {
            throw new ConflictException(reference + " has the most actions one incident holds (" + MAX_ACTIONS + ")");
        }
        Action action = new Action(UUID.randomUUID().toString(), description, owner, dueOn, at, by, null);
        actions.add(action);
        return action;
    }

    public Action completeAction(String actionId, Instant at) {
        for (int i = 0; i < actions.size(); i++) {
            Action a = actions.get(i);
            if (a.id().equals(actionId)) {
                if (a.doneAt() != null) {
                    throw new ConflictException("Action " + actionId + " is already done");
                }
                Action done = new Action(
                        a.id(), a.description(), a.ownerStaffNumber(), a.dueOn(), a.addedAt(), a.addedBy(), at);
                actions.set(i, done);
                return done;
            }
        }
        throw new NotFoundException("No action " + actionId + " on " + reference);
    }

    public void addNote(String text, String by, Instant at) {
        if (status == Status.CLOSED) {
            throw new ConflictException(reference + " is closed: appeal to reopen it");
        }
        if (notes.size() >= MAX_NOTES) {
            throw new ConflictException(reference + " has the most notes one incident holds (" + MAX_NOTES + ")");
        }
        notes.add(new Note(at, by, text));
    }

    public void recordOutcome(
            OutcomeType type, String summary, LocalDate expiresOn, Regulator regulator, String by, Instant at) {
        if (type.expires() && expiresOn == null) {
            throw new BadRequestException("expiresOn", "a " + type + " needs the date it expires");
        }
        if (type.expires() && !expiresOn.isAfter(at.atOffset(ZoneOffset.UTC).toLocalDate())) {
            throw new BadRequestException("expiresOn", "must be in the future");
        }
        if (!type.expires() && expiresOn != null) {
            throw new BadRequestException("expiresOn", "only formal and final warnings expire");
        }
        if (type == OutcomeType.REFERRAL_TO_REGULATOR && regulator == null) {
            throw new BadRequestException("regulator", "name the regulator: NMC, GMC or HCPC");
        }
        if (type != OutcomeType.REFERRAL_TO_REGULATOR && regulator != null) {
            throw new BadRequestException("regulator", "only a referral names a regulator");
        }
        move(Status.UNDER_INVESTIGATION, Status.OUTCOME_RECORDED, by, at);
        if (outcome != null) {
            earlierOutcomes.add(outcome);
        }
        outcome = new Outcome(type, summary, expiresOn, regulator, at, by);
        outcomeDecidedAt = at;
    }

    public void close(String by, Instant at) {
        move(Status.OUTCOME_RECORDED, Status.CLOSED, by, at);
        closedAt = at;
        hoursToClose = Duration.between(reportedAt, at).toHours();
    }

    public void appeal(String reason, String by, Instant at) {
        if (closedAsMalicious != null) {
            throw new ConflictException(reference + " was closed as a malicious report: there is no outcome to appeal");
        }
        if (status == Status.CLOSED && appeals.size() >= MAX_APPEALS) {
            throw new ConflictException(reference + " has been appealed " + MAX_APPEALS
                    + " times, the most one incident allows; a further challenge goes outside this process");
        }
        move(Status.CLOSED, Status.UNDER_INVESTIGATION, by, at);
        appeals.add(new Appeal(at, by, reason));
        closedAt = null;
    }

    void recordSnapshot(TrainingSnapshot snapshot) {
        trainingSnapshot = snapshot;
        if (snapshot.department() != null) {
            subjectDepartment = snapshot.department();
        }
    }

    /** The subject, the reporter, governance and auditors are involved; who sees what is decided in {@link IncidentViews}. */
    public boolean isSubject(String staffNumber) {
        return staffNumber != null && staffNumber.equals(subjectStaffNumber);
    }

    public boolean isReporter(String actor) {
        return actor != null && actor.equals(reportedBy);
    }

    private void move(Status from, Status to, String by, Instant at) {
        if (status != from) {
            throw new ConflictException(reference + " is " + status + ": it cannot go to " + to
                    + (from == status ? "" : " (only from " + from + ")"));
        }
        transitions.add(new Transition(status, to, at, by));
        status = to;
    }

    private void require(Set<Status> allowed, String what) {
        if (!allowed.contains(status)) {
            throw new ConflictException(reference + " is " + status + ": cannot " + what + " now");
        }
    }

    /** The facts of this change for the audit log: small, and no free text. */
    Map<String, Object> auditDetails() {
        Map<String, Object> details = new java.util.LinkedHashMap<>(Map.of(
                "status", status.name(), "severity", severity.name(), "revision", revision == null ? 0 : revision + 1));
        if (outcome != null) {
            details.put(OUTCOME_HASH, CanonicalHash.sha256(outcomeDecision()));
        }
        return details;
    }

    /** The log entry detail that binds the decided outcome: the hash of {@link #outcomeDecision()}. */
    public static final String OUTCOME_HASH = "outcomeHash";

    /**
     * The outcome as decided, the part that never changes afterwards: reference, subject, outcome, summary, expiry,
     * regulator and decision time (to the millisecond, as stored), with absent values left out. Its RFC 8785 hash is
     * in the log's entries from the decision on, so an outcomes export can be checked against the log offline.
     */
    public Map<String, Object> outcomeDecision() {
        Map<String, Object> decision = new java.util.LinkedHashMap<>();
        decision.put("reference", reference);
        decision.put("subjectStaffNumber", subjectStaffNumber);
        decision.put("outcome", outcome.type().name());
        decision.put("summary", outcome.summary());
        if (outcome.expiresOn() != null) {
            decision.put("expiresOn", outcome.expiresOn().toString());
        }
        if (outcome.regulator() != null) {
            decision.put("regulator", outcome.regulator().name());
        }
        decision.put(
                "decidedAt",
                outcome.decidedAt()
                        .truncatedTo(java.time.temporal.ChronoUnit.MILLIS)
                        .toString());
        return decision;
    }

    /** Records the log entry of the change just made; it is saved with the change, in the same write. */
    void recordChange(AuditEvent entry) {
        pendingAuditEvents.add(entry);
    }

    /** The events recorded with changes and not yet handed on to the log. */
    List<AuditEvent> pendingAuditEvents() {
        return List.copyOf(pendingAuditEvents);
    }

    public String getReference() {
        return reference;
    }

    public String getSubjectStaffNumber() {
        return subjectStaffNumber;
    }

    public String getSubjectDepartment() {
        return subjectDepartment;
    }

    public String getReportedBy() {
        return reportedBy;
    }

    public boolean isConfidential() {
        return confidential;
    }

    public List<ReporterQuestion> getReporterQuestions() {
        return reporterQuestions;
    }

    public String getClosedAsMalicious() {
        return closedAsMalicious;
    }

    public Instant getOccurredAt() {
        return occurredAt;
    }

    /** When the outcome was (last) decided; null before. */
    public Instant getOutcomeDecidedAt() {
        return outcomeDecidedAt;
    }

    public Instant getReportedAt() {
        return reportedAt;
    }

    public String getReportedMonth() {
        return reportedMonth;
    }

    public Platform getPlatform() {
        return platform;
    }

    public Category getCategory() {
        return category;
    }

    public Severity getSeverity() {
        return severity;
    }

    public String getDescription() {
        return description;
    }

    public List<Evidence> getEvidence() {
        return evidence;
    }

    public List<BreachedClause> getBreachedClauses() {
        return breachedClauses;
    }

    public TrainingSnapshot getTrainingSnapshot() {
        return trainingSnapshot;
    }

    public Status getStatus() {
        return status;
    }

    public String getInvestigatorStaffNumber() {
        return investigatorStaffNumber;
    }

    public List<Action> getActions() {
        return actions;
    }

    public List<Note> getNotes() {
        return notes;
    }

    public Outcome getOutcome() {
        return outcome;
    }

    public List<Outcome> getEarlierOutcomes() {
        return earlierOutcomes;
    }

    public List<Appeal> getAppeals() {
        return appeals;
    }

    public List<Transition> getTransitions() {
        return transitions;
    }

    public Instant getClosedAt() {
        return closedAt;
    }

    public Long getHoursToClose() {
        return hoursToClose;
    }

    public Long getRevision() {
        return revision;
    }
}
