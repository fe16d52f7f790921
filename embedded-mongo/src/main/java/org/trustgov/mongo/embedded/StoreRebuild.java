package org.trustgov.mongo.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import org.h2.mvstore.Cursor;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rebuilds a store file whose chunk bookkeeping H2 got wrong: H2 2.4 can count a chunk as holding no live page while
 * the newest version still reads pages from it, and it lets that chunk go at the next commit, after which the store
 * answers "Chunk … not found" (h2database#4247). Read without writing, such a file still holds every map whole; the
 * rebuild reads the newest version that way and writes every entry of every map into a new file through ordinary
 * puts and commits (not H2's page-copying compaction), so the new file's bookkeeping is H2's own count of what it
 * wrote. The old file is kept beside it, renamed, for whoever looks into it.
 *
 * <p>A stop at any point loses nothing: the copy is written to {@code <file>.rebuilding} and renamed to
 * {@code <file>.rebuilt} once complete; only then is the old file renamed and the new one moved in, and
 * {@link #finishInterrupted} completes that swap at the next start (or discards an incomplete copy).
 */
final class StoreRebuild {

    private static final Logger log = LoggerFactory.getLogger(StoreRebuild.class);

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'");

    private StoreRebuild() {}

    /**
     * Copies the newest version of {@code file} into a new file and puts that in its place; returns where the old
     * file is kept ({@code <file>.unreadable-<time>}). Throws when the newest version does not read whole either:
     * then nothing was changed.
     */
    static Path rebuild(Path file, Clock clock) {
        Path partial = sibling(file, ".rebuilding");
        Path complete = sibling(file, ".rebuilt");
        long entries = 0;
        try {
            Files.deleteIfExists(partial);
            try (MVStore source = new MVStore.Builder()
                            .fileName(file.toString())
                            .readOnly()
                            .open();
                    // H2 commits the copy by itself whenever what it holds unwritten passes its buffer (1 MB), so
                    // the rebuild's memory does not grow with the documents' size, at any heap a service runs with.
                    MVStore target =
                            new MVStore.Builder().fileName(partial.toString()).open()) {
                for (String name : source.getMapNames()) {
                    MVMap<Object, Object> from = DurableH2Backend.openAsStored(source, name);
                    MVMap<Object, Object> to = DurableH2Backend.openAsStored(target, name);
                    for (Cursor<Object, Object> entry = from.cursor(null); entry.hasNext(); ) {
                        Object key = entry.next();
                        to.put(key, entry.getValue());
                        entries++;
                    }
                }
                target.commit();
            }
            Files.move(partial, complete, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot rebuild " + file, e);
        } catch (RuntimeException e) {
            deleteQuietly(partial);
            throw new IllegalStateException(
                    file + " cannot be opened, and its newest version does not read whole either (" + e.getMessage()
                            + "); the file was left as it is: restore it from a backup, or move it away to start on"
                            + " an empty store",
                    e);
        }
        log.info("Rebuilt {}: {} entries copied into a new file", file.getFileName(), entries);
        return moveIn(file, clock);
    }

    /**
     * At start: finishes a rebuild a stop interrupted after its copy was complete (the old file is renamed and the
     * copy moved in), and discards a copy still incomplete.
     */
    static void finishInterrupted(Path file, Clock clock) {
        try {
            Files.deleteIfExists(sibling(file, ".rebuilding"));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot remove an incomplete rebuild of " + file, e);
        }
        if (Files.exists(sibling(file, ".rebuilt"))) {
            boolean oldFileThere = Files.exists(file);
            Path kept = moveIn(file, clock);
            log.warn(
                    "Finished the rebuild of {} a stop had interrupted; the old file is kept as {}",
                    file,
                    oldFileThere ? kept : "<file>.unreadable-<time> (moved before the stop)");
        }
    }

    private static Path moveIn(Path file, Clock clock) {
        Path kept = sibling(
                file,
                ".unreadable-"
                        + STAMP.format(
                                clock.instant().truncatedTo(ChronoUnit.SECONDS).atZone(clock.getZone())));
        try {
            if (Files.exists(file)) {
                Files.move(file, kept, StandardCopyOption.ATOMIC_MOVE);
            }
            Files.move(sibling(file, ".rebuilt"), file, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot move the rebuilt store in place of " + file, e);
        }
        return kept;
    }

    private static Path sibling(Path file, String suffix) {
        return file.resolveSibling(file.getFileName() + suffix);
    }

    private static void deleteQuietly(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException ignored) {
            // the next rebuild removes it first
        }
    }
}
