package org.trustgov.audit.incidents;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import org.bson.Document;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.data.mongodb.core.query.Criteria;

/**
 * When incidents make a pattern governance should act on ({@code trustgov.signals.*}): {@code incidents} (3) or more
 * incidents citing the same clause of a policy, about staff of one department, that occurred within {@code within}
 * (90 days) up to now. An incident closed as unfounded (no case to answer) does not count; an open one does, as a
 * pattern of reports is worth acting on before every case is decided. One incident counts once for each clause it
 * cites, however many versions of the policy it names the clause in.
 *
 * @param incidents    how many make a cluster (at least 2)
 * @param within       the window the incidents occurred in, ending now ({@code P90D})
 * @param smallNumbers below how many a count is too small to show as a rate ({@code 5}): a targeted refresher's
 *                     group smaller than this shows no completion figures (no one is identifiable), and fewer
 *                     incidents than this before it show no percentage change
 */
@ConfigurationProperties("trustgov.signals")
public record ClusterRule(
        @DefaultValue("3") int incidents,
        @DefaultValue("P90D") Period within,
        @DefaultValue("5") int smallNumbers) {

    public ClusterRule {
        if (smallNumbers < 1 || smallNumbers > 100) {
            throw new IllegalStateException(
                    "trustgov.signals.small-numbers is " + smallNumbers + ": it must be from 1 to 100");
        }
        if (incidents < 2) {
            throw new IllegalStateException(
                    "trustgov.signals.incidents is " + incidents + ": a cluster is at least 2 incidents");
        }
        if (within == null || within.isZero() || within.isNegative() || within.toTotalMonths() > 24) {
            throw new IllegalStateException(
                    "trustgov.signals.within is " + within + ": it must be a positive period of at most two years");
        }
    }

    /** A cluster: the clause, the department, how many incidents, and when the first and the last occurred. */
    @Schema(description = "Incidents citing the same clause, in one department, within the rule's window")
    public record Signal(
            String policyCode,
            String clauseNumber,
            String department,
            int incidents,
            Instant firstOccurred,
            Instant lastOccurred) {}

    /** The incidents that count: not closed as unfounded (no case to answer). */
    static Criteria counted() {
        return new Criteria()
                .norOperator(where("status")
                        .is(Incident.Status.CLOSED.name())
                        .and("outcome.type")
                        .is(IncidentTypes.OutcomeType.NO_CASE_TO_ANSWER.name()));
    }

    /**
     * The clusters as of {@code now}, of every department or of {@code department} alone, the largest first, as an
     * aggregation of the incidents collection: the store counts, so only the clusters come back (not every incident
     * of the window, 150,000 of them in a load test). Each result is read with {@link #signal(Document)}.
     */
    List<Document> pipeline(Instant now, String department) {
        Instant since = now.atZone(ZoneOffset.UTC).minus(within).toInstant();
        Document inWindow = new Document(
                        "occurredAt", new Document("$gte", Date.from(since)).append("$lte", Date.from(now)))
                .append("subjectDepartment", department == null ? new Document("$ne", null) : department);
        inWindow.putAll(counted().getCriteriaObject());
        // each clause once per incident, however many versions of the policy it is cited in
        Document clausesOnce = new Document(
                "$setUnion",
                List.of(new Document(
                        "$map",
                        new Document("input", "$breachedClauses")
                                .append("as", "cited")
                                .append(
                                        "in",
                                        new Document("policy", "$$cited.policyCode")
                                                .append("clause", "$$cited.clauseNumber")))));
        return List.of(
                new Document("$match", inWindow),
                new Document(
                        "$project",
                        new Document("_id", 0)
                                .append("department", "$subjectDepartment")
                                .append("occurredAt", 1)
                                .append("cited", clausesOnce)),
                new Document("$unwind", "$cited"),
                new Document(
                        "$group",
                        new Document(
                                        "_id",
                                        new Document("policy", "$cited.policy")
                                                .append("clause", "$cited.clause")
                                                .append("department", "$department"))
                                .append("incidents", new Document("$sum", 1))
                                .append("first", new Document("$min", "$occurredAt"))
                                .append("last", new Document("$max", "$occurredAt"))),
                new Document("$match", new Document("incidents", new Document("$gte", incidents))),
                new Document("$sort", new Document("incidents", -1).append("last", -1)));
    }

    /** One result of {@link #pipeline}. */
    static Signal signal(Document found) {
        Document key = found.get("_id", Document.class);
        return new Signal(
                key.getString("policy"),
                key.getString("clause"),
                key.getString("department"),
                found.get("incidents", Number.class).intValue(),
                found.getDate("first").toInstant(),
                found.getDate("last").toInstant());
    }
}
