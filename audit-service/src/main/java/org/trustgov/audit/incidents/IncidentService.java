package org.trustgov.audit.incidents;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import io.micrometer.core.instrument.Metrics;
import jakarta.validation.constraints.Size;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Supplier;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageImpl;
import org.springframework.data.domain.Pageable;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.data.support.PageableExecutionUtils;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.trustgov.audit.access.AccessRecords;
import org.trustgov.audit.incidents.IncidentAccess.Action;
import org.trustgov.audit.incidents.IncidentTypes.BreachedClause;
import org.trustgov.audit.incidents.IncidentTypes.SnapshotState;
import org.trustgov.audit.incidents.IncidentTypes.TrainingSnapshot;
import org.trustgov.auditclient.AuditOutbox;
import org.trustgov.auditclient.access.AccessLog;
import org.trustgov.auditclient.access.AccessRecord.What;
import org.trustgov.keycloak.Caller;
import org.trustgov.problem.NotFoundException;
import org.trustgov.starter.idempotency.IdempotencyKey;
import org.trustgov.starter.idempotency.IdempotencyKeyReusedException;
import org.trustgov.starter.idempotency.KeyedChange;
import org.trustgov.starter.idempotency.KeyedSending;
import org.trustgov.transparency.CanonicalHash;

/**
 * Recording and working incidents. Every change is saved together with its audit event, in one write (with the
 * incident's revision: a concurrent change is 409, nothing lost), through the same {@link AuditOutbox} as every
 * service's changes; the outbox then appends the event to the log and removes it from the incident. If the service
 * stops in between, the outbox's sweep appends it later; the log takes each event once (by its id). Who may see and do what is {@link IncidentAccess}'s to decide.
 */
@Service
public class IncidentService {

    private final IncidentRepository incidents;
    private final IncidentReferences references;
    private final ClauseChecks clauses;
    private final TrainingSnapshots snapshots;
    private final AuditOutbox outbox;
    private final MongoTemplate mongo;
    private final AccessLog accessLog;
    private final AccessRecords accessRecords;
    private final ColleagueChecks colleagues;
    private final Clock clock;

    IncidentService(
            IncidentRepository incidents,
            IncidentReferences references,
            ClauseChecks clauses,
            TrainingSnapshots snapshots,
            AuditOutbox outbox,
            MongoTemplate mongo,
            AccessLog accessLog,
            AccessRecords accessRecords,
            ColleagueChecks colleagues,
            Clock clock) {
        this.incidents = incidents;
        this.references = references;
        this.clauses = clauses;
        this.snapshots = snapshots;
        this.outbox = outbox;
        this.mongo = mongo;
        this.accessLog = accessLog;
        this.accessRecords = accessRecords;
        this.colleagues = colleagues;
        this.clock = clock;
    }

    /**
     * Everything that can refuse a report is checked first (its own content, then the clauses with policy-service),
     * then the subject's training is read, and only then is the report numbered and stored, with its log entry. A
     * report sent again with its {@code Idempotency-Key} is answered with the case the first sending recorded, and
     * records nothing (422 when the key came with another report, naming that case to its own reporter). The key is
     * the reporter's own: kept as the hash of their identity and the key.
     */
    public Recorded report(IncidentRequest request, Caller caller, IdempotencyKey idempotencyKey) {
        KeyedSending key = reportKey(idempotencyKey, caller.logName(), request);
        KeyedSending.Made<Incident> made = recordOnce(key, () -> record(request, caller.logName(), null, key), true);
        return new Recorded(made.made(), made.replayed());
    }

    /**
     * A report as recorded; {@code replayed} when an earlier sending with the same {@code Idempotency-Key} recorded
     * it, and this one recorded nothing.
     */
    public record Recorded(Incident incident, boolean replayed) {}

