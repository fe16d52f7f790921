package org.trustgov.mongo.embedded;

import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.bson.Document;
import io.netty.channel.Channel;
import java.util.Locale;
import java.util.Set;
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

    private final MVStore store;
    private final boolean fsync;
    /** Whether the file may hold data deleted since it was last rewritten (not known at opening, so yes). */
    private volatile boolean written = true;

    DurableH2Backend(MVStore store, boolean fsync) {
        super(store);
        this.store = store;
        this.fsync = fsync;
    }

    @Override
    public Document handleCommand(Channel channel, String database, String command, Document query) {
        Document answer = super.handleCommand(channel, database, command, query);
        if (WRITES.contains(command.toLowerCase(Locale.ROOT))) {
            written = true;
            store.commit();
            if (fsync) {
                store.sync();
            }
        }
        return answer;
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
