package org.trustgov.audit.log.chain;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoCursor;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;

/**
 * The log's entries in a range, in sequence order, from one cursor read a batch at a time. The batch size is
 * given explicitly: a store that is not told one may answer the whole range in one reply (the embedded store did, and
 * a million entries were a reply of 380 MB that the driver refuses). Close the stream.
 */
public final class EntriesInOrder {

    static final int BATCH = 1_000;
    /** Hashes alone are about 90 bytes a document: replies of about 1 MB. */
    static final int HASH_BATCH = 10_000;

    private static final String PREFIX = "sha256:";

    /**
     * An entry's sequence number and stored hash.
     *
     * @param hash the 32 bytes, or {@code null} when the stored hash is not {@code sha256:} and 64 hex digits
     */
    public record StoredHash(long sequence, byte[] hash) {}

    private EntriesInOrder() {}

    /**
     * @param to inclusive, or {@code null} for up to the head
     */
    static Stream<AuditEntry> stream(MongoTemplate mongo, long from, Long to) {
        return mongo.stream(range(from, to).with(Sort.by("_id")), AuditEntry.class);
    }

    /**
     * The entries of the range in the order the store keeps them, which is the order they were appended (each number
     * is inserted only after the one before it is stored) on the embedded store and usually on MongoDB, but not
     * promised: the caller checks the numbers come in order and goes on with {@link #stream} from the first that
     * does not. It spares the embedded store, which has no ordered index, sorting the whole log. Close the stream.
     */
    static Stream<AuditEntry> streamAsStored(MongoTemplate mongo, long from, Long to) {
        return mongo.stream(range(from, to), AuditEntry.class);
    }

    private static Query range(long from, Long to) {
        return query(
                        to == null
                                ? where("_id").gte(from)
                                : where("_id").gte(from).lte(to))
                .cursorBatchSize(BATCH);
    }

    /**
     * The sequence number and the 32-byte hash of each entry in the range, in order, straight from the driver's
     * documents: a million entries are read for the Merkle tree without mapping a million objects. Close the stream.
     *
     * @param to inclusive, or {@code null} for up to the head
     */
    public static Stream<StoredHash> hashes(MongoTemplate mongo, long from, Long to) {
        Bson range =
                to == null ? Filters.gte("_id", from) : Filters.and(Filters.gte("_id", from), Filters.lte("_id", to));
        return read(log(mongo)
                .find(range)
                .projection(Projections.include("hash"))
                .sort(Sorts.ascending("_id"))
                .batchSize(HASH_BATCH)
                .iterator());
    }

    /**
     * The sequence number and the 32-byte hash of every entry, in the order the store keeps them, which is the order
     * they were appended (each number is inserted only after the one before it is stored) on the embedded store and
     * usually on MongoDB, but not promised: the caller checks the numbers come in order and reads {@link #hashes}
     * instead when they do not. It spares the store sorting the whole log (the embedded store has no ordered index).
     * Close the stream.
     */
    public static Stream<StoredHash> hashesAsStored(MongoTemplate mongo) {
        return read(log(mongo)
                .find()
                .projection(Projections.include("hash"))
                .batchSize(HASH_BATCH)
                .iterator());
    }

    private static MongoCollection<Document> log(MongoTemplate mongo) {
        return mongo.getCollection(mongo.getCollectionName(AuditEntry.class));
    }

    private static Stream<StoredHash> read(MongoCursor<Document> cursor) {
        Iterator<StoredHash> hashes = new Iterator<>() {
            @Override
            public boolean hasNext() {
                return cursor.hasNext();
            }

            @Override
            public StoredHash next() {
                Document entry = cursor.next(); // decoded once (a raw document is parsed again for each field)
                return new StoredHash(
                        ((Number) entry.get("_id")).longValue(),
                        entry.get("hash") instanceof String hash ? parse(hash) : null);
            }
        };
        return StreamSupport.stream(
                        Spliterators.spliteratorUnknownSize(hashes, Spliterator.ORDERED | Spliterator.NONNULL), false)
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
