package org.trustgov.audit.log.tree;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.trustgov.audit.log.chain.AppendedHashes;
import org.trustgov.audit.log.chain.EntriesInOrder;
import org.trustgov.audit.log.chain.EntriesInOrder.StoredHash;
import org.trustgov.audit.log.chain.IntegratedEntries;
import org.trustgov.problem.BadRequestException;
import org.trustgov.problem.NotFoundException;
import org.trustgov.starter.mongo.ScheduledJobs;
import org.trustgov.transparency.MerkleTree;

/**
 * The audit log's Merkle tree (RFC 6962), kept beside the hash chain without changing it: leaf {@code i} is
 * {@code SHA-256(0x00 || h)} where {@code h} is the 32-byte SHA-256 of entry {@code i + 1} (the entry's existing
 * {@code hash}), and the complete subtrees are stored as {@link MerkleNode}s. Entries are integrated shortly after
 * they are appended ({@code trustgov.audit.tree-interval}, 1 s): the nodes they complete are written first (one bulk write per batch), then
 * the tree's size moves on in one conditional update, so a stop between the two only means the same nodes are
 * written again. Roots and proofs are served for any size up to the integrated one, from O(log n) stored nodes read by one query.
 */
@Service
public class AuditTree implements IntegratedEntries {

    private static final Logger log = LoggerFactory.getLogger(AuditTree.class);
    private static final int BATCH = 1_000;
    /** How often one integration goes back to the hashes at hand when the log has grown meanwhile. */
    /** How many numbers one lookup by key asks for, and how many such lookups one integration makes at most. */
    private static final int BY_KEY = 256;

    private static final int BY_KEY_ROUNDS = 16;

    private static final int DUPLICATE_KEY = 11000;

    private final MongoTemplate mongo;
    private final AppendedHashes appendedHashes;

    private final ScheduledJobs jobs;

    AuditTree(MongoTemplate mongo, ScheduledJobs jobs, AppendedHashes appendedHashes) {
        this.mongo = mongo;
        this.appendedHashes = appendedHashes;
        this.jobs = jobs;
    }

    /** How many entries the tree holds now. */
    @Override
    public long size() {
        MerkleTreeState state = mongo.findById(MerkleTreeState.ID, MerkleTreeState.class);
        return state == null ? 0 : state.size();
    }

    public byte[] root(long size) {
        long checked = requireSize(size, "treeSize");
        return read(nodes -> MerkleTree.root(nodes, checked));
    }

    public List<byte[]> inclusionProof(long sequence, long size) {
        requireSize(size, "treeSize");
        if (sequence < 1 || sequence > size) {
            throw new BadRequestException("sequence", "must be between 1 and the tree size " + size);
        }
        return read(nodes -> MerkleTree.inclusionProof(nodes, sequence - 1, size));
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
        return stored(0, sequence - 1);
    }

    public List<byte[]> consistencyProof(long from, long to) {
        requireSize(to, "to");
        if (from < 1 || from > to) {
            throw new BadRequestException("from", "must be between 1 and " + to);
        }
        return read(nodes -> MerkleTree.consistencyProof(nodes, from, to));
    }

    /**
     * The RFC 6962 root of the first {@code size} entries, recomputed from their stored hashes alone (not from the
     * stored tree), read in the order the store keeps them (no sort), or in key order when that is not the order of
     * their numbers; or which entry is missing or has no SHA-256 hash.
     */
    public Recomputed rootFromEntries(long size) {
        try (Stream<StoredHash> asStored = EntriesInOrder.hashesAsStored(mongo)) {
            Recomputed recomputed = rootOf(asStored, size, false);
            if (recomputed != null) {
                return recomputed;
            }
        }
        try (Stream<StoredHash> inKeyOrder = EntriesInOrder.hashes(mongo, 1, size)) { // not stored in order: sorted
            return rootOf(inKeyOrder, size, true);
        }
    }

