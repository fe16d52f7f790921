package org.trustgov.mongo.embedded;

import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.AbstractCursor;
import de.bwaldvogel.mongo.backend.ArrayFilters;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.QueryParameters;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.h2.H2Collection;
import de.bwaldvogel.mongo.bson.BsonRegularExpression;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.oplog.Oplog;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.h2.mvstore.Cursor;
import org.h2.mvstore.MVMap;

/**
 * mongo-java-server's H2 collection, read one document at a time where the stock collection read every match into a
 * list first: a find that asks for batches reads each batch when it is asked for, and an aggregation reads the
 * collection as a stream. Before, an aggregation that reduced 150,000 incidents to a few counts, or a verification
 * that read the log a thousand entries at a time, held every document in the service's heap at once.
 *
 * <p>A sorted find with a limit keeps only as many matches as it hands out while it reads ({@link #firstInOrder});
 * one without a limit, or one that asks for everything in one answer (no batch size: what the server does for itself,
 * in updates and deletes), is read as the stock collection reads it.
 *
 * <p>Such a find takes the collection in turns ({@link #EXAMINED_PER_TURN} stored documents at a time) and lets the
 * writes waiting for it in between, as MongoDB yields during a long scan: the stock collection held it for the whole
 * scan, so a daily job looking through 150,000 incidents for the closed ones held every report back until it was
 * done. A find made inside a write (an update's or a delete's, {@code findAndModify}'s) still holds the collection
 * throughout, as before.
 */
class StreamedH2Collection extends H2Collection {

    private static final Document EVERYTHING = new Document();

    /** Up to how many matches a sorted find with a limit keeps while it reads, instead of sorting every match. */
    private static final int MOST_KEPT = 10_000;

    /** How many stored documents a find examines while it holds the collection, before it lets waiting writes in. */
    static final int EXAMINED_PER_TURN = 1_000;

    /** The longest a find waits between two turns for the writes that are waiting for the collection. */
    private static final long MOST_WAITED_FOR_WRITES_NANOS = 1_000_000;

    private final MVMap<Object, Document> documents;
    private final CursorRegistry cursors;
    /** Writes waiting to take the collection; a find examining many documents lets them in between its turns. */
    private final AtomicInteger waitingWrites = new AtomicInteger();

    StreamedH2Collection(
            MongoDatabase database,
            String collectionName,
            CollectionOptions options,
            MVMap<Object, Document> documents,
            MVMap<String, Object> metaMap,
            CursorRegistry cursors) {
        super(database, collectionName, options, documents, metaMap, cursors);
        this.documents = documents;
        this.cursors = cursors;
    }

    /**
     * The collection from the version current when the read starts (H2 keeps it whole while it is read). An update
     * changes the stored document object in place while it holds the collection, so each document is copied while
     * this read holds the collection too: a stage after it never sees a document half updated.
     */
    /** A query, and its long lists of strings made into sets ({@code null}: it has none). */
    private record Matching(Document query, StringListsAsSets lists) {}

    /**
     * The last query this collection matched documents against: a find, an update or a delete matches every document
     * it examines against one query, whose long lists of strings are made into sets once ({@link StringListsAsSets}).
     */
    private volatile Matching lastMatching;

    @Override
    protected boolean documentMatchesQuery(Document document, Document query) {
        Matching matching = lastMatching;
        if (matching == null || matching.query() != query) {
            matching = new Matching(query, StringListsAsSets.of(query));
            lastMatching = matching;
        }
        return matching.lists() == null
                ? super.documentMatchesQuery(document, query)
                : matching.lists().matches(document, super::documentMatchesQuery);
    }

    @Override
    public Stream<Document> queryAllAsStream() {
        return streamAllDocumentsWithPosition().map(stored -> {
            synchronized (this) {
                return stored.getDocument().cloneDeeply();
            }
        });
    }

    /** How a find without an index reads the collection. */
    private enum Reading {
        /** Keeping the first matches in order as it reads ({@link #firstInOrder}), in turns. */
        FIRST_IN_ORDER,
        /** A batch at a time ({@link Onwards}), in turns. */
        ONWARDS,
        /** As the stock collection reads it: every match at once, in one hold. */
        STOCK
    }