    /**
     * A report whose reporter the platform does not keep: the caller's identity is not read at all, the log entry
     * names {@link Incident#CONFIDENTIAL_REPORTER}, and of the new receipt code only its hash is stored: the code
     * itself is in the answer, once. Everything else is as {@link #report}. Sent again with its
     * {@code Idempotency-Key} (its answer, and so its code, was lost), the case is given a new code, which this answer
     * holds: the lost one opens it no longer.
     */
    public ConfidentialReport reportConfidentially(IncidentRequest request, IdempotencyKey idempotencyKey) {
        // The key alone is its scope: who sent it is stored nowhere, and a hash with their identity would link them.
        KeyedSending key = reportKey(idempotencyKey, "confidential", request);
        String receiptCode = ReceiptCodes.next();
        String receiptHash = ReceiptCodes.hash(receiptCode, "receiptCode");
        KeyedSending.Made<Incident> made =
                recordOnce(key, () -> record(request, Incident.CONFIDENTIAL_REPORTER, receiptHash, key), false);
        if (made.replayed()) {
            reissueReceipt(made.made(), receiptHash);
        }
        return new ConfidentialReport(made.made(), receiptCode, made.replayed());
    }

    /** A confidential report as recorded, and the receipt code that follows it (not stored anywhere). */
    public record ConfidentialReport(Incident incident, String receiptCode, boolean replayed) {}

    /**
     * A report's {@code Idempotency-Key} in its scope ({@code null}: none), and the report's hash (its RFC 8785 form,
     * as the keys stored before were made).
     */
    private static KeyedSending reportKey(IdempotencyKey key, String scope, IncidentRequest request) {
        return key == null
                ? null
                : new KeyedSending(key.hashIn("incident-report-key\n" + scope), CanonicalHash.sha256(request));
    }

    /**
     * Records the report once per key ({@link KeyedSending#makeOnce}). When a sending with the same key was recorded
     * meanwhile, the store's unique key on {@code reportKey} refuses this one, which took no number
     * ({@link IncidentReferences} tells that refusal from another instance taking the number). A key sent with
     * another report is 422, naming the case only to its {@code named} reporter.
     */
    private KeyedSending.Made<Incident> recordOnce(KeyedSending key, Supplier<Incident> record, boolean named) {
        return KeyedSending.makeOnce(
                key,
                keyHash -> mongo.findOne(query(where("reportKey").is(keyHash)), Incident.class),
                record,
                Incident::reportKeyContent,
                earlier -> IdempotencyKeyReusedException.firstSentWith(
                        named ? "another report, recorded as " + earlier.getReference() : "another report",
                        "recorded"));
    }

    private void reissueReceipt(Incident incident, String receiptHash) {
        Instant now = clock.instant();
        incident.reissueReceipt(receiptHash);
        incident.recordChange(outbox.event(
                Incident.CONFIDENTIAL_REPORTER,
                "incident.receipt-reissued",
                incident.getReference(),
                Map.of("why", "sent again with its Idempotency-Key: the answer holding its receipt code was lost"),
                now));
        incidents.save(incident);
        appendPending(incident.getReference());
    }

    private Incident record(IncidentRequest request, String actor, String receiptHash, KeyedSending key) {
        Instant now = clock.instant();
        Incident.check(request, now);
        List<BreachedClause> confirmed = clauses.confirm(request.breachedClauses());
        TrainingSnapshot snapshot = snapshots.take(request.subjectStaffNumber(), confirmed);
        Incident saved = references.insertNumbered(now, reference -> {
            Incident incident = receiptHash == null
                    ? Incident.report(reference, request, confirmed, actor, now)
                    : Incident.reportConfidentially(reference, request, confirmed, receiptHash, now);
            if (key != null) {
                incident.keyedBy(key);
            }
            incident.recordSnapshot(snapshot);
            Map<String, Object> details = new LinkedHashMap<>(incident.auditDetails());
            details.put("subject", incident.getSubjectStaffNumber());
            details.put("category", incident.getCategory().name());
            details.put(
                    "clauses",
                    confirmed.stream()
                            .map(c -> c.policyCode() + "/" + c.policyVersion() + "/" + c.clauseNumber())
                            .toList());
            details.put("trainingSnapshot", snapshot.state().name());
            if (incident.isConfidential()) {
                details.put("confidential", true);
            }
            incident.recordChange(outbox.event(actor, "incident.reported", reference, details, now));
            return incident;
        });
        if (snapshot.state() == SnapshotState.PENDING) {
            pendingHere.add(saved.getReference());
        }
        outbox.flush(Incident.class, saved.getReference(), saved.pendingAuditEvents());
        Metrics.counter(
                        "trustgov.incidents.reported",
                        "category",
                        saved.getCategory().name())
                .increment();
        return saved;
    }

