package org.trustgov.mongo.embedded;

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.MongoVersion;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.message.MongoMessage;
import de.bwaldvogel.mongo.wire.message.MongoQuery;
import io.netty.channel.Channel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.BiFunction;
import java.util.function.Supplier;
import org.h2.mvstore.DataUtils;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.MVStoreException;
import org.h2.mvstore.MVStoreTool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The durable H2 file backend, able to answer MongoDB's {@code compact} command the way erasure needs: an H2 MVStore
 * never overwrites a page in place, so a deleted document stays in the file (in an old chunk, or in free space not
 * yet reused) until something rewrites it, and a scan of the data folder after a record's disposal would still find
 * it. Here {@code compact} (on any collection) copies only the live data to a new file and moves it over the old one; the old bytes leave the data folder with the old file. Requests wait while it runs (a second or
 * two for a local store); a cursor open across it is gone afterwards, as after a restart. The rewrite is H2's own
 * ({@link MVStoreTool#compact}), and a stop halfway is finished or undone at the next start by its clean-up. With nothing written since the last rewrite, a
 * {@code compact} does nothing, so a service compacting each collection it erased from rewrites once.
 */
final class CompactableH2Backend implements MongoBackend {

    private static final Logger log = LoggerFactory.getLogger(CompactableH2Backend.class);

    private final Path file;
    private final boolean fsync;
    private final int autoCompactFillRate;
    private final BiFunction<MVStore, Boolean, DurableH2Backend> backends;
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private volatile DurableH2Backend current;
    private volatile MongoVersion version;
    private volatile boolean oplog;

    /** The file with the platform's default fill rate ({@link EmbeddedMongoProperties#AUTO_COMPACT_FILL_RATE}). */
    CompactableH2Backend(Path file, boolean fsync) {
        this(file, fsync, EmbeddedMongoProperties.AUTO_COMPACT_FILL_RATE);
    }

    /** @param autoCompactFillRate {@link EmbeddedMongoProperties#autoCompactFillRate()} */
    CompactableH2Backend(Path file, boolean fsync, int autoCompactFillRate) {
        this(file, fsync, autoCompactFillRate, DurableH2Backend::new);
    }

    /** @param backends opens the backend on a store (tests make it fail as H2 does) */
    CompactableH2Backend(Path file, boolean fsync, BiFunction<MVStore, Boolean, DurableH2Backend> backends) {
        this(file, fsync, EmbeddedMongoProperties.AUTO_COMPACT_FILL_RATE, backends);
    }

    private CompactableH2Backend(
            Path file,
            boolean fsync,
            int autoCompactFillRate,
            BiFunction<MVStore, Boolean, DurableH2Backend> backends) {
        this.file = file;
        this.fsync = fsync;
        this.autoCompactFillRate = autoCompactFillRate;
        this.backends = backends;
        MVStoreTool.compactCleanUp(file.toString()); // finishes or undoes a rewrite a stop interrupted
        StoreRebuild.finishInterrupted(file, Clock.systemUTC()); // and a rebuild
        this.current = open();
    }

    /**
     * Opens the file; one that H2 cannot open because it let go of a chunk the newest version still uses (its
     * bookkeeping of live pages went wrong, see {@link StoreRebuild}) is rebuilt from that version, read without
     * writing, and opened again.
     */
    private DurableH2Backend open() {
        try {
            return openAsIs();
        } catch (MVStoreException e) {
            if (e.getErrorCode() != DataUtils.ERROR_CHUNK_NOT_FOUND) {
                throw e;
            }
            log.error(
                    "{} cannot be opened: {}. H2 counted a chunk its newest version still uses as unused and let it go"
                            + " (h2database#4247); rebuilding the file from that version, read without writing",
                    file,
                    e.getMessage());
            Path kept = StoreRebuild.rebuild(file, Clock.systemUTC());
            log.warn(
                    "{} was rebuilt and is opened again; the old file is kept as {} (remove it once the data is checked)",
                    file,
                    kept);
            return openAsIs();
        }
    }

    private DurableH2Backend openAsIs() {
        MVStore store = new MVStore.Builder()
                .fileName(file.toString())
                .autoCompactFillRate(autoCompactFillRate)
                .open();
        DurableH2Backend backend;
        try {
            backend = backends.apply(store, fsync);
        } catch (RuntimeException e) {
            store.closeImmediately(); // writes nothing: an opening that failed must not commit what it read
            throw e;
        }
        if (version != null) {
            backend.version(version);
        }
        if (oplog) {
            backend.enableOplog(); // a rewrite keeps what was asked of the store before it
        }
        return backend;
    }

    /** The store open now (tests look at how it was opened). */
    MVStore store() {
        return current.getMvStore();
    }

    /** Rewrites the file with only its live data; returns the bytes it freed. */
    long compact() {
        lock.writeLock().lock();
        try {
            if (!current.writtenSinceOpen()) {
                return 0;
            }
            long before = Files.size(file);
            current.close();
            MVStoreTool.compact(file.toString(), false);
            current = open();
            current.markCompacted();
            long freed = before - Files.size(file);
            log.info("Compacted {}: only live data kept, {} bytes freed", file.getFileName(), freed);
            return freed;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot compact " + file, e);
        } finally {
            if (current.isClosed()) {
                current = open(); // the rewrite failed after closing: carry on with the old file
            }
            lock.writeLock().unlock();
        }
    }

    private static boolean isCompact(Document command) {
        return !command.isEmpty()
                && "compact".equals(command.keySet().iterator().next().toLowerCase(Locale.ROOT));
    }

    private static Document compacted(long freed) {
        Document answer = new Document();
        answer.put("bytesFreed", freed);
        answer.put("ok", 1.0);
        return answer;
    }

    private <T> T reading(Supplier<T> call) {
        lock.readLock().lock();
        try {
            return call.get();
        } finally {
            lock.readLock().unlock();
        }
    }

    @Override
    public Document handleMessage(MongoMessage message) {
        if (isCompact(message.getDocument())) {
            return compacted(compact());
        }
        return reading(() -> current.handleMessage(message));
    }

    @Override
    public Document handleCommand(Channel channel, String database, String command, Document query) {
        if ("compact".equalsIgnoreCase(command)) {
            return compacted(compact());
        }
        return reading(() -> current.handleCommand(channel, database, command, query));
    }

    @Override
    public QueryResult handleQuery(MongoQuery query) {
        return reading(() -> current.handleQuery(query));
    }

    @Override
    public void handleClose(Channel channel) {
        reading(() -> {
            current.handleClose(channel);
            return null;
        });
    }

    @Override
    public void dropDatabase(String database) {
        reading(() -> {
            current.dropDatabase(database);
            return null;
        });
    }

    @Override
    public Collection<Document> getCurrentOperations(MongoQuery query) {
        return reading(() -> current.getCurrentOperations(query));
    }

    @Override
    public Document getServerStatus() {
        return reading(() -> current.getServerStatus());
    }

    @Override
    public void close() {
        lock.writeLock().lock();
        try {
            current.close();
        } finally {
            lock.writeLock().unlock();
        }
    }

    @Override
    public void closeCursors(List<Long> cursorIds) {
        reading(() -> {
            current.closeCursors(cursorIds);
            return null;
        });
    }

    @Override
    public Clock getClock() {
        return current.getClock();
    }

    @Override
    public void enableOplog() {
        oplog = true;
        current.enableOplog();
    }

    @Override
    public void disableOplog() {
        oplog = false;
        current.disableOplog();
    }

    @Override
    public MongoDatabase resolveDatabase(String database) {
        return reading(() -> current.resolveDatabase(database));
    }

    @Override
    public MongoBackend version(MongoVersion version) {
        this.version = version;
        current.version(version);
        return this;
    }
}
