package org.trustgov.audit.incidents;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.time.Instant;
import java.time.ZoneOffset;

import org.bson.Document;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * {@code SMB-2026-000123}: one counter document per year, incremented by one atomic {@code findAndModify}, so
 * references are unique and sequential per year whatever the number of threads and instances. A number taken by
 * a report that then fails validation elsewhere is not reused (the gap shows in the counter, not in the log).
 */
@Component
public class IncidentReferences {

    private final MongoTemplate mongo;

    IncidentReferences(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    public String next(Instant at) {
        int year = at.atOffset(ZoneOffset.UTC).getYear();
        for (int attempt = 0; ; attempt++) {
            try {
                Document counter = mongo.findAndModify(query(where("_id").is("SMB-" + year)), new Update().inc("seq", 1L),
                        FindAndModifyOptions.options().upsert(true).returnNew(true), Document.class, "incident_counters");
                return String.format("SMB-%d-%06d", year, ((Number) counter.get("seq")).longValue());
            } catch (DuplicateKeyException e) { // two first-of-the-year upserts at once: the loser simply increments
                if (attempt > 3) {
                    throw e;
                }
            }
        }
    }
}
