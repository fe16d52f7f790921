package org.trustgov.audit.log.tree;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/** How many log entries the stored Merkle tree holds: every node they need is written before this moves on. */
@Document("merkle_tree")
public record MerkleTreeState(@Id String id, long size) {

    static final String ID = "audit-log";
}
