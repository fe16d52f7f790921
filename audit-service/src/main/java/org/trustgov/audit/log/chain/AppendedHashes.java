package org.trustgov.audit.log.chain;

import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ConcurrentSkipListMap;
import org.springframework.stereotype.Component;

/**
 * The hashes of the entries this instance has just appended, handed to the Merkle tree in memory, so that taking
 * them into the tree does not read them back from the store. Only what this instance stored (and the store
 * acknowledged) is here; the tree reads from the store whatever is missing (entries another instance appended,
 * or appended before a restart). Only the newest {@value #LIMIT} numbers are kept (a replica that does not integrate
 * the tree itself keeps no more than that).
 */
@Component
public class AppendedHashes {

    static final int LIMIT = 100_000;
    private static final String PREFIX = "sha256:";

    private final ConcurrentSkipListMap<Long, byte[]> hashes = new ConcurrentSkipListMap<>();

    /** Called once the entries (in order) are stored. */
    void stored(List<AuditEntry> entries) {
        if (entries.isEmpty()) {
            return;
        }
        for (AuditEntry entry : entries) {
            hashes.put(
                    entry.getSequence(),
                    HexFormat.of()
                            .parseHex(
                                    entry.getHash(),
                                    PREFIX.length(),
                                    entry.getHash().length()));
        }
        // Bounded by the span of numbers (size() would count every entry): older ones than the newest - LIMIT go.
        hashes.headMap(entries.get(entries.size() - 1).getSequence() - LIMIT, true)
                .clear();
    }

    /** The hash of entry {@code sequence} if this instance appended it lately, else {@code null}. */
    public byte[] of(long sequence) {
        return hashes.get(sequence);
    }

    /** Forgets the entries up to {@code sequence}: the tree holds them. */
    public void integratedUpTo(long sequence) {
        hashes.headMap(sequence, true).clear();
    }

    /** Forgets everything (tests that empty the log under a running service). */
    void clear() {
        hashes.clear();
    }
}
