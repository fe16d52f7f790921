package org.trustgov.audit.incidents;

import static org.springframework.data.mongodb.core.aggregation.Aggregation.group;
import static org.springframework.data.mongodb.core.aggregation.Aggregation.match;
import static org.springframework.data.mongodb.core.aggregation.Aggregation.newAggregation;
import static org.springframework.data.mongodb.core.aggregation.Aggregation.sort;
import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.support.PageableExecutionUtils;
import org.springframework.stereotype.Service;
import org.trustgov.auditclient.access.AccessLog;
import org.trustgov.auditclient.access.AccessRecord.What;
import org.trustgov.keycloak.Caller;

/**
 * Governance's incident reports, counted by MongoDB: group-by aggregations for the breakdowns, counts for the
 * age bands, and a sorted skip for the median (the store keeps the hours each closed case took).
 */
@Service
public class IncidentReports {

    /** Open cases (not CLOSED) by how long ago they were reported. */
    public record OpenByAge(long upTo30Days, long days31To60, long days61To90, long over90Days) {}

    /**
     * @param nonCompliantAtTheTime breaches by staff who were not compliant with the training on the breached policy
     *                              when the incident was recorded; {@code compliantAtTheTime} those who were;
     *                              {@code trainingUnknown} the rest (no module taught it, not on the roster, pending)
     */
    public record Report(
            Instant from,
            Instant to,
            long incidents,
            Map<String, Long> byCategory,
            Map<String, Long> bySeverity,
            Map<String, Long> byDepartment,
            Map<String, Long> byMonth,
            OpenByAge openByAge,
            Double medianHoursToClose,
            long closed,
            long nonCompliantAtTheTime,
            long compliantAtTheTime,
            long trainingUnknown) {}

    private final MongoTemplate mongo;
    private final Clock clock;

    private final AccessLog accessLog;

    IncidentReports(MongoTemplate mongo, AccessLog accessLog, Clock clock) {
        this.accessLog = accessLog;
        this.mongo = mongo;
        this.clock = clock;
    }

    /** Incidents reported in [from, to). */
    public Report report(Instant from, Instant to) {
        Criteria reported = where("reportedAt").gte(from).lt(to);
        Instant now = clock.instant();
        long closed = mongo.count(
                query(reported).addCriteria(where("status").is(Incident.Status.CLOSED.name())), Incident.class);
        return new Report(
                from,
                to,
                mongo.count(query(reported), Incident.class),
                countBy(reported, "category"),
                countBy(reported, "severity"),
                countBy(reported, "subjectDepartment"),
                countBy(reported, "reportedMonth"),
                new OpenByAge(
                        open(reported, now.minus(Duration.ofDays(30)), now.plusSeconds(1)),
                        open(reported, now.minus(Duration.ofDays(60)), now.minus(Duration.ofDays(30))),
                        open(reported, now.minus(Duration.ofDays(90)), now.minus(Duration.ofDays(60))),
                        open(reported, Instant.EPOCH, now.minus(Duration.ofDays(90)))),
                medianHoursToClose(reported, closed),
                closed,
                mongo.count(
                        query(reported)
                                .addCriteria(where("trainingSnapshot.compliant").is(false)),
                        Incident.class),
                mongo.count(
                        query(reported)
                                .addCriteria(where("trainingSnapshot.compliant").is(true)),
                        Incident.class),
                mongo.count(
                        query(reported)
                                .addCriteria(where("trainingSnapshot.compliant").is(null)),
                        Incident.class));
    }

    /** Outcomes decided in [from, to), oldest first, a page at a time: what HR may read. */
    public Page<IncidentViews.OutcomeRecord> outcomes(Instant from, Instant to, Pageable page, Caller caller) {
        return decided(from, to, page, caller).map(IncidentViews.OutcomeRecord::of);
    }

    /**
     * The incidents whose outcome was decided in [from, to), oldest decision first, a page at a time; each outcome
     * {@code caller} is given is recorded as read ({@link AccessLog}).
     */
    public Page<Incident> decided(Instant from, Instant to, Pageable page, Caller caller) {
        Page<Incident> decided = decided(from, to, page);
        decided.forEach(i -> accessLog.read(caller, What.OUTCOME, i.getReference(), i.getSubjectStaffNumber()));
        return decided;
    }

    private Page<Incident> decided(Instant from, Instant to, Pageable page) {
        Query decided = query(where("outcomeDecidedAt").gte(from).lt(to));
        List<Incident> content = mongo.find(
                Query.of(decided).with(Sort.by("outcomeDecidedAt", "_id")).with(page), Incident.class);
        return PageableExecutionUtils.getPage(content, page, () -> mongo.count(decided, Incident.class));
    }

    private Map<String, Long> countBy(Criteria criteria, String field) {
        Map<String, Long> counts = new LinkedHashMap<>();
        List<Document> groups = mongo.aggregate(
                        newAggregation(match(criteria), group(field).count().as("n"), sort(Sort.Direction.ASC, "_id")),
                        Incident.class,
                        Document.class)
                .getMappedResults();
        for (Document g : groups) {
            Object key = g.get("_id");
            counts.put(key == null ? "unknown" : key.toString(), ((Number) g.get("n")).longValue());
        }
        return counts;
    }

    private long open(Criteria reported, Instant after, Instant before) {
        return mongo.count(
                new Query(new Criteria()
                        .andOperator(
                                reported,
                                where("status").ne(Incident.Status.CLOSED.name()),
                                where("reportedAt").gte(after).lt(before))),
                Incident.class);
    }

    private Double medianHoursToClose(Criteria reported, long closed) {
        if (closed == 0) {
            return null;
        }
        Query sorted =
                query(reported).addCriteria(where("hoursToClose").ne(null)).with(Sort.by("hoursToClose"));
        sorted.fields().include("hoursToClose");
        List<Incident> middle =
                mongo.find(sorted.skip((closed - 1) / 2).limit(closed % 2 == 0 ? 2 : 1), Incident.class);
        return middle.stream().mapToLong(Incident::getHoursToClose).average().orElse(Double.NaN);
    }
}
