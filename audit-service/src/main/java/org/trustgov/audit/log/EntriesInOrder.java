package org.trustgov.audit.log;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.util.stream.Stream;

import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;

/**
 * The log's entries in a range, in sequence order, from one cursor read {@value #BATCH} at a time. The batch size is
 * given explicitly: a store that is not told one may answer the whole range in one reply (the embedded store did, and
 * a million entries were a reply of 380 MB that the driver refuses). Close the stream.
 */
final class EntriesInOrder {

    static final int BATCH = 1_000;

    private EntriesInOrder() {
    }

    /**
     * @param to         inclusive, or {@code null} for up to the head
     * @param hashesOnly read only the sequence number and hash
     */
    static Stream<AuditEntry> stream(MongoTemplate mongo, long from, Long to, boolean hashesOnly) {
        Query range = query(to == null ? where("_id").gte(from) : where("_id").gte(from).lte(to)).with(Sort.by("_id"))
                .cursorBatchSize(BATCH);
        if (hashesOnly) {
            range.fields().include("hash");
        }
        return mongo.stream(range, AuditEntry.class);
    }
}
