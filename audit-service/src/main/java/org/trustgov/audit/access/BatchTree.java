package org.trustgov.audit.access;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import org.trustgov.auditclient.access.AccessRecord;
import org.trustgov.transparency.CanonicalHash;
import org.trustgov.transparency.MerkleTree;

/**
 * The Merkle tree of one batch of access records (RFC 6962, the log's own hashing): each leaf is the RFC 8785 JSON of
 * one record's {@link AccessRecord#canonical() fields}, in the order of the records' ids. Its root is what the log
 * binds; an inclusion proof shows one record was in the batch without showing the others (who read someone else's
 * record stays out of a person's subject access bundle).
 */
final class BatchTree {

    private final byte[][] leaves;

    private BatchTree(byte[][] leaves) {
        this.leaves = leaves;
    }

    static BatchTree of(List<AccessRecord> records) {
        return ofLeaves(records.stream()
                .sorted(Comparator.comparing(AccessRecord::id))
                .map(BatchTree::leafOf)
                .toList());
    }

    /** The tree of a batch as kept: each record's leaf, erased ones as they were bound. */
    static BatchTree ofKept(List<StoredAccessRecord> kept) {
        return ofLeaves(kept.stream()
                .sorted(Comparator.comparing(StoredAccessRecord::id))
                .map(StoredAccessRecord::leafHash)
                .toList());
    }

    /** One record's leaf hash, base64. */
    static String leafOf(AccessRecord record) {
        return Base64.getEncoder()
                .encodeToString(MerkleTree.leafHash(
                        CanonicalHash.canonicalJson(record.canonical()).getBytes(StandardCharsets.UTF_8)));
    }

    private static BatchTree ofLeaves(List<String> leaves) {
        byte[][] hashes = new byte[leaves.size()][];
        for (int i = 0; i < hashes.length; i++) {
            hashes[i] = Base64.getDecoder().decode(leaves.get(i));
        }
        return new BatchTree(hashes);
    }

    String root() {
        return Base64.getEncoder().encodeToString(MerkleTree.root(this::subtree, leaves.length));
    }

    private byte[] subtree(int level, long index) {
        if (level == 0) {
            return leaves[(int) index];
        }
        return MerkleTree.nodeHash(subtree(level - 1, 2 * index), subtree(level - 1, 2 * index + 1));
    }
}
