package org.trustgov.audit.log.chain;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoCursor;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.bson.Document;
import org.bson.RawBsonDocument;
import org.bson.conversions.Bson;
import org.springframework.data.mongodb.core.MongoTemplate;

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
     * The stored entries of the range, in number order, as stored: their bytes, which the verification reads with
     * {@link #reader} (not mapped to entries: it hashes the stored values themselves). Close the stream.
     *
     * @param to inclusive, or {@code null} for up to the head
     */
    static Stream<RawBsonDocument> entries(MongoTemplate mongo, long from, Long to) {
        return stream(stored(mongo)
                .find(range(from, to))
                .sort(Sorts.ascending("_id"))
                .batchSize(BATCH)
                .iterator());
    }

    /**
     * The stored entries of the range in the order the store keeps them, which is the order they were appended
     * (each number is inserted only after the one before it is stored) on the embedded store and usually on MongoDB,
     * but not promised: the caller checks the numbers come in order and goes on with {@link #documents} from the
     * first that does not. It spares the embedded store, which has no ordered index, sorting the whole log. Close the
     * stream.
     *
     * <p>From the first entry, the log is read without a filter, as many entries as the range holds: in stored order
     * they are entries 1, 2, 3 and so on, and the embedded store, which has no ordered index, would otherwise test the
     * filter on every entry of the log before it answered the first batch. Whatever is stored first that is not the
     * next number (an entry out of order, a document that is no entry) sends the caller to {@link #entries} by number,
     * as any entry out of order does.
     */
    static Stream<RawBsonDocument> entriesAsStored(MongoTemplate mongo, long from, Long to) {
        MongoCollection<RawBsonDocument> log = stored(mongo);
        if (from == 1) {
            return stream(log.find()
                    .limit(to == null || to > Integer.MAX_VALUE ? 0 : to.intValue())
                    .batchSize(BATCH)
                    .iterator());
        }
        return stream(log.find(range(from, to)).batchSize(BATCH).iterator());
    }

    /** The log read as each entry's bytes, as the store sends them. */
    private static MongoCollection<RawBsonDocument> stored(MongoTemplate mongo) {
        return log(mongo).withDocumentClass(RawBsonDocument.class);
    }

    /** Reads what {@link #entries} and {@link #entriesAsStored} give: each entry, its hash recomputed. */
    static StoredEntryBytes reader(MongoTemplate mongo) {
        return new StoredEntryBytes(new StoredEntryCodec(log(mongo).getCodecRegistry()));
    }

    private static Bson range(long from, Long to) {
        return to == null ? Filters.gte("_id", from) : Filters.and(Filters.gte("_id", from), Filters.lte("_id", to));
    }

    private static <T> Stream<T> stream(MongoCursor<T> cursor) {
        return StreamSupport.stream(
                        Spliterators.spliteratorUnknownSize(cursor, Spliterator.ORDERED | Spliterator.NONNULL), false)
                .onClose(cursor::close);
    }

    /**
     * The sequence number and the 32-byte hash of each entry in the range, in order, straight from the driver's
     * documents: a million entries are read for the Merkle tree without mapping a million objects. Close the stream.
     *
     * @param to inclusive, or {@code null} for up to the head
     */
    public static Stream<StoredHash> hashes(MongoTemplate mongo, long from, Long to) {
        return read(log(mongo)
                .find(range(from, to))
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

    /**
     * The hashes of the entries numbered {@code from} to {@code from + count - 1} that are stored, by number (a
     * {@code hash} of {@code null} when that is not a well-formed hash): one lookup by key (a range would be a scan
     * of the whole log on a store without an ordered index).
     */
    public static Map<Long, StoredHash> hashesOf(MongoTemplate mongo, long from, int count) {
        List<Long> numbers = new ArrayList<>(count);
        for (long n = from; n < from + count; n++) {
            numbers.add(n);
        }
        Map<Long, StoredHash> found = new HashMap<>();
        try (Stream<StoredHash> stored = read(log(mongo)
                .find(new Document("_id", new Document("$in", numbers)))
                .projection(Projections.include("hash"))
                .iterator())) {
            stored.forEach(entry -> found.put(entry.sequence(), entry));
        }
        return found;
    }

    private static MongoCollection<Document> log(MongoTemplate mongo) {
        return mongo.getCollection(mongo.getCollectionName(AuditEntry.class));
    }

    private static Stream<StoredHash> read(MongoCursor<Document> cursor) {
        return stream(cursor) // each document decoded once (a raw document is parsed again for each field)
                .map(entry -> new StoredHash(
                        ((Number) entry.get("_id")).longValue(),
                        entry.get("hash") instanceof String hash ? parse(hash) : null));
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
