package org.trustgov.audit.incidents;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Service;
import org.trustgov.audit.retention.RecordHolder;
import org.trustgov.auditclient.AuditOutbox;
import org.trustgov.starter.mongo.StoreCompaction;

/**
 * Incidents as records ({@code conduct-case}): a closed case whose retention ran from its closure (or from its
 * outcome's expiry), and its destruction: the incident with everything in it (description, notes, outcome, appeals,
 * the training snapshot taken of its subject) is removed, after any event still waiting in it has reached the log.
 */
@Service
public class IncidentRecords implements RecordHolder {

    private final MongoTemplate mongo;
    private final StoreCompaction compaction;
    private final AuditOutbox outbox;
    private final IncidentReferences references;

    IncidentRecords(
            MongoTemplate mongo, AuditOutbox outbox, IncidentReferences references, StoreCompaction compaction) {
        this.compaction = compaction;
        this.mongo = mongo;
        this.outbox = outbox;
        this.references = references;
    }

    @Override
    public String name() {
        return "audit-service's incidents";
    }

    @Override
    public Set<String> lists() {
        return Set.of("conduct-case");
    }

    @Override
    public Set<String> keeps() {
        return lists();
    }

    @Override
    public List<Ended> ended(String recordClass, String startsAt, Instant before, int limit) {
        List<Ended> ended = new ArrayList<>();
        if ("outcome-expired".equals(startsAt)) {
            var q = query(where("status")
                            .is(Incident.Status.CLOSED.name())
                            .and("outcome.expiresOn")
                            .lt(before.atZone(ZoneOffset.UTC).toLocalDate()))
                    .with(Sort.by("outcome.expiresOn"))
                    .limit(limit);
            mongo.find(q, Incident.class)
                    .forEach(i -> ended.add(new Ended(
                            i.getReference(),
                            i.getOutcome()
                                    .expiresOn()
                                    .atStartOfDay(ZoneOffset.UTC)
                                    .toInstant(),
                            people(i))));
            return ended;
        }
        var q = query(where("status")
                        .is(Incident.Status.CLOSED.name())
                        .and("closedAt")
                        .lt(before))
                .with(Sort.by("closedAt"))
                .limit(limit);
        mongo.find(q, Incident.class).forEach(i -> ended.add(new Ended(i.getReference(), i.getClosedAt(), people(i))));
        return ended;
    }

    @Override
    public java.util.Optional<Ended> find(String recordClass, String startsAt, String reference) {
        Incident incident = mongo.findById(reference, Incident.class);
        if (incident == null) {
            return java.util.Optional.empty();
        }
        Instant started = "outcome-expired".equals(startsAt)
                ? incident.getOutcome() == null || incident.getOutcome().expiresOn() == null
                        ? null
                        : incident.getOutcome()
                                .expiresOn()
                                .atStartOfDay(ZoneOffset.UTC)
                                .toInstant()
                : incident.getClosedAt();
        return java.util.Optional.of(new Ended(reference, started, people(incident)));
    }

    @Override
    public void destroy(String recordClass, String reference) {
        outbox.flush(Incident.class, reference); // what it still holds for the log goes there first
        references.retire(reference); // its number is never given again
        mongo.remove(query(where("_id").is(reference)), Incident.class);
        compaction.afterErasure(Incident.class);
    }

    private static List<String> people(Incident incident) {
        List<String> people = new ArrayList<>();
        people.add(incident.getSubjectStaffNumber());
        if (incident.getInvestigatorStaffNumber() != null) {
            people.add(incident.getInvestigatorStaffNumber());
        }
        String reporter = incident.getReportedBy();
        if (reporter != null && reporter.startsWith("staff:")) {
            people.add(reporter.substring("staff:".length()));
        }
        return people;
    }
}
