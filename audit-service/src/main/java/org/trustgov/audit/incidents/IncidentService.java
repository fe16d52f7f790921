package org.trustgov.audit.incidents;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.trustgov.audit.incidents.IncidentTypes.BreachedClause;
import org.trustgov.audit.incidents.IncidentTypes.SnapshotState;
import org.trustgov.audit.incidents.IncidentTypes.TrainingSnapshot;
import org.trustgov.audit.log.AuditLog;
import org.trustgov.audit.log.AuditRecord;
import org.trustgov.keycloak.Caller;
import org.trustgov.starter.problem.NotFoundException;

/**
 * Recording and working incidents. Every change is saved with the incident's revision (a concurrent change is
 * 409, nothing lost) and then appended to the audit log with who, what and the new status.
 */
@Service
public class IncidentService {

    private final IncidentRepository incidents;
    private final IncidentReferences references;
    private final ClauseChecks clauses;
    private final TrainingSnapshots snapshots;
    private final AuditLog log;
    private final MongoTemplate mongo;
    private final Clock clock;

    IncidentService(IncidentRepository incidents, IncidentReferences references, ClauseChecks clauses,
            TrainingSnapshots snapshots, AuditLog log, MongoTemplate mongo, Clock clock) {
        this.incidents = incidents;
        this.references = references;
        this.clauses = clauses;
        this.snapshots = snapshots;
        this.log = log;
        this.mongo = mongo;
        this.clock = clock;
    }

    /** Clauses confirmed first (nothing is numbered or stored for a bad report), then numbered, stored, logged. */
    public Incident report(IncidentRequest request, Caller caller) {
        List<BreachedClause> confirmed = clauses.confirm(request.breachedClauses());
        Instant now = clock.instant();
        Incident incident = Incident.report(references.next(now), request, confirmed, caller.logName(), now);
        incident.recordSnapshot(snapshots.take(request.subjectStaffNumber(), confirmed));
        Incident saved = incidents.insert(incident);
        Map<String, Object> details = new LinkedHashMap<>(saved.auditDetails());
        details.put("subject", saved.getSubjectStaffNumber());
        details.put("category", saved.getCategory().name());
        details.put("clauses", confirmed.stream().map(c -> c.policyCode() + "/" + c.policyVersion() + "/" + c.clauseNumber()).toList());
        details.put("trainingSnapshot", saved.getTrainingSnapshot().state().name());
        log.append(AuditRecord.of(caller.logName(), "incident.reported", saved.getReference(), details));
        return saved;
    }

    public Page<Incident> page(Pageable page) {
        return incidents.findAll(page);
    }

    public Incident get(String reference) {
        return incidents.findById(reference).orElseThrow(() -> new NotFoundException("No incident " + reference));
    }

    /** The incident as the caller may see it (see {@link IncidentViews}); 403 for anyone not involved. */
    public Object view(String reference, Caller caller) {
        Object view = IncidentViews.forCaller(get(reference), caller);
        if (view == null) {
            throw new AccessDeniedException("Only governance, auditors, the subject and the reporter see an incident");
        }
        return view;
    }

    /** Incidents I reported or that are about me, each as I may see it. */
    public List<Object> mine(Caller caller) {
        var criteria = caller.isPerson() && caller.staffNumber() != null
                ? new Criteria().orOperator(
                        where("reportedBy").is(caller.logName()), where("subjectStaffNumber").is(caller.staffNumber()))
                : where("reportedBy").is(caller.logName());
        return mongo.find(query(criteria).with(Sort.by(Sort.Direction.DESC, "reportedAt")).limit(200), Incident.class)
                .stream().map(i -> IncidentViews.forCaller(i, caller)).toList();
    }

    /** Applies one change at the current time, saves it (409 on a concurrent change), and logs it. */
    public Incident change(String reference, String action, Caller caller, BiConsumer<Incident, Instant> change) {
        Incident incident = get(reference);
        change.accept(incident, clock.instant());
        Incident saved = incidents.save(incident);
        log.append(AuditRecord.of(caller.logName(), action, reference, saved.auditDetails()));
        return saved;
    }

    /** Takes the snapshots training-service could not give when their incidents were recorded. */
    public int fillPendingSnapshots() {
        int filled = 0;
        for (Incident incident : mongo.find(query(where("trainingSnapshot.state").is(SnapshotState.PENDING.name()))
                .limit(100), Incident.class)) {
            TrainingSnapshot snapshot = snapshots.take(incident.getSubjectStaffNumber(), incident.getBreachedClauses());
            if (snapshot.state() == SnapshotState.PENDING) {
                break; // still down: try again next round
            }
            var update = new Update().set("trainingSnapshot", snapshot);
            if (snapshot.department() != null) {
                update.set("subjectDepartment", snapshot.department());
            }
            // Only while still pending: a concurrent edit of the incident is not overwritten.
            if (mongo.updateFirst(query(where("_id").is(incident.getReference()).and("trainingSnapshot.state")
                    .is(SnapshotState.PENDING.name())), update, Incident.class).getModifiedCount() == 1) {
                log.append(AuditRecord.of("client:audit-service", "incident.training-snapshot.recorded",
                        incident.getReference(), Map.of("state", snapshot.state().name(),
                                "compliant", String.valueOf(snapshot.compliant()))));
                filled++;
            }
        }
        return filled;
    }
}
