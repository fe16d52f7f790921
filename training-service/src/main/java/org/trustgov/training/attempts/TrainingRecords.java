package org.trustgov.training.attempts;

import static org.springframework.data.mongodb.core.aggregation.Aggregation.group;
import static org.springframework.data.mongodb.core.aggregation.Aggregation.limit;
import static org.springframework.data.mongodb.core.aggregation.Aggregation.match;
import static org.springframework.data.mongodb.core.aggregation.Aggregation.newAggregation;
import static org.springframework.data.mongodb.core.aggregation.Aggregation.sort;
import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import org.bson.Document;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Service;
import org.trustgov.starter.mongo.StoreCompaction;

/**
 * People's training records as records the trust keeps ({@code training-record}): whose latest completion is older
 * than the retention allows, and the destruction of one person's: every attempt, completion and certificate.
 */
@Service
public class TrainingRecords {

    private final MongoTemplate mongo;
    private final StoreCompaction compaction;

    TrainingRecords(MongoTemplate mongo, StoreCompaction compaction) {
        this.mongo = mongo;
        this.compaction = compaction;
    }

    /**
     * One person's training record, if they have one (any attempt): when they last completed a module, or
     * {@code Optional.of(null)}-like empty instant ({@code null} inside) while they have completed none.
     */
    public java.util.Optional<java.util.Optional<Instant>> lastCompletedOf(String staffNumber) {
        if (!mongo.exists(query(where("staffNumber").is(staffNumber)), Attempt.class)) {
            return java.util.Optional.empty();
        }
        var aggregation = newAggregation(
                match(where("staffNumber").is(staffNumber).and("passed").is(true)),
                group("staffNumber").max("completion.completedAt").as("last"));
        Document last =
                mongo.aggregate(aggregation, Attempt.class, Document.class).getUniqueMappedResult();
        return java.util.Optional.of(java.util.Optional.ofNullable(
                last == null || last.get("last") == null ? null : ((Date) last.get("last")).toInstant()));
    }

    /**
     * How many people have passed each of the module versions {@code versions} ({@code code → version}): the
     * completions each holds, counted in one pass over the passes (a version no one passed is 0).
     */
    public java.util.Map<String, Long> completionsOf(java.util.Map<String, Integer> versions) {
        java.util.Map<String, Long> counts = new java.util.LinkedHashMap<>();
        versions.keySet().forEach(code -> counts.put(code, 0L));
        if (versions.isEmpty()) {
            return counts;
        }
        var aggregation = newAggregation(
                match(where("passed").is(true).and("moduleCode").in(versions.keySet())),
                group("moduleCode", "moduleVersion", "staffNumber"),
                group("_id.moduleCode", "_id.moduleVersion").count().as("people"));
        for (Document d : mongo.aggregate(aggregation, Attempt.class, Document.class)) {
            Document id = d.get("_id", Document.class);
            String code = id != null ? id.getString("moduleCode") : d.getString("moduleCode");
            Object version = id != null ? id.get("moduleVersion") : d.get("moduleVersion");
            if (version instanceof Number n && Integer.valueOf(n.intValue()).equals(versions.get(code))) {
                counts.put(code, ((Number) d.get("people")).longValue());
            }
        }
        return counts;
    }

    /** People whose latest completion was before {@code before}, longest ago first: staff number to its time. */
    public Map<String, Instant> lastCompletedBefore(Instant before, int limit) {
        var aggregation = newAggregation(
                match(where("passed").is(true)),
                group("staffNumber").max("completion.completedAt").as("last"),
                match(where("last").lt(before)),
                sort(Sort.by("last")),
                limit(limit));
        Map<String, Instant> ended = new LinkedHashMap<>();
        mongo.aggregate(aggregation, Attempt.class, Document.class)
                .forEach(d -> ended.put(d.getString("_id"), ((Date) d.get("last")).toInstant()));
        return ended;
    }

    /** Destroys every attempt, completion and certificate of the person. */
    public long erase(String staffNumber) {
        compaction.afterErasure(Attempt.class);
        return mongo.remove(query(where("staffNumber").is(staffNumber)), Attempt.class)
                .getDeletedCount();
    }
}