    /**
     * The root of the first {@code size} hashes, which must come numbered 1, 2, 3…. When one has another number,
     * or they end before {@code size}: {@code null}, or, with {@code inKeyOrder}, which entry is missing.
     */
    private static Recomputed rootOf(Stream<StoredHash> hashes, long size, boolean inKeyOrder) {
        java.util.ArrayDeque<byte[]> subtrees = new java.util.ArrayDeque<>(); // complete subtrees, largest first
        java.util.ArrayDeque<Integer> levels = new java.util.ArrayDeque<>();
        MerkleTree.Hasher hasher = new MerkleTree.Hasher();
        long expected = 1;
        for (var it = hashes.iterator(); expected <= size && it.hasNext(); expected++) {
            StoredHash entry = it.next();
            if (entry.sequence() != expected) {
                return inKeyOrder ? new Recomputed(null, "entry " + expected + " is missing") : null;
            }
            if (entry.hash() == null) {
                return new Recomputed(null, "entry " + expected + "'s stored hash is not a SHA-256 hash");
            }
            byte[] hash = hasher.leaf(entry.hash());
            int level = 0;
            while (!levels.isEmpty() && levels.peekLast() == level) { // two equal subtrees make the next one up
                levels.pollLast();
                hash = hasher.node(subtrees.pollLast(), hash);
                level++;
            }
            subtrees.addLast(hash);
            levels.addLast(level);
        }
        if (expected - 1 != size) {
            return inKeyOrder ? new Recomputed(null, "entry " + expected + " is missing") : null;
        }
        byte[] root = subtrees.isEmpty() ? MerkleTree.root((l, i) -> null, 0) : subtrees.pollLast();
        while (!subtrees.isEmpty()) { // the smaller subtrees on the right join the larger ones on their left
            root = hasher.node(subtrees.pollLast(), root);
        }
        return new Recomputed(root, null);
    }

    /** A root recomputed from the entries' hashes, or why there is none ({@code root} then {@code null}). */
    public record Recomputed(byte[] root, String problem) {}

    /** Integration on schedule, by one replica at a time (the others would only lose the race for each batch). */
    @Scheduled(initialDelayString = "PT1S", fixedDelayString = "${trustgov.audit.tree-interval:PT1S}")
    void integrateOnSchedule() {
        jobs.runExclusively("audit.tree", Duration.ofMinutes(2), this::integrate);
    }

    /** Adds the entries appended since the last run. */
    public synchronized void integrate() {
        try {
            for (int lostRaces = 0; integrateBacklog() < 0 && lostRaces < 10; lostRaces++) {
                // another instance moved the tree first: go on from where that one left it
            }
        } catch (RuntimeException e) {
            log.warn(
                    "The audit log's Merkle tree could not take new entries just now ({}); it tries again",
                    e.toString());
        }
    }

    /**
     * Takes every entry after the tree's size into the tree (the hashes at hand, the others looked up by key, a long
     * backlog read in order from one cursor: a store without an ordered index then scans once, not once per batch),
     * and moves the size on every {@value #BATCH} entries. Answers how many entries were taken, or -1 when another
     * instance moved the tree's size first.
     */
    long integrateBacklog() {
        Integration tree = new Integration(size());
        long start = tree.size;
        // The leaf is the entry's hash: the hashes this instance appended are at hand. Those not at hand (appended by
        // other instances, before a restart, or here a moment ago, not handed over yet) are looked up by key, BY_KEY
        // numbers at a time; past BY_KEY_ROUNDS such lookups the rest is a backlog, read from one cursor.
        for (int round = 0; ; round++) {
            if (round == BY_KEY_ROUNDS) {
                if (!takeStored(tree)) {
                    return -1;
                }
                break;
            }
            // The first lookup asks for one number: on one instance everything new is usually at hand, and the
            // lookup only confirms that nothing follows.
            Map<Long, StoredHash> stored = round == 0 && appendedHashes.of(tree.next + 1) != null
                    ? Map.of()
                    : EntriesInOrder.hashesOf(mongo, tree.next + 1, round <= 1 ? 1 : BY_KEY);
            long before = tree.next;
            for (byte[] hash; (hash = hashOf(tree.next + 1, stored)) != null; ) {
                if (!tree.take(hash)) {
                    return -1;
                }
            }
            if (tree.next == before
                    || (stored.containsKey(tree.next + 1)
                            && stored.get(tree.next + 1).hash() == null)) {
                break; // nothing new, or a broken entry: the chain's to report, the tree waits
            }
        }
        if (!tree.moveSize()) {
            return -1;
        }
        appendedHashes.integratedUpTo(tree.next);
        return tree.next - start;
    }