    private Reading readingFor(Document orderBy, int numberToSkip, int limit, int batchSize) {
        if (deriveComparator(orderBy) != null // none for the order stored ($natural)
                && limit > 0
                && (long) numberToSkip + limit <= MOST_KEPT) {
            return Reading.FIRST_IN_ORDER;
        }
        boolean sorted = orderBy != null && !orderBy.isEmpty();
        return batchSize <= 0 || sorted ? Reading.STOCK : Reading.ONWARDS;
    }

    /**
     * A find: one the collection's indexes answer, or one read as the stock collection reads it, is answered while
     * holding the collection, as before; one that examines the stored documents one by one takes the collection in
     * turns. Made inside a write (which holds the collection already), the whole find is one hold.
     */
    @Override
    public QueryResult handleQuery(QueryParameters parameters) {
        if (Thread.holdsLock(this)) {
            return super.handleQuery(parameters);
        }
        // The query and its order, as the stock collection reads them from the selector.
        Document selector = parameters.getQuerySelector();
        Document query = selector;
        Document orderBy = null;
        if (selector.containsKey("query")) {
            query = (Document) selector.get("query");
            orderBy = (Document) selector.get("orderby");
        } else if (selector.containsKey("$query")) {
            query = (Document) selector.get("$query");
            orderBy = (Document) selector.get("$orderby");
        }
        int numberToSkip = parameters.getNumberToSkip();
        int limit = parameters.getLimit();
        int batchSize = parameters.getBatchSize();
        synchronized (this) {
            if (readingFor(orderBy, numberToSkip, limit, batchSize) == Reading.STOCK || anIndexAnswers(query)) {
                return super.handleQuery(parameters);
            }
        }
        return matchDocuments(query, orderBy, numberToSkip, limit, batchSize, parameters.getProjection());
    }

    private boolean anIndexAnswers(Document query) {
        if (idIndexNarrowing(query) != null) {
            return true;
        }
        for (Index<Object> index : getIndexes()) {
            if (index.canHandle(query)) {
                return true;
            }
        }
        return false;
    }

    /**
     * A query on one {@code _id} and more ({@code {_id, revision}}: how Spring Data saves a versioned document) looks
     * at the one document of that id, and matches the whole query against it. The stock collection uses an index only
     * for a query on exactly the index's fields, so such an update read every stored document: each step of a case,
     * among 144,000 incidents on the local platform, took 1.1 to 1.6 s. MongoDB uses the {@code _id} index for it.
     */
    @Override
    protected QueryResult queryDocuments(
            Document query, Document orderBy, int numberToSkip, int limit, int batchSize, Document fieldSelector) {
        Index<Object> byId = idIndexNarrowing(query);
        if (byId != null) {
            return matchDocuments(
                    query,
                    byId.getPositions(new Document(ID, query.get(ID))),
                    orderBy,
                    numberToSkip,
                    limit,
                    batchSize,
                    fieldSelector);
        }
        return super.queryDocuments(query, orderBy, numberToSkip, limit, batchSize, fieldSelector);
    }

    private static final String ID = "_id";

    /**
     * The {@code _id} index, when the query names one plain {@code _id} value and other fields too (a query on the
     * {@code _id} alone the stock collection answers from the index itself); {@code null} otherwise. A document as
     * the value may be an operator ({@code $in}) or an id that is a document, and a regular expression matches many
     * ids: those are left to the stock reading.
     */
    private Index<Object> idIndexNarrowing(Document query) {
        Object id = query.get(ID);
        if (query.size() < 2
                || id == null
                || id instanceof Document
                || id instanceof java.util.Collection<?>
                || BsonRegularExpression.isRegularExpression(id)) {
            return null;
        }
        Document byId = new Document(ID, id);
        for (Index<Object> index : getIndexes()) {
            if (index.isUnique() && index.canHandle(byId)) {
                return index;
            }
        }
        return null;
    }

