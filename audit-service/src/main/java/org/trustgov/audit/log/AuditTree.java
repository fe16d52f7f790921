package org.trustgov.audit.log;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndReplaceOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.trustgov.starter.problem.BadRequestException;
import org.trustgov.starter.problem.NotFoundException;

/**
 * The audit log's Merkle tree (RFC 6962), kept beside the hash chain without changing it: leaf {@code i} is
 * {@code SHA-256(0x00 || h)} where {@code h} is the 32-byte SHA-256 of entry {@code i + 1} (the entry's existing
 * {@code hash}), and the complete subtrees are stored as {@link MerkleNode}s. Entries are integrated shortly after
 * they are appended ({@code trustgov.audit.tree-interval}, 1 s): the nodes they complete are written first, then
 * the tree's size moves on in one conditional update, so a stop between the two only means the same nodes are
 * written again. Roots and proofs are served for any size up to the integrated one, from O(log n) stored nodes.
 */
@Service
public class AuditTree {

    private static final Logger log = LoggerFactory.getLogger(AuditTree.class);
    private static final int BATCH = 1_000;

    private final MongoTemplate mongo;

    AuditTree(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /** How many entries the tree holds now. */
    public long size() {
        MerkleTreeState state = mongo.findById(MerkleTreeState.ID, MerkleTreeState.class);
        return state == null ? 0 : state.size();
    }

    public byte[] root(long size) {
        return MerkleTree.root(nodes(), requireSize(size, "treeSize"));
    }

    public List<byte[]> inclusionProof(long sequence, long size) {
        requireSize(size, "treeSize");
        if (sequence < 1 || sequence > size) {
            throw new BadRequestException("sequence", "must be between 1 and the tree size " + size);
        }
        return MerkleTree.inclusionProof(nodes(), sequence - 1, size);
    }

    /** The sequence number of the entry whose leaf hash this is, if the tree holds it. */
    public long sequenceOfLeaf(byte[] leafHash) {
        MerkleNode leaf = mongo.findOne(query(where("level").is(0).and("hash").is(leafHash)), MerkleNode.class);
        if (leaf == null) {
            throw new NotFoundException("No entry in the tree has this leaf hash");
        }
        return leaf.index() + 1;
    }

    public byte[] leafHash(long sequence) {
        return nodes().hash(0, sequence - 1);
    }

    public List<byte[]> consistencyProof(long from, long to) {
        requireSize(to, "to");
        if (from < 1 || from > to) {
            throw new BadRequestException("from", "must be between 1 and " + to);
        }
        return MerkleTree.consistencyProof(nodes(), from, to);
    }

    /** Adds the entries appended since the last run, a batch at a time. */
    @Scheduled(initialDelayString = "PT1S", fixedDelayString = "${trustgov.audit.tree-interval:PT1S}")
    public synchronized void integrate() {
        try {
            int lostRaces = 0;
            for (int taken = integrateBatch(); taken == BATCH || (taken < 0 && lostRaces++ < 10); taken = integrateBatch()) {
                // a long backlog (the first start over an existing log) is taken in batches; a batch another
                // instance integrated first is taken again from where that one left the tree
            }
        } catch (RuntimeException e) {
            log.warn("The audit log's Merkle tree could not take new entries just now ({}); it tries again", e.toString());
        }
    }

    /** Entries taken into the tree, or -1 when another instance moved the tree's size first. */
    int integrateBatch() {
        long size = size();
        List<AuditEntry> entries = mongo.find(query(where("_id").gt(size)).with(Sort.by("_id")).limit(BATCH), AuditEntry.class);
        Map<String, byte[]> written = new HashMap<>();
        long next = size;
        for (AuditEntry entry : entries) {
            if (entry.getSequence() != next + 1) {
                break; // a gap is the chain's to report (verify); the tree waits for the missing entry
            }
            long index = next;
            byte[] hash = MerkleTree.leafHash(HexFormat.of().parseHex(entry.getHash().substring("sha256:".length())));
            save(MerkleNode.of(0, index, hash), written);
            int level = 0;
            while ((index & 1) == 1) { // this leaf completes the subtree it closes, level by level
                byte[] left = node(level, index - 1, written);
                hash = MerkleTree.nodeHash(left, hash);
                level++;
                index >>= 1;
                save(MerkleNode.of(level, index, hash), written);
            }
            next++;
        }
        if (next > size) {
            try {
                mongo.upsert(query(where("_id").is(MerkleTreeState.ID).and("size").is(size)),
                        new Update().set("size", next), MerkleTreeState.class);
            } catch (DuplicateKeyException anotherInstanceMovedItFirst) {
                return -1;
            }
        }
        return (int) (next - size);
    }

    private MerkleTree.Subtrees nodes() {
        return (level, index) -> node(level, index, Map.of());
    }

    private byte[] node(int level, long index, Map<String, byte[]> written) {
        byte[] known = written.get(MerkleNode.id(level, index));
        if (known != null) {
            return known;
        }
        MerkleNode node = mongo.findById(MerkleNode.id(level, index), MerkleNode.class);
        if (node == null) {
            throw new IllegalStateException("The Merkle tree misses node " + MerkleNode.id(level, index));
        }
        return node.hash();
    }

    private void save(MerkleNode node, Map<String, byte[]> written) {
        mongo.findAndReplace(query(where("_id").is(node.id())), node, FindAndReplaceOptions.options().upsert());
        written.put(node.id(), node.hash());
    }

    private long requireSize(long size, String field) {
        long integrated = size();
        if (size < 0 || size > integrated) {
            throw new BadRequestException(field, "must be between 0 and the tree's size, " + integrated);
        }
        return size;
    }
}