    /** The hash of entry {@code sequence}: at hand, else among those just looked up; {@code null} if neither. */
    private byte[] hashOf(long sequence, Map<Long, StoredHash> stored) {
        byte[] atHand = appendedHashes.of(sequence);
        if (atHand != null) {
            return atHand;
        }
        StoredHash entry = stored.get(sequence);
        return entry == null ? null : entry.hash();
    }

    /**
     * Takes the stored entries from the tree's next one on, in order, until a gap or a broken hash (the chain's to
     * report; the tree waits); {@code false} when another instance moved the tree's size first.
     */
    private boolean takeStored(Integration tree) {
        try (Stream<StoredHash> stored = EntriesInOrder.hashes(mongo, tree.next + 1, null)) {
            for (var it = stored.iterator(); it.hasNext(); ) {
                StoredHash entry = it.next();
                if (entry.sequence() != tree.next + 1 || entry.hash() == null) {
                    return true;
                }
                if (!tree.take(entry.hash())) {
                    return false;
                }
            }
        }
        return true;
    }

    /** One integration: the entries taken after the tree's size, and the nodes they complete, not yet written. */
    private final class Integration {

        long size;
        long next;
        private final Map<Integer, MerkleNode> frontier =
                new HashMap<>(); // per level, the newest complete left subtree
        private final MerkleTree.Hasher hasher = new MerkleTree.Hasher();
        private final List<MerkleNode> completed = new ArrayList<>();

        Integration(long size) {
            this.size = size;
            this.next = size;
        }

        /**
         * Adds leaf {@code next} (the entry's hash) and the subtrees it closes, and moves the size every
         * {@value AuditTree#BATCH} entries; {@code false} when another instance moved it first.
         */
        boolean take(byte[] entryHash) {
            long index = next;
            int level = 0;
            byte[] hash = hasher.leaf(entryHash);
            while ((index & 1) == 1) { // the leaf closes subtrees, level by level
                completed.add(MerkleNode.of(level, index, hash));
                hash = hasher.node(node(level, index - 1, frontier), hash);
                level++;
                index >>= 1;
            }
            MerkleNode open = MerkleNode.of(level, index, hash); // the left half of a subtree still open
            completed.add(open);
            frontier.put(level, open);
            next++;
            return next - size < BATCH || moveSize();
        }

        /** Writes the nodes taken, then moves the tree's size to {@code next}; {@code false} when another instance moved it first. */
        boolean moveSize() {
            if (next == size) {
                return true;
            }
            if (!AuditTree.this.moveSize(completed, size, next)) {
                return false;
            }
            size = next;
            completed.clear();
            return true;
        }
    }

    /**
     * Writes the nodes the entries from {@code size} to {@code next} completed, then moves the tree's size from
     * {@code size} to {@code next}; {@code false} when another instance moved it first, or when the tree's state is
     * gone (emptied to be rebuilt while this integration ran: recreating it at {@code next} would claim nodes the
     * emptying removed, so the next integration starts again from nothing).
     */
    boolean moveSize(List<MerkleNode> completed, long size, long next) {
        insertAbsent(completed);
        if (size > 0) {
            return mongo.updateFirst(
                                    query(where("_id")
                                            .is(MerkleTreeState.ID)
                                            .and("size")
                                            .is(size)),
                                    new Update().set("size", next),
                                    MerkleTreeState.class)
                            .getMatchedCount()
                    == 1;
        }
        try { // the first size: the state is created, once
            mongo.upsert(
                    query(where("_id").is(MerkleTreeState.ID).and("size").is(0)),
                    new Update().set("size", next),
                    MerkleTreeState.class);
            return true;
        } catch (DuplicateKeyException anotherInstanceMovedItFirst) {
            return false;
        }
    }

