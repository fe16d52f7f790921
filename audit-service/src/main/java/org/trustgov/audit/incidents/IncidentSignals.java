package org.trustgov.audit.incidents;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Service;

/** The clusters of incidents the {@link ClusterRule} finds now: signals to governance and the managers concerned. */
@Service
public class IncidentSignals {

    private final MongoTemplate mongo;
    private final ClusterRule rule;
    private final Clock clock;

    IncidentSignals(MongoTemplate mongo, ClusterRule rule, Clock clock) {
        this.mongo = mongo;
        this.rule = rule;
        this.clock = clock;
    }

    public ClusterRule rule() {
        return rule;
    }

    /**
     * How many open incidents (not closed) cite each of {@code clauses} of policy {@code policyCode}, in any of its
     * versions: what a change to those clauses touches. A clause no open incident cites is 0.
     */
    public java.util.Map<String, Long> openCiting(String policyCode, java.util.Collection<String> clauses) {
        java.util.Map<String, Long> counts = new java.util.LinkedHashMap<>();
        clauses.forEach(c -> counts.put(c, 0L));
        Query open = query(where("status")
                .ne(Incident.Status.CLOSED.name())
                .and("breachedClauses")
                .elemMatch(
                        where("policyCode").is(policyCode).and("clauseNumber").in(clauses)));
        open.fields().include("breachedClauses");
        for (Incident incident : mongo.find(open, Incident.class)) {
            incident.getBreachedClauses().stream()
                    .filter(c -> policyCode.equals(c.policyCode()) && counts.containsKey(c.clauseNumber()))
                    .map(IncidentTypes.BreachedClause::clauseNumber)
                    .distinct()
                    .forEach(c -> counts.merge(c, 1L, Long::sum));
        }
        return counts;
    }

    /**
     * How many incidents about staff of {@code department} that occurred in [{@code from}, {@code to}) cite clause
     * {@code clause} of policy {@code policyCode} (in any version), counted as the cluster rule counts them.
     */
    public long citing(String policyCode, String clause, String department, Instant from, Instant to) {
        Query q = query(where("subjectDepartment")
                .is(department)
                .and("occurredAt")
                .gte(from)
                .lt(to)
                .and("breachedClauses")
                .elemMatch(
                        where("policyCode").is(policyCode).and("clauseNumber").is(clause)));
        q.addCriteria(ClusterRule.counted());
        return mongo.count(q, Incident.class);
    }

    /** The signals now, of every department or of {@code department} alone. */
    public List<ClusterRule.Signal> current(String department) {
        List<ClusterRule.Signal> found = new ArrayList<>();
        mongo.getCollection(mongo.getCollectionName(Incident.class))
                .aggregate(rule.pipeline(clock.instant(), department))
                .forEach(signal -> found.add(ClusterRule.signal(signal)));
        return found;
    }
}
