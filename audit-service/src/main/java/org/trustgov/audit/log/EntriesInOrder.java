package org.trustgov.audit.log;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.util.HexFormat;
import java.util.Iterator;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

import com.mongodb.client.MongoCursor;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;
import org.bson.RawBsonDocument;
import org.bson.conversions.Bson;

import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;

/**
 * The log's entries in a range, in sequence order, from one cursor read a batch at a time. The batch size is
 * given explicitly: a store that is not told one may answer the whole range in one reply (the embedded store did, and
 * a million entries were a reply of 380 MB that the driver refuses). Close the stream.
 */
final class EntriesInOrder {

    static final int BATCH = 1_000;
    /** Hashes alone are about 90 bytes a document: replies of about 1 MB. */
    static final int HASH_BATCH = 10_000;
    private static final String PREFIX = "sha256:";

    /**
     * An entry's sequence number and stored hash.
     *
     * @param hash the 32 bytes, or {@code null} when the stored hash is not {@code sha256:} and 64 hex digits
     */
    record StoredHash(long sequence, byte[] hash) {
    }

    private EntriesInOrder() {
    }

    /**
     * @param to inclusive, or {@code null} for up to the head
     */
    static Stream<AuditEntry> stream(MongoTemplate mongo, long from, Long to) {
        Query range = query(to == null ? where("_id").gte(from) : where("_id").gte(from).lte(to)).with(Sort.by("_id"))
                .cursorBatchSize(BATCH);
        return mongo.stream(range, AuditEntry.class);
    }

    /**
     * The sequence number and the 32-byte hash of each entry in the range, in order, straight from the driver's raw
     * documents: a million entries are read for the Merkle tree without mapping a million objects. Close the stream.
     *
     * @param to inclusive, or {@code null} for up to the head
     */
    static Stream<StoredHash> hashes(MongoTemplate mongo, long from, Long to) {
        Bson range = to == null ? Filters.gte("_id", from) : Filters.and(Filters.gte("_id", from), Filters.lte("_id", to));
        MongoCursor<RawBsonDocument> cursor = mongo.getCollection(mongo.getCollectionName(AuditEntry.class))
                .withDocumentClass(RawBsonDocument.class).find(range).projection(Projections.include("hash"))
                .sort(Sorts.ascending("_id")).batchSize(HASH_BATCH).iterator();
        Iterator<StoredHash> hashes = new Iterator<>() {
            @Override
            public boolean hasNext() {
                return cursor.hasNext();
            }

            @Override
            public StoredHash next() {
                RawBsonDocument entry = cursor.next();
                return new StoredHash(entry.getNumber("_id").longValue(),
                        parse(entry.isString("hash") ? entry.getString("hash").getValue() : ""));
            }
        };
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(hashes, Spliterator.ORDERED | Spliterator.NONNULL), false)
                .onClose(cursor::close);
    }

    private static byte[] parse(String hash) {
        if (hash.length() != PREFIX.length() + 64 || !hash.startsWith(PREFIX)) {
            return null;
        }
        try {
            return HexFormat.of().parseHex(hash, PREFIX.length(), hash.length());
        } catch (IllegalArgumentException notHex) {
            return null;
        }
    }
}