    /**
     * Every incident of the trust, for governance and auditors, but those the caller is involved in (as subject or
     * reporter): those they see only as their relation allows, under {@link #mine}.
     */
    public Page<Incident> page(Caller caller, Pageable page) {
        return page(caller, Filter.NONE, page);
    }

    /**
     * What governance narrows the incident list to: statuses, severities, the subject's department, and only the
     * cases the caller investigates. Empty lists and {@code null} mean "any".
     */
    public record Filter(
            List<Incident.Status> statuses,
            List<IncidentTypes.Severity> severities,
            String department,
            boolean assignedToMe,
            boolean waitingOnLeaver) {
        static final Filter NONE = new Filter(List.of(), List.of(), null, false, false);
    }

    public Page<Incident> page(Caller caller, Filter filter, Pageable page) {
        List<Criteria> all = new ArrayList<>();
        all.add(new Criteria().norOperator(involving(caller)));
        if (filter.statuses() != null && !filter.statuses().isEmpty()) {
            all.add(where("status").in(filter.statuses()));
        }
        if (filter.severities() != null && !filter.severities().isEmpty()) {
            all.add(where("severity").in(filter.severities()));
        }
        if (filter.department() != null && !filter.department().isBlank()) {
            all.add(where("subjectDepartment").is(filter.department()));
        }
        if (filter.assignedToMe()) {
            all.add(where("investigatorStaffNumber").is(caller.staffNumber()));
        }
        if (filter.waitingOnLeaver()) {
            List<String> leavers = leaversHoldingParts();
            if (leavers.isEmpty()) {
                return new PageImpl<>(List.of(), page, 0); // no case waits on anyone who has left: nothing to look for
            }
            all.add(waitingOn(leavers));
        }
        var notMine = query(new Criteria().andOperator(all));
        return PageableExecutionUtils.getPage(
                mongo.find(Query.of(notMine).with(page), Incident.class),
                page,
                () -> mongo.count(notMine, Incident.class));
    }

    /** For governance and auditors, who may see any incident: the incident, or 404. */
    public Incident get(String reference) {
        return incidents.findById(reference).orElseThrow(() -> new NotFoundException("No incident " + reference));
    }

    /**
     * An incident the caller may see, as {@link IncidentAccess} decides. Governance and auditors get 404 for an
     * unknown reference; anyone else only finds incidents they reported or that are about them, and gets the same
     * 403 whether the reference exists or not (references are sequential: a 404 would confirm the others).
     */
    public Incident visible(String reference, Caller caller) {
        if (IncidentAccess.seesAll(caller)) {
            return get(reference);
        }
        Incident own = mongo.findOne(query(where("_id").is(reference).andOperator(involving(caller))), Incident.class);
        if (own == null) {
            throw new AccessDeniedException("Only governance, auditors, the subject and the reporter see an incident");
        }
        return own;
    }

    /** The open statuses by name (an index on status serves "in", not "not equal"). */
    private static final Set<Incident.Status> OPEN = EnumSet.complementOf(EnumSet.of(Incident.Status.CLOSED));