    @Override
    protected QueryResult matchDocuments(
            Document query, Document orderBy, int numberToSkip, int limit, int batchSize, Document fieldSelector) {
        switch (readingFor(orderBy, numberToSkip, limit, batchSize)) {
            case FIRST_IN_ORDER -> {
                // The kept matches are this find's own copies: skipped, limited and projected without the collection.
                List<Document> first = firstInOrder(query, deriveComparator(orderBy), numberToSkip + limit);
                return matchDocumentsFromStream(
                        EVERYTHING, first.stream(), numberToSkip, limit, batchSize, null, fieldSelector);
            }
            case ONWARDS -> {
                Onwards reading = new Onwards(cursors.generateCursorId(), query, numberToSkip, limit, fieldSelector);
                List<Document> first = reading.takeDocuments(batchSize);
                if (reading.isEmpty()) {
                    return new QueryResult(first);
                }
                cursors.add(reading);
                return new QueryResult(first, reading);
            }
            default -> {
                synchronized (this) {
                    return super.matchDocuments(query, orderBy, numberToSkip, limit, batchSize, fieldSelector);
                }
            }
        }
    }

    /**
     * Hands {@code examiner} (what a find does with each stored document it examines; {@code false} to stop after
     * this one) the stored documents after the key {@code after} ({@code null}: from the first) in key
     * order until it says stop or none is left, holding the collection for {@link #EXAMINED_PER_TURN} of them at a
     * time and letting the waiting writes in between; each turn goes on from the key after the last one examined, in
     * the version stored then. Returns the key of the last document examined ({@code after} when none was).
     */
    private Object examineInTurns(Object after, Predicate<Document> examiner) {
        while (true) {
            synchronized (this) {
                Object from = after == null ? null : documents.higherKey(after);
                if (after != null && from == null) {
                    return after;
                }
                Cursor<Object, Document> stored = documents.cursor(from);
                for (int examined = 0; examined < EXAMINED_PER_TURN; examined++) {
                    if (!stored.hasNext()) {
                        return after;
                    }
                    after = stored.next();
                    if (!examiner.test(stored.getValue())) {
                        return after;
                    }
                }
            }
            letWaitingWritesIn();
        }
    }

    /**
     * Waits (for at most {@link #MOST_WAITED_FOR_WRITES_NANOS}) until the writes waiting for the collection have
     * taken it: a thread that lets a monitor go and asks for it again at once usually gets it back before a waiting
     * one wakes up. Nothing to wait for when this thread still holds the collection (a find inside a write).
     */
    private void letWaitingWritesIn() {
        if (Thread.holdsLock(this)) {
            return;
        }
        long until = System.nanoTime() + MOST_WAITED_FOR_WRITES_NANOS;
        while (waitingWrites.get() > 0 && System.nanoTime() - until < 0) {
            Thread.yield();
        }
    }

    /** A write: counted as waiting until it holds the collection, so that a find between two turns lets it in. */
    private <T> T write(Supplier<T> write) {
        waitingWrites.incrementAndGet();
        synchronized (this) {
            waitingWrites.decrementAndGet();
            return write.get();
        }
    }

    @Override
    public void addDocument(Document document) {
        write(() -> {
            super.addDocument(document);
            return null;
        });
    }

    @Override
    public List<Document> insertDocuments(List<Document> documents, boolean isOrdered) {
        return write(() -> super.insertDocuments(documents, isOrdered));
    }

    @Override
    public Document updateDocuments(
            Document selector,
            Document updateQuery,
            ArrayFilters arrayFilters,
            boolean isMulti,
            boolean isUpsert,
            Oplog oplog) {
        return write(() -> super.updateDocuments(selector, updateQuery, arrayFilters, isMulti, isUpsert, oplog));
    }

    @Override
    public int deleteDocuments(Document selector, int limit, Oplog oplog) {
        return write(() -> super.deleteDocuments(selector, limit, oplog));
    }

    @Override
    public Document findAndModify(Document query) {
        return write(() -> super.findAndModify(query));
    }

