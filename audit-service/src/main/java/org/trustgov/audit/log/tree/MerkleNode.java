package org.trustgov.audit.log.tree;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * One complete subtree of the log's Merkle tree: {@code 2^level} leaves from leaf {@code index * 2^level} on. Once
 * written it never changes (later entries only add nodes), so the same node is written again with the same hash
 * by whichever instance integrates the entry first.
 */
@Document("merkle_nodes")
@CompoundIndex(name = "leaf_hash", def = "{'level': 1, 'hash': 1}")
public record MerkleNode(@Id String id, int level, long index, byte[] hash) {

    static String id(int level, long index) {
        return level + "/" + index;
    }

    static MerkleNode of(int level, long index, byte[] hash) {
        return new MerkleNode(id(level, index), level, index, hash);
    }
}
