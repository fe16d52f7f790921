package org.trustgov.starter.mongo;

import com.mongodb.MongoCommandException;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * After personal data is destroyed (a record's disposal), asks the database to {@code compact} the collections it was
 * destroyed in, so the deleted documents' bytes leave its files too and a scan of the data folder no longer finds
 * them. Disposal destroys one record at a time, so the compaction waits until erasure has been quiet for
 * {@code trustgov.mongodb.compact-after-erasure} (10 seconds) and then compacts each collection once; a service
 * stopping meanwhile compacts before it stops.
 *
 * <p>On the embedded store {@code compact} rewrites the file with only its live data. On MongoDB it rewrites the
 * collection and gives the space back (the service's database user needs the {@code compact} action); freed blocks
 * are then the storage engine's, which a trust covers with encryption at rest and its backup rotation (README). A
 * database that refuses is logged, and the erasure itself stands.
 */
public class StoreCompaction implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(StoreCompaction.class);
    private static final int COMMAND_NOT_FOUND = 59;

    private final MongoTemplate mongo;
    private final Duration quietFor;
    private final Set<String> pending = new LinkedHashSet<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "store-compaction");
        thread.setDaemon(true);
        return thread;
    });
    private ScheduledFuture<?> scheduled;

    public StoreCompaction(MongoTemplate mongo, Duration quietFor) {
        this.mongo = mongo;
        this.quietFor = quietFor;
    }

    /** Personal data was just destroyed in the collections of these document types. */
    public synchronized void afterErasure(Class<?>... documents) {
        for (Class<?> document : documents) {
            pending.add(mongo.getCollectionName(document));
        }
        if (scheduled != null) {
            scheduled.cancel(false);
        }
        scheduled = timer.schedule(this::compactPending, quietFor.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Compacts what erasure touched since the last compaction; returns the collections compacted. */
    public List<String> compactPending() {
        List<String> collections;
        synchronized (this) {
            collections = List.copyOf(pending);
            pending.clear();
        }
        for (String collection : collections) {
            try {
                Document answer = mongo.executeCommand(new Document("compact", collection));
                log.info("Compacted {} after erasure ({} bytes freed)", collection, answer.get("bytesFreed"));
            } catch (RuntimeException failed) {
                MongoCommandException refused = failed instanceof MongoCommandException direct
                        ? direct
                        : failed.getCause() instanceof MongoCommandException wrapped ? wrapped : null;
                if (refused != null && refused.getErrorCode() == COMMAND_NOT_FOUND) {
                    log.debug("This store does not compact ({}): nothing to rewrite", collection);
                } else {
                    log.warn(
                            "Could not compact {} after erasure: {} (the erased documents are gone from the "
                                    + "collection; the service's database user needs the compact action)",
                            collection,
                            refused != null ? refused.getErrorMessage() : failed.toString());
                }
            }
        }
        return collections;
    }

    @Override
    public void destroy() {
        timer.shutdownNow();
        compactPending();
    }
}
