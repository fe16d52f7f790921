package org.trustgov.transparency;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Figures for docs/figures.md, not a test: what one step of the log costs on one thread, measured with JMH (its own
 * JVM, warm-up iterations, then the mean of the measured ones with its 99.9% confidence interval). Run with
 * {@code ./mvnw -Pbenchmarks -pl transparency test} (the {@code benchmarks} profile runs only {@code *Benchmark}
 * classes; the normal build never runs this); {@code -Dbenchmark.forks=2} for more JVMs per step.
 *
 * <p>The steps, each as the services take it: an audit entry's content canonicalized by its appender (outside the
 * append lock), then chained (its number, time and previous hash added and hashed, inside the lock), and hashed whole
 * from its fields; a personal value sealed under its record's key, and opened again; a Merkle
 * tree of a million entries: its root, an inclusion proof, and checking that proof and a consistency proof; a
 * checkpoint signed with Ed25519, and its signature verified.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class LogCodePathsBenchmark {

    /** The tree's size: a million entries, not a power of two, so roots and proofs take the uneven paths too. */
    static final long TREE_SIZE = 1_000_000;

    private static final String KEY_ID = "AAAAAAAAAAAAAAAAAAAAAA";
    private static final String LOG = "trust.example.nhs.uk/audit-log";

    private byte[] recordKey;
    private String sealedStaffNumber;
    private Map<String, Object> unplaced;
    private Map<String, Object> place;
    private Map<String, Object> entry;
    private LogEntries.Prepared prepared;
    private byte[][][] levels;
    private MerkleTree.Subtrees subtrees;
    private long leafIndex;
    private List<byte[]> inclusion;
    private byte[] root;
    private byte[] earlierRoot;
    private List<byte[]> consistency;
    private KeyPair key;
    private byte[] rawKey;
    private String checkpoint;
    private String signedCheckpoint;
    private String verifierKey;

    @Setup
    public void setUp() throws Exception {
        SecureRandom random = new SecureRandom();
        recordKey = new byte[32];
        random.nextBytes(recordKey);
        sealedStaffNumber = SealedValues.seal(KEY_ID, recordKey, "10000002");

        // An incident's step as appended today: the actor and the subject sealed under the case's key.
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("status", "TRIAGED");
        details.put("severity", "HIGH");
        details.put("subject", sealedStaffNumber);
        details.put("clauses", List.of("SM-001 1.0 4.2", "SM-001 1.0 5.1"));
        unplaced = new LinkedHashMap<>();
        unplaced.put("actor", SealedValues.seal(KEY_ID, recordKey, "staff:10000004"));
        unplaced.put("action", "incident.triaged");
        unplaced.put("target", "SMB-2026-000042");
        unplaced.put("details", details);
        unplaced.put("source", "audit-service");
        unplaced.put("eventId", "0193a7c2-5b1e-7c3d-9f00-2a4b6c8d0e1f");
        place = new LinkedHashMap<>();
        place.put("sequence", 123_457L);
        place.put("at", "2026-12-06T09:15:30.123Z");
        place.put("previousHash", "sha256:" + "ab".repeat(32));
        prepared = LogEntries.Prepared.of(unplaced);
        entry = new LinkedHashMap<>(unplaced);
        entry.putAll(place);
        assertThat(prepared.hash(place)).isEqualTo(LogEntries.hash(entry));

        // Every complete subtree of 2^20 leaves, each leaf an entry's 32-byte hash: the stored nodes' stand-in.
        MerkleTree.Hasher hasher = new MerkleTree.Hasher();
        int height = 20;
        levels = new byte[height + 1][][];
        levels[0] = new byte[1 << height][];
        for (int i = 0; i < levels[0].length; i++) {
            byte[] entryHash = new byte[32];
            random.nextBytes(entryHash);
            levels[0][i] = hasher.leaf(entryHash);
        }
        for (int level = 1; level <= height; level++) {
            byte[][] below = levels[level - 1];
            levels[level] = new byte[below.length / 2][];
            for (int i = 0; i < levels[level].length; i++) {
                levels[level][i] = hasher.node(below[2 * i], below[2 * i + 1]);
            }
        }
        subtrees = (level, index) -> levels[level][(int) index];
        leafIndex = 123_456;
        root = MerkleTree.root(subtrees, TREE_SIZE);
        inclusion = MerkleTree.inclusionProof(subtrees, leafIndex, TREE_SIZE);
        earlierRoot = MerkleTree.root(subtrees, 999_000);
        consistency = MerkleTree.consistencyProof(subtrees, 999_000, TREE_SIZE);
        assertThat(MerkleTree.verifyInclusion(levels[0][(int) leafIndex], leafIndex, TREE_SIZE, inclusion, root))
                .isTrue();
        assertThat(MerkleTree.verifyConsistency(999_000, TREE_SIZE, earlierRoot, root, consistency))
                .isTrue();

        key = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        rawKey = SignedNotes.rawPublicKey(key.getPublic());
        checkpoint =
                LOG + "\n" + TREE_SIZE + "\n" + java.util.Base64.getEncoder().encodeToString(root) + "\n";
        signedCheckpoint =
                SignedNotes.note(checkpoint, SignedNotes.signatureLine(checkpoint, LOG, rawKey, key.getPrivate()));
        verifierKey = SignedNotes.verifierKey(LOG, rawKey);
        assertThat(SignedNotes.verify(signedCheckpoint, verifierKey)).isTrue();
    }

    /** An entry's content canonicalized by its appender, before it queues for the append lock. */
    @Benchmark
    public LogEntries.Prepared entryPrepared() {
        return LogEntries.Prepared.of(unplaced);
    }

    /** The entry chained: its place added and the whole hashed, by the holder of the append lock. */
    @Benchmark
    public String entryChained() {
        return prepared.hash(place);
    }

    /** The entry's hash recomputed whole from its fields, as a verification of entries read as objects does. */
    @Benchmark
    public String entryVerified() {
        return LogEntries.hash(entry);
    }

    /** A staff number sealed under its record's key (a fresh nonce, its own value key, AES-256-GCM). */
    @Benchmark
    public String valueSealed() {
        return SealedValues.seal(KEY_ID, recordKey, "staff:10000001");
    }

    /** A sealed value opened with its record's key, as a case bundle or an export opens it. */
    @Benchmark
    public String valueOpened() {
        return SealedValues.openWithRecordKey(sealedStaffNumber, recordKey);
    }

    /** The root of a million entries, from their stored complete subtrees. */
    @Benchmark
    public byte[] treeRoot() {
        return MerkleTree.root(subtrees, TREE_SIZE);
    }

    /** An entry's inclusion proof in a tree of a million, from the stored subtrees. */
    @Benchmark
    public List<byte[]> inclusionProofMade() {
        return MerkleTree.inclusionProof(subtrees, leafIndex, TREE_SIZE);
    }

    /** An inclusion proof checked against the root, as an auditor's verifier checks it. */
    @Benchmark
    public boolean inclusionProofChecked() {
        return MerkleTree.verifyInclusion(levels[0][(int) leafIndex], leafIndex, TREE_SIZE, inclusion, root);
    }

    /** A consistency proof from 999,000 to a million entries checked, as the witness checks one before cosigning. */
    @Benchmark
    public boolean consistencyProofChecked() {
        return MerkleTree.verifyConsistency(999_000, TREE_SIZE, earlierRoot, root, consistency);
    }

    /** A checkpoint signed (Ed25519 signed note). */
    @Benchmark
    public String checkpointSigned() {
        return SignedNotes.signatureLine(checkpoint, LOG, rawKey, key.getPrivate());
    }

    /** A signed checkpoint's signature verified. */
    @Benchmark
    public boolean checkpointVerified() {
        return SignedNotes.verify(signedCheckpoint, verifierKey);
    }

    @Test
    void figures() throws Exception {
        Collection<RunResult> results = new Runner(new OptionsBuilder()
                        .include(LogCodePathsBenchmark.class.getName() + "\\.")
                        .forks(Integer.getInteger("benchmark.forks", 1))
                        .build())
                .run();
        List<String> lines = new ArrayList<>();
        for (RunResult result : results) {
            var primary = result.getPrimaryResult();
            String step = result.getParams()
                    .getBenchmark()
                    .substring(getClass().getName().length() + 1);
            lines.add(String.format(
                    "log code paths: %-24s %10.3f ± %.3f %s",
                    step, primary.getScore(), primary.getScoreError(), primary.getScoreUnit()));
        }
        lines.forEach(System.out::println);
        assertThat(lines).hasSize(11);
    }
}
