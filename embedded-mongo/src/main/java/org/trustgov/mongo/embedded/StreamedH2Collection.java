package org.trustgov.mongo.embedded;

import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.AbstractCursor;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.h2.H2Collection;
import de.bwaldvogel.mongo.bson.Document;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
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
 */
class StreamedH2Collection extends H2Collection {

    private static final Document EVERYTHING = new Document();

    /** Up to how many matches a sorted find with a limit keeps while it reads, instead of sorting every match. */
    private static final int MOST_KEPT = 10_000;

    private final MVMap<Object, Document> documents;
    private final CursorRegistry cursors;

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
    @Override
    public Stream<Document> queryAllAsStream() {
        return streamAllDocumentsWithPosition().map(stored -> {
            synchronized (this) {
                return stored.getDocument().cloneDeeply();
            }
        });
    }

    @Override
    protected QueryResult matchDocuments(
            Document query, Document orderBy, int numberToSkip, int limit, int batchSize, Document fieldSelector) {
        boolean sorted = orderBy != null && !orderBy.isEmpty();
        Comparator<Document> order = deriveComparator(orderBy); // none for the order stored ($natural)
        if (order != null && limit > 0 && (long) numberToSkip + limit <= MOST_KEPT) {
            List<Document> first = firstInOrder(query, order, numberToSkip + limit);
            return matchDocumentsFromStream(
                    EVERYTHING, first.stream(), numberToSkip, limit, batchSize, null, fieldSelector);
        }
        if (batchSize <= 0 || sorted) {
            return super.matchDocuments(query, orderBy, numberToSkip, limit, batchSize, fieldSelector);
        }
        Onwards reading = new Onwards(cursors.generateCursorId(), query, numberToSkip, limit, fieldSelector);
        List<Document> first = reading.takeDocuments(batchSize);
        if (reading.isEmpty()) {
            return new QueryResult(first);
        }
        cursors.add(reading);
        return new QueryResult(first, reading);
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
        long stored = 0;
        for (Document document : documents.values()) {
            if (!documentMatchesQuery(document, query)) {
                continue;
            }
            if (kept.size() < count) {
                kept.add(new Ranked(document, stored));
            } else if (order.compare(document, kept.peek().document()) < 0) {
                kept.poll();
                kept.add(new Ranked(document, stored));
            }
            stored++;
        }
        List<Ranked> first = new ArrayList<>(kept);
        first.sort(ranking);
        return first.stream().map(Ranked::document).toList();
    }

    private record Ranked(Document document, long stored) {}

    /**
     * The matches of a find after the last one handed out, read in key order (the order the stock collection reads
     * them in) from the version current when each batch is asked for, while the batch holds the collection, as every
     * query and write here does. Like a MongoDB cursor, it is no snapshot: a document stored after the find began,
     * beyond the last one handed out, is found; one removed before its turn is not. It holds one key and one match
     * ahead, never the result.
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
            synchronized (StreamedH2Collection.this) {
                int wanted = Math.min(Math.max(numberToReturn, 1), remaining);
                List<Document> batch = new ArrayList<>(Math.min(wanted, 1_000));
                if (ahead != null) {
                    batch.add(ahead);
                    ahead = null;
                }
                Object from = null;
                boolean more = true;
                if (started) {
                    from = lastKey == null ? null : documents.higherKey(lastKey);
                    more = from != null;
                }
                started = true;
                if (more) {
                    Cursor<Object, Document> stored = documents.cursor(from);
                    while (batch.size() < remaining && stored.hasNext()) {
                        lastKey = stored.next();
                        Document document = stored.getValue();
                        if (!documentMatchesQuery(document, query)) {
                            continue;
                        }
                        if (toSkip > 0) {
                            toSkip--;
                        } else if (batch.size() < wanted) {
                            batch.add(document);
                        } else {
                            ahead = document;
                            break;
                        }
                    }
                }
                remaining -= batch.size();
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
