package org.trustgov.mongo.embedded;

import de.bwaldvogel.mongo.backend.EmptyIndex;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import de.bwaldvogel.mongo.backend.memory.MemoryDatabase;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded store keeps no index that is not unique, as the stock server; it says so once at INFO instead of the
 * stock server's warning for each such index the services declare (seventeen at audit-service's start, read as a
 * fault), and names each one at DEBUG.
 */
final class UniqueIndexesOnly {

    private static final Logger log = LoggerFactory.getLogger(UniqueIndexesOnly.class);

    /** Whether this process has said it. */
    private static final AtomicBoolean NOTED = new AtomicBoolean();

    private UniqueIndexesOnly() {}

    /** What the store keeps for the index that is not unique: nothing (an index that finds no document). */
    static <P> Index<P> notKept(String collection, String indexName, List<IndexKey> keys) {
        if (NOTED.compareAndSet(false, true)) {
            log.info("The embedded store keeps unique indexes only: a query on other fields reads the whole collection"
                    + " (docs/embedded-store.md; MongoDB keeps every index the services declare). Each index not kept"
                    + " is named at DEBUG.");
        }
        log.debug("Index {} on {} not kept (not unique): {}", indexName, collection, keys);
        return new EmptyIndex<>(indexName, keys);
    }

    /** The in-memory store (tests), keeping unique indexes only in the same words. */
    static MemoryBackend inMemory() {
        return new MemoryBackend() {
            @Override
            public MemoryDatabase openOrCreateDatabase(String databaseName) {
                return new MemoryDatabase(databaseName, getCursorRegistry()) {
                    @Override
                    protected Index<Integer> openOrCreateSecondaryIndex(
                            String collection, String indexName, List<IndexKey> keys, boolean sparse) {
                        return notKept(collection, indexName, keys);
                    }
                };
            }
        };
    }
}