    /**
     * The first {@code count} matches of {@code query} in {@code order}, from one pass that keeps only the best
     * {@code count} so far: what the stock collection finds by sorting every match (the oldest log entry, asked for
     * as the first of the log sorted by number, was a sort of the whole log in the service's heap). Matches that
     * compare equal keep the order they are stored in, as the stock collection's stable sort keeps them.
     */
    private List<Document> firstInOrder(Document query, Comparator<Document> order, int count) {
        Comparator<Ranked> ranking =
                Comparator.comparing(Ranked::document, order).thenComparingLong(Ranked::stored);
        PriorityQueue<Ranked> kept = new PriorityQueue<>(Math.min(count, 1_024), ranking.reversed());
        long[] matched = {0};
        examineInTurns(null, document -> {
            if (!documentMatchesQuery(document, query)) {
                return true;
            }
            // Kept as it is now: a write between two turns changes a stored document in place, and the kept ones
            // must stay in the order they were kept in.
            if (kept.size() < count) {
                kept.add(new Ranked(document.cloneDeeply(), matched[0]));
            } else if (order.compare(document, kept.peek().document()) < 0) {
                kept.poll();
                kept.add(new Ranked(document.cloneDeeply(), matched[0]));
            }
            matched[0]++;
            return true;
        });
        List<Ranked> first = new ArrayList<>(kept);
        first.sort(ranking);
        return first.stream().map(Ranked::document).toList();
    }

    private record Ranked(Document document, long stored) {}

    /**
     * The matches of a find after the last one handed out, read in key order (the order the stock collection reads
     * them in), taking the collection in turns ({@link #examineInTurns}). Like a MongoDB cursor, it is no snapshot: a
     * document stored after the find began, beyond the last one examined, is found; one removed before its turn is
     * not. It holds one key and one match ahead, never the result.
     */
    private final class Onwards extends AbstractCursor {

        private final Document query;
        private final Document fieldSelector;
        private int toSkip;
        /** How many more this find may hand out (its limit, less what it handed out). */
        private int remaining;

        private boolean started;
        private Object lastKey;
        /** The next match, found ahead so the store can say whether more are left; {@code null} when none is. */
        private Document ahead;

        Onwards(long id, Document query, int toSkip, int limit, Document fieldSelector) {
            super(id);
            this.query = query;
            this.toSkip = toSkip;
            this.remaining = limit > 0 ? limit : Integer.MAX_VALUE;
            this.fieldSelector = fieldSelector;
        }

        @Override
        public boolean isEmpty() {
            return started && ahead == null;
        }

        @Override
        public List<Document> takeDocuments(int numberToReturn) {
            int wanted = Math.min(Math.max(numberToReturn, 1), remaining);
            List<Document> batch = new ArrayList<>(Math.min(wanted, 1_000));
            if (ahead != null) {
                batch.add(ahead);
                ahead = null;
            }
            // From the first stored document the first time; after that from the key after the last one examined,
            // unless the collection was empty then.
            if (batch.size() < remaining && (!started || lastKey != null)) {
                lastKey = examineInTurns(lastKey, document -> {
                    if (!documentMatchesQuery(document, query)) {
                        return true;
                    }
                    if (toSkip > 0) {
                        toSkip--;
                        return true;
                    }
                    if (batch.size() < wanted) {
                        batch.add(document);
                        return batch.size() < remaining;
                    }
                    ahead = document;
                    return false;
                });
            }
            started = true;
            remaining -= batch.size();
            synchronized (StreamedH2Collection.this) {
                return projected(batch);
            }
        }

        /** {@code batch} with only the fields asked for, as the stock collection selects them. */
        private List<Document> projected(List<Document> batch) {
            if (fieldSelector == null || fieldSelector.isEmpty() || batch.isEmpty()) {
                return batch;
            }
            return matchDocumentsFromStream(EVERYTHING, batch.stream(), 0, 0, 0, null, fieldSelector)
                    .collectDocuments();
        }
    }
}
