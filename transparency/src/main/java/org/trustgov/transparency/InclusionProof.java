package org.trustgov.transparency;

import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * That an entry is in the log's tree of {@code treeSize} entries (RFC 9162 §2.1.3), as audit-service serves it and
 * as exports carry it; hashes in base64. {@code java Verify.java inclusion} checks it against a checkpoint.
 *
 * @param sequence  the entry's sequence number
 * @param leafIndex the leaf's position in the tree (the entry's sequence number − 1)
 * @param leafHash  {@code SHA-256(0x00 || h)}, {@code h} the 32 bytes of the entry's {@code sha256:} hash
 * @param hashes    the audit path, leaf to root
 * @param rootHash  the root of the tree of {@code treeSize} entries
 */
public record InclusionProof(
        long sequence,
        long leafIndex,
        long treeSize,
        @Size(max = HASH_LENGTH) String leafHash,
        @Size(max = MAX_HASHES) List<@Size(max = HASH_LENGTH) String> hashes,
        @Size(max = HASH_LENGTH) String rootHash) {

    /** A proof holds one hash per level of the tree: at most 64 for any size a long can count. */
    public static final int MAX_HASHES = 64;
    /** A SHA-256 hash in base64. */
    public static final int HASH_LENGTH = 44;
}