    /**
     * The people holding a part of an open case (its investigator, or an open action's owner) whom HR's roster now
     * has as leavers: such a case waits on someone who will never see it (a part is given only to active staff, but
     * people leave afterwards). The holders are read from the store (distinct values: a few hundred in a trust), and
     * training-service's directory says which have left (503 when it cannot).
     */
    private List<String> leaversHoldingParts() {
        List<String> holders = new ArrayList<>();
        holders.addAll(mongo.findDistinct(
                query(where("status").in(OPEN).and("investigatorStaffNumber").ne(null)),
                "investigatorStaffNumber",
                Incident.class,
                String.class));
        holders.addAll(mongo.findDistinct(
                query(where("status").in(OPEN).and("actions.0").exists(true)),
                "actions.ownerStaffNumber",
                Incident.class,
                String.class));
        holders.removeIf(java.util.Objects::isNull);
        return List.copyOf(colleagues.leaversAmong(holders));
    }

    /** Open cases whose investigator, or an open action's owner, is one of {@code leavers}. */
    private static Criteria waitingOn(List<String> leavers) {
        return new Criteria()
                .andOperator(
                        where("status").in(OPEN),
                        new Criteria()
                                .orOperator(
                                        where("investigatorStaffNumber").in(leavers),
                                        where("actions")
                                                .elemMatch(where("ownerStaffNumber")
                                                        .in(leavers)
                                                        .and("doneAt")
                                                        .is(null))));
    }

    /**
     * The incident as the caller may see it; 403 for anyone not involved. Both are recorded ({@link AccessLog}): the
     * read, unless by its subject, and the refusal, with the subject when the reference exists.
     */
    public IncidentView view(String reference, Caller caller) {
        try {
            Incident incident = visible(reference, caller);
            IncidentAccess access = IncidentAccess.of(caller, incident);
            access.require(Action.READ);
            accessLog.read(caller, What.INCIDENT, reference, incident.getSubjectStaffNumber());
            return IncidentViews.of(incident, access);
        } catch (AccessDeniedException refused) {
            accessLog.refused(caller, What.INCIDENT, reference, subjectOf(reference));
            throw refused;
        }
    }

    /**
     * Who read this incident, its case bundle or its outcome: for its subject by role and department (as the trust
     * allows), for governance and auditors not involved in full; the reporter and anyone else 403.
     */
    public Page<AccessRecords.SeenByYou> views(String reference, Caller caller, Pageable page) {
        Incident incident = visible(reference, caller);
        IncidentAccess access = IncidentAccess.of(caller, incident);
        boolean subject = access.relation() == IncidentAccess.Relation.SUBJECT;
        if (!subject && access.view() != IncidentAccess.View.FULL) {
            throw new AccessDeniedException(
                    "Who read a case is for its subject, governance and auditors not involved in it");
        }
        return accessRecords.aboutRecord(
                reference, EnumSet.of(What.INCIDENT, What.CASE_BUNDLE, What.OUTCOME), !subject, page);
    }

    /** The subject of {@code reference}, or {@code null} when there is no such incident (for a refusal's record). */
    String subjectOf(String reference) {
        Query subjectOnly = query(where("_id").is(reference));
        subjectOnly.fields().include("subjectStaffNumber");
        Incident found = mongo.findOne(subjectOnly, Incident.class);
        return found == null ? null : found.getSubjectStaffNumber();
    }

    /** Incidents I reported or that are about me, each as I may see it. */
    /** The incidents the caller reported or is the subject of, a page at a time, each as the caller may see it. */
    public Page<IncidentView> mine(Caller caller, Pageable page) {
        List<IncidentView> views = mongo.find(query(involving(caller)).with(page), Incident.class).stream()
                .map(i -> {
                    accessLog.read(caller, What.INCIDENT, i.getReference(), i.getSubjectStaffNumber());
                    return IncidentViews.of(i, IncidentAccess.of(caller, i));
                })
                .toList();
        return PageableExecutionUtils.getPage(views, page, () -> mongo.count(query(involving(caller)), Incident.class));
    }