    /**
     * Runs a root or proof computation with one query: first over placeholder hashes to learn which subtrees it
     * reads (they depend on the sizes and index only, never on the hashes), then over those subtrees, read at once.
     */
    private <T> T read(Function<MerkleTree.Subtrees, T> computation) {
        Set<String> wanted = new LinkedHashSet<>();
        byte[] placeholder = new byte[32];
        computation.apply((level, index) -> {
            wanted.add(MerkleNode.id(level, index));
            return placeholder;
        });
        Map<String, byte[]> found = new HashMap<>();
        if (!wanted.isEmpty()) {
            mongo.find(query(where("_id").in(wanted)), MerkleNode.class)
                    .forEach(node -> found.put(node.id(), node.hash()));
        }
        return computation.apply((level, index) -> {
            byte[] hash = found.get(MerkleNode.id(level, index));
            return hash != null ? hash : stored(level, index);
        });
    }

    private byte[] node(int level, long index, Map<Integer, MerkleNode> frontier) {
        MerkleNode known = frontier.get(level);
        return known != null && known.index() == index ? known.hash() : stored(level, index);
    }

    private byte[] stored(int level, long index) {
        MerkleNode node = mongo.findById(MerkleNode.id(level, index), MerkleNode.class);
        if (node == null) {
            throw new IllegalStateException("The Merkle tree misses node " + MerkleNode.id(level, index));
        }
        return node.hash();
    }

    /**
     * Inserts the nodes in one unordered write, straight through the driver (the template's per-document events and
     * auditing callbacks cost more than the nodes' hashing). A node already there (written by another instance, or
     * before a stop) is the same node with the same hash, so its duplicate key is no failure; any other error is.
     */
    private void insertAbsent(List<MerkleNode> nodes) {
        List<org.bson.Document> documents = new ArrayList<>(nodes.size());
        for (MerkleNode node : nodes) {
            documents.add(stored(node));
        }
        try {
            mongo.getCollection(mongo.getCollectionName(MerkleNode.class))
                    .insertMany(documents, new com.mongodb.client.model.InsertManyOptions().ordered(false));
        } catch (com.mongodb.MongoBulkWriteException e) {
            if (e.getWriteErrors().stream().anyMatch(error -> error.getCode() != DUPLICATE_KEY)
                    || e.getWriteConcernError() != null) {
                throw e;
            }
            // Every node must now be there before the size moves on (a store that stopped at the first duplicate
            // would otherwise leave a hole): count them, and leave the batch to the next run if any is missing.
            long stored = mongo.count(
                    query(where("_id").in(nodes.stream().map(MerkleNode::id).toList())), MerkleNode.class);
            if (stored != nodes.size()) {
                throw new IllegalStateException(
                        (nodes.size() - stored) + " of the batch's Merkle nodes were not written");
            }
        }
    }

    /**
     * The document the template's converter writes for {@code node} (its type hint included), made by hand: the
     * converter's reflective mapping of the record took four tenths of the tree's own time taking entries in, more
     * than hashing them. {@code AuditTreeTest} holds the two equal.
     */
    static org.bson.Document stored(MerkleNode node) {
        return new org.bson.Document("_id", node.id())
                .append("level", node.level())
                .append("index", node.index())
                .append("hash", new org.bson.types.Binary(node.hash()))
                .append("_class", MerkleNode.class.getName());
    }

    private long requireSize(long size, String field) {
        long integrated = size();
        if (size < 0 || size > integrated) {
            throw new BadRequestException(field, "must be between 0 and the tree's size, " + integrated);
        }
        return size;
    }
}
