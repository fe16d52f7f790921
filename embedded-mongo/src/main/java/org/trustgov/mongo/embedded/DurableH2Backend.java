package org.trustgov.mongo.embedded;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.h2.H2Database;
import de.bwaldvogel.mongo.bson.Document;
import io.netty.channel.Channel;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

/**
 * mongo-java-server's H2 backend, made durable: the stock backend answers a write at once and lets MVStore commit
 * to the file about a second later, so a process killed in that second loses writes its clients were told had
 * succeeded (an acknowledged audit entry, gone). Here every write command is committed to the file before its
 * answer goes back; with {@code fsync} the file is also forced to disk (survives a power cut, not only a crash).
 */
class DurableH2Backend extends H2Backend {

    private static final Set<String> WRITES = Set.of(
            "insert",
            "update",
            "delete",
            "findandmodify",
            "createindexes",
            "dropindexes",
            "drop",
            "dropdatabase",
            "create",
            "renamecollection");

    /** The prefix of the maps holding collections' documents ({@code H2Database.DATABASES_PREFIX}). */
    private static final String COLLECTIONS = "databases.";

    /** The prefix of the maps holding collections' sizes ({@code H2Database.META_PREFIX}). */
    private static final String META = "meta.";

    /** What names a unique index's map, after its collection ({@code H2Database.mapNameForIndex}). */
    private static final String INDEX = "._index_";

    private final MVStore store;
    private final boolean fsync;
    /** Writes that have asked for a commit so far, and the last of them a finished commit covers. */
    private final AtomicLong writesTaken = new AtomicLong();

    private final Object commits = new Object();
    private long committedThrough; // guarded by commits

    /** Whether the file may hold data deleted since it was last rewritten (not known at opening, so yes). */
    private volatile boolean written = true;

    DurableH2Backend(MVStore store, boolean fsync) {
        super(withBsonDocuments(store)); // before the backend opens the databases it finds
        this.store = store;
        this.fsync = fsync;
    }

    /**
     * Opens every collection's map in the file with {@link BsonDocumentType}: the backend opens maps by name only, and
     * a map already open is handed back as it is, with its types.
     */
    private static MVStore withBsonDocuments(MVStore store) {
        for (String name : store.getMapNames()) {
            openAsStored(store, name);
        }
        return store;
    }

    /**
     * Opens map {@code mapName} of {@code store} with the types this backend writes it with: a collection's map with
     * ids and documents written compactly; a unique index's map with the documents' ids written compactly and its
     * keys as H2 writes them (their order in the file is the order of their Java-serialized bytes), each serialized
     * once ({@link IndexKeyType}); any other map as H2 opens it.
     */
    static MVMap<Object, Object> openAsStored(MVStore store, String mapName) {
        if (mapName.startsWith(COLLECTIONS)) {
            return store.openMap(
                    mapName,
                    new MVMap.Builder<Object, Object>()
                            .keyType(new BsonDocumentType())
                            .valueType(new BsonDocumentType()));
        }
        if (mapName.contains(INDEX)) {
            return store.openMap(
                    mapName,
                    new MVMap.Builder<Object, Object>()
                            .keyType(new IndexKeyType())
                            .valueType(new BsonDocumentType()));
        }
        return store.openMap(mapName);
    }

    /**
     * A database whose collections created from now on keep their documents as BSON too. Called while the superclass
     * is still being constructed (for the databases found in the file), so it reads the store from there.
     */
    @Override
    protected MongoDatabase openOrCreateDatabase(String databaseName) {
        MVStore opened = getMvStore();
        return new H2Database(databaseName, opened, getCursorRegistry()) {
            @Override
            protected Index<Object> openOrCreateUniqueIndex(
                    String collection, String indexName, List<IndexKey> keys, boolean sparse) {
                openAsStored(opened, getFullCollectionNamespace(collection) + INDEX + indexName);
                return super.openOrCreateUniqueIndex(collection, indexName, keys, sparse);
            }

            @Override
            protected Index<Object> openOrCreateSecondaryIndex(
                    String collection, String indexName, List<IndexKey> keys, boolean sparse) {
                return UniqueIndexesOnly.notKept(collection, indexName, keys);
            }

            @Override
            protected MongoCollection<Object> openOrCreateCollection(String collection, CollectionOptions options) {
                String name = getFullCollectionNamespace(collection);
                openAsStored(opened, COLLECTIONS + name);
                return new StreamedH2Collection(
                        this,
                        collection,
                        options,
                        opened.openMap(COLLECTIONS + name),
                        opened.openMap(META + name),
                        getCursorRegistry());
            }
        };
    }

    /** MongoDB's first batch when a find names none. */
    static final int FIRST_BATCH = 101;

    /** A later batch when a find names none (MongoDB's is what fits in 16 MB; the entries here are a few KB). */
    static final int NEXT_BATCH = 500;

    @Override
    public Document handleCommand(Channel channel, String database, String command, Document query) {
        inBatchesAsMongoDbAnswers(command, query);
        Document answer = super.handleCommand(channel, database, command, query);
        if (WRITES.contains(command.toLowerCase(Locale.ROOT))) {
            written = true;
            commitDurably();
        }
        return answer;
    }

    /**
     * A find that names no batch size is answered in batches, as MongoDB answers it: the stock server answered every
     * match in its first reply (150,000 incidents read at once, and a reply the driver refuses beyond 48 MB), so the
     * services' streams read everything into memory at once on this store. A find that asks for one batch only is
     * left as it is.
     */
    private static void inBatchesAsMongoDbAnswers(String command, Document query) {
        if (query.containsKey("batchSize")) {
            return;
        }
        if (command.equalsIgnoreCase("find") && !Boolean.TRUE.equals(query.get("singleBatch"))) {
            query.put("batchSize", FIRST_BATCH);
        } else if (command.equalsIgnoreCase("getMore")) {
            query.put("batchSize", NEXT_BATCH);
        }
    }

    /**
     * Commits (and with {@code fsync} forces) what this thread has just written, together with what every other
     * writer has written by then: one commit for many writes, instead of one each. A write takes its ticket once it is
     * in the store's maps; a commit started after that covers it (it stores every change made before it begins), so a
     * writer whose ticket is covered by a commit that has ended returns at once, and one that is not commits, on
     * behalf of every ticket taken so far. A commit that fails covers nothing: each waiting writer then tries its own.
     */
    private void commitDurably() {
        long ticket = writesTaken.incrementAndGet();
        synchronized (commits) {
            if (committedThrough >= ticket) {
                return;
            }
            long through = writesTaken.get();
            store.commit();
            if (fsync) {
                store.sync();
            }
            committedThrough = through;
        }
    }

    boolean writtenSinceOpen() {
        return written;
    }

    /** The file was just rewritten with only its live data. */
    void markCompacted() {
        written = false;
    }

    boolean isClosed() {
        return store.isClosed();
    }
}