    /**
     * The open incidents that ask something of the caller: those they investigate, and those with an action they own
     * that is not done. Each names only the reference, the status and the caller's part, never the people involved.
     */
    public Page<Assignment> assignedTo(Caller caller, Pageable page) {
        String me = caller.staffNumber();
        if (me == null) {
            return Page.empty(page);
        }
        Criteria mine = new Criteria()
                .orOperator(
                        where("investigatorStaffNumber").is(me),
                        where("actions")
                                .elemMatch(where("ownerStaffNumber")
                                        .is(me)
                                        .and("doneAt")
                                        .is(null)));
        var assigned = query(new Criteria().andOperator(where("status").ne(Incident.Status.CLOSED), mine));
        List<Assignment> found = mongo.find(Query.of(assigned).with(page), Incident.class).stream()
                .map(i -> Assignment.of(i, me))
                .toList();
        return PageableExecutionUtils.getPage(found, page, () -> mongo.count(assigned, Incident.class));
    }

    /** An open incident's ask of one person: investigating it, and the actions they own that are not done. */
    public record Assignment(
            String reference,
            Incident.Status status,
            boolean investigator,
            @Size(max = Incident.MAX_ACTIONS) List<IncidentTypes.Action> actions) {

        static Assignment of(Incident i, String staffNumber) {
            return new Assignment(
                    i.getReference(),
                    i.getStatus(),
                    staffNumber.equals(i.getInvestigatorStaffNumber()),
                    i.getActions().stream()
                            .filter(a -> staffNumber.equals(a.ownerStaffNumber()) && a.doneAt() == null)
                            .toList());
        }
    }

    private static Criteria involving(Caller caller) {
        return caller.isPerson() && caller.staffNumber() != null
                ? new Criteria()
                        .orOperator(
                                where("reportedBy").is(caller.logName()),
                                where("subjectStaffNumber").is(caller.staffNumber()))
                : where("reportedBy").is(caller.logName());
    }

    /** A step as sent: its {@code Idempotency-Key} ({@code null}: none) and what came with it ({@code null}: nothing). */
    public record Step(Action action, String logAction, IdempotencyKey key, Object request) {}

    /**
     * Applies one step, if the caller may take it on this incident, at the current time; saves it with its log entry
     * (409 on a concurrent change) and appends the entry. A step sent again with its {@code Idempotency-Key}, because
     * its answer was lost, is answered with the case as it is and changes nothing (422 when the key came with another
     * step or other content): the key, the caller's own, is kept with the case in the write that takes the step, and
     * a sending that crosses the first fails on the case's version and then finds the first's key.
     */
    /** Returns the case after the step; {@code replayed} when an earlier sending with the same key took it. */
    public KeyedChange.Changed<Incident> change(
            Step step, String reference, Caller caller, BiConsumer<Incident, Instant> change) {
        KeyedChange sent = KeyedChange.of(
                step.key(), "incident-step-key\n" + caller.logName(), "step", step.logAction(), step.request());
        Incident incident = visible(reference, caller);
        IncidentAccess.of(caller, incident).require(step.action());
        KeyedChange.Changed<Incident> changed = KeyedChange.changeOnce(
                sent,
                incident,
                Incident::keyedSteps,
                taken -> {
                    Instant now = clock.instant();
                    change.accept(taken, now);
                    taken.recordChange(
                            outbox.event(caller.logName(), step.logAction(), reference, taken.auditDetails(), now));
                },
                incidents::save,
                () -> get(reference));
        if (changed.replayed()) {
            return changed;
        }
        appendPending(reference);
        return new KeyedChange.Changed<>(get(reference), false);
    }

    /**
     * The confidentially reported case a receipt code opens; 404 for any code that opens none (a code never given,
     * mistyped, or of a case closed as malicious), all by the same lookup of the code's hash.
     */
    public Incident byReceipt(String receiptCode) {
        Incident incident = mongo.findOne(
                query(where("receiptHash").is(ReceiptCodes.hash(receiptCode, "receiptCode"))), Incident.class);
        if (incident == null) {
            throw new NotFoundException("No report has that receipt code");
        }
        accessLog.readByReceipt(What.INCIDENT, incident.getReference(), incident.getSubjectStaffNumber());
        return incident;
    }

