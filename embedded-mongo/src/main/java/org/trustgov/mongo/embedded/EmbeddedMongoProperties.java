package org.trustgov.mongo.embedded;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The in-process MongoDB wire-protocol server for local runs and tests ({@code trustgov.mongodb.embedded.*}).
 *
 * @param enabled    must be {@code true} for it to start (the local start script and the tests set it); a service
 *                   with neither this nor {@code MONGODB_URI} refuses to start instead of running on an empty store
 * @param dataDir    folder for the H2 MVStore file ({@code <database>.mv}); data survives restarts
 * @param persistent {@code false} keeps everything in memory (tests)
 * @param host       address the server binds to; loopback by default so it is never reachable from outside
 * @param port       0 picks a free port; a fixed port lets a second instance of the service share this store
 *                   (with {@code MONGODB_URI=mongodb://127.0.0.1:<port>/<database>})
 * @param fsync      force every committed write to disk, not only to the file (survives power loss; slower)
 * @param connectionThreads the server's threads for its connections: each connection is answered on one of them, so
 *                   two connections on one thread wait for each other's commands. The default gives each of the first
 *                   128 connections its own (a thread starts with the first connection on it), as mongod answers
 *                   each connection on a thread of its own; the stock server's four made a report wait for a whole
 *                   long find on another connection
 * @param autoCompactFillRate how full (in percent of live data) H2 keeps the file's chunks: it rewrites the live pages
 *                   of chunks that fell below it while the store is idle, and while it is being written those
 *                   below {@code 2 * (rate * rate / 100 - 50)} percent: 28% at 80, 62% at H2's own 90, none at 70 or
 *                   less. Every write leaves the pages it replaced dead in older chunks, so under sustained writes
 *                   H2's 90 had it read back and write again the live pages of an ever larger file, and that work
 *                   grew through every run of incident reports. Lower keeps a larger file for less of that work; 0
 *                   never rewrites
 * @see #AUTO_COMPACT_FILL_RATE
 */
@ConfigurationProperties("trustgov.mongodb.embedded")
public record EmbeddedMongoProperties(
        @DefaultValue("false") boolean enabled,
        @DefaultValue("data") Path dataDir,
        @DefaultValue("true") boolean persistent,
        @DefaultValue("127.0.0.1") String host,
        @DefaultValue("0") int port,
        @DefaultValue("false") boolean fsync,
        @DefaultValue("128") int connectionThreads,

        @DefaultValue(EmbeddedMongoProperties.AUTO_COMPACT_FILL_RATE_TEXT)
        int autoCompactFillRate) {

    /** The default of {@link #autoCompactFillRate()}. */
    static final int AUTO_COMPACT_FILL_RATE = 80;

    static final String AUTO_COMPACT_FILL_RATE_TEXT = "" + AUTO_COMPACT_FILL_RATE;
}