    /**
     * The confidential reporter answers the investigation's question with their receipt code: saved with its log
     * entry, whose actor is {@link Incident#CONFIDENTIAL_REPORTER} (409 on a concurrent change, nothing lost). The
     * same answer sent again is answered with the case as it is, and nothing is written.
     */
    public Incident answerByReceipt(String receiptCode, String questionId, String answer) {
        Incident incident = byReceipt(receiptCode);
        Instant now = clock.instant();
        if (!incident.answerReporterQuestion(questionId, answer, now)) {
            return incident; // this answer was recorded already: nothing written or logged again
        }
        incident.recordChange(outbox.event(
                Incident.CONFIDENTIAL_REPORTER,
                "incident.reporter-answered",
                incident.getReference(),
                incident.auditDetails(),
                now));
        incidents.save(incident);
        appendPending(incident.getReference());
        return get(incident.getReference());
    }

    /**
     * Takes the snapshots training-service could not give when their incidents were recorded, searching every
     * incident for them (a scan of the collection on the embedded store: {@link PendingSnapshots} runs it at start-up
     * and hourly, and {@link #fillKnownPendingSnapshots} between).
     */
    public int fillPendingSnapshots() {
        int filled = 0;
        for (Incident incident : mongo.find(
                query(where("trainingSnapshot.state").is(SnapshotState.PENDING.name()))
                        .limit(100),
                Incident.class)) {
            int outcome = fillSnapshot(incident);
            if (outcome < 0) {
                break; // still down: try again next round
            }
            filled += outcome;
        }
        return filled;
    }

    /** The incidents recorded here with their snapshot pending, not yet filled in by this instance. */
    private final java.util.Set<String> pendingHere = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /** As {@link #fillPendingSnapshots}, for the incidents this instance recorded with a pending snapshot, by key. */
    public int fillKnownPendingSnapshots() {
        int filled = 0;
        for (String reference : List.copyOf(pendingHere)) {
            Incident incident = mongo.findById(reference, Incident.class);
            if (incident == null || incident.getTrainingSnapshot().state() != SnapshotState.PENDING) {
                pendingHere.remove(reference); // filled in meanwhile (by another instance's search), or gone
                continue;
            }
            int outcome = fillSnapshot(incident);
            if (outcome < 0) {
                break; // still down: try again next round
            }
            pendingHere.remove(reference);
            filled += outcome;
        }
        return filled;
    }

    /** 1 when the incident's snapshot was taken and stored, 0 when it was no longer pending, -1 when still down. */
    private int fillSnapshot(Incident incident) {
        TrainingSnapshot snapshot = snapshots.take(incident.getSubjectStaffNumber(), incident.getBreachedClauses());
        if (snapshot.state() == SnapshotState.PENDING) {
            return -1;
        }
        var update = new Update()
                .set("trainingSnapshot", snapshot)
                .push(
                        AuditOutbox.FIELD,
                        outbox.event(
                                "client:audit-service",
                                "incident.training-snapshot.recorded",
                                incident.getReference(),
                                Map.of(
                                        "state",
                                        snapshot.state().name(),
                                        "compliant",
                                        String.valueOf(snapshot.compliant())),
                                clock.instant()));
        if (snapshot.department() != null) {
            update.set("subjectDepartment", snapshot.department());
        }
        // Only while still pending: a concurrent edit of the incident is not overwritten.
        if (mongo.updateFirst(
                                query(where("_id")
                                        .is(incident.getReference())
                                        .and("trainingSnapshot.state")
                                        .is(SnapshotState.PENDING.name())),
                                update,
                                Incident.class)
                        .getModifiedCount()
                == 1) {
            appendPending(incident.getReference());
            return 1;
        }
        return 0;
    }

    /** Appends the events waiting in an incident to the log and removes them from it (the one outbox). */
    private void appendPending(String reference) {
        outbox.flush(Incident.class, reference);
    }
}
