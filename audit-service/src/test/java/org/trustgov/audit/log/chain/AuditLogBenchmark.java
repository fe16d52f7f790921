package org.trustgov.audit.log.chain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.data.mongodb.core.BulkOperations;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.test.context.ActiveProfiles;
import org.trustgov.audit.log.checkpoints.Checkpoint;
import org.trustgov.audit.log.checkpoints.Checkpoints;
import org.trustgov.audit.log.sealing.RecordKeys;
import org.trustgov.audit.log.sealing.RecordUnit;
import org.trustgov.audit.log.sealing.Sealer;
import org.trustgov.audit.log.tree.AuditTree;
import org.trustgov.audit.log.tree.MerkleNode;
import org.trustgov.audit.log.tree.MerkleTreeState;

/**
 * Figures for the README, not a test: run with {@code ./mvnw -Pbenchmarks -pl audit-service -am test} (the
 * {@code benchmarks} profile runs only {@code *Benchmark} classes; the normal build never runs this). Prints
 * appends per second with 16 writers, chained (through {@link AuditLog}) and plain inserts into the same embedded
 * store in alternating rounds after {@code benchmark.warmRounds} (4) uncounted warm rounds of each, and the median of
 * their ratios with the lowest and highest, the time to verify 100,000 entries (every hash
 * recomputed; {@code -Dbenchmark.verifyEntries=1000000} for a million), {@code benchmark.verifyRounds} (3) times in
 * a row, the first cold, the Merkle tree's integration and proof
 * latency over them, the fast check against the tree, and the time to sign a checkpoint. Each round also compares
 * appends whose personal values are sealed (one of 10,000 people each) with appends that have nothing to seal, and
 * the run ends with the disposal of those 10,000 people (their record keys destroyed). What one step costs on its
 * own, on one thread (an entry's hashing, a value's sealing, a proof, a signature), JMH measures in the transparency
 * library's {@code LogCodePathsBenchmark}.
 */
@SpringBootTest
@ActiveProfiles("test")
class AuditLogBenchmark {

    static final int WRITERS = 16;
    static final int PER_WRITER = Integer.getInteger("benchmark.appendsPerWriter", 2_000);
    static final int ROUNDS = Integer.getInteger("benchmark.rounds", 7);
    static final int WARM_ROUNDS = Integer.getInteger("benchmark.warmRounds", 4);
    static final int SEALED_PAIRS = Integer.getInteger("benchmark.sealedPairs", 21);
    static final int SEALED_PER_WRITER = Integer.getInteger("benchmark.sealedAppendsPerWriter", 500);
    static final int PROOFS = 200;
    static final int VERIFY_ENTRIES = Integer.getInteger("benchmark.verifyEntries", 100_000);
    static final int VERIFY_ROUNDS = Integer.getInteger("benchmark.verifyRounds", 3);

    @Autowired
    AuditLog log;

    @Autowired
    ChainVerifier verifier;

    @Autowired
    MongoTemplate mongo;

    @Autowired
    AuditTree tree;

    @Autowired
    Checkpoints checkpoints;

    @Autowired
    RecordKeys recordKeys;

    @Autowired
    Sealer sealer;

    @Test
    void appendsPerSecondAndVerifyTime() throws Exception {
        mongo.remove(new Query(), AuditEntry.class);
        log.forgetHead();
        warmUp();

        // Alternating rounds, so that neither kind runs on a colder JVM or a quieter machine than the other; the
        // median of the rounds' ratios, as the host's load moves single rounds by half.
        double[] ratios = new double[ROUNDS];
        double[] sealedRatios = new double[SEALED_PAIRS];
        for (int round = 1; round <= ROUNDS; round++) {
            double chained = run(
                    i -> log.append(AuditRecord.of("staff:10000004", "benchmark.append", "writer", Map.of("i", i))));
            // The tree takes the round's entries in the background; let it finish (not counted in either round), so
            // that its work does not fall into the plain round's time.
            double chainedCores = lastCoresBusy;
            long chainedGc = lastGcMillis;
            long treeLagMs = catchUpTree();
            double plain = run(i -> mongo.insert(
                    new Document("actor", "staff:10000004")
                            .append("action", "benchmark.insert")
                            .append("target", "writer")
                            .append("details", new Document("i", i)),
                    "benchmark_plain"));
            System.out.printf(
                    "audit benchmark: round %d, %d writers x %d: chained appends %.0f/s (%.2f cores busy, gc %d ms; the tree took the rest %d ms after), plain inserts %.0f/s (%.2f cores busy, gc %d ms), ratio %.2f%n",
                    round,
                    WRITERS,
                    PER_WRITER,
                    chained,
                    chainedCores,
                    chainedGc,
                    treeLagMs,
                    plain,
                    lastCoresBusy,
                    lastGcMillis,
                    chained / plain);
            ratios[round - 1] = chained / plain;
        }
        // Sealing: appends naming one of 10,000 people each (actor and staff number sealed under that person's
        // training-record key) against the same appends as they were stored before sealing (the same fields and
        // sizes, nothing in them personal, so nothing sealed). Many short pairs, each pair's order swapped (ABBA), so
        // that the host's load, which moves one round by half, falls on both kinds alike; the median pair.
        for (int pair = 1; pair <= SEALED_PAIRS; pair++) {
            boolean sealedFirst = pair % 2 == 1;
            double first = run(sealedFirst ? this::sealedAppend : this::clearAppend, SEALED_PER_WRITER);
            catchUpTree();
            double second = run(sealedFirst ? this::clearAppend : this::sealedAppend, SEALED_PER_WRITER);
            catchUpTree();
            double sealed = sealedFirst ? first : second;
            double clear = sealedFirst ? second : first;
            System.out.printf(
                    "audit benchmark: pair %d (%s first): sealed appends %.0f/s, the same appends unsealed %.0f/s, ratio %.2f%n",
                    pair, sealedFirst ? "sealed" : "unsealed", sealed, clear, sealed / clear);
            sealedRatios[pair - 1] = sealed / clear;
        }
        if (SEALED_PAIRS > 0) {
            double[] sorted = sealedRatios.clone();
            java.util.Arrays.sort(sorted);
            System.out.printf(
                    "audit benchmark: sealed appends / the same appends unsealed over %d pairs: median %.2f (lowest %.2f, highest %.2f, quartiles %.2f-%.2f)%n",
                    SEALED_PAIRS,
                    sorted[SEALED_PAIRS / 2],
                    sorted[0],
                    sorted[SEALED_PAIRS - 1],
                    sorted[SEALED_PAIRS / 4],
                    sorted[SEALED_PAIRS * 3 / 4]);
        }
        // Disposal by crypto-shredding: destroying 10,000 people's record keys (the log's size does not matter: no
        // entry is read or written).
        long disposalStarted = System.nanoTime();
        for (int person = 0; person < 10_000; person++) {
            recordKeys.destroy(
                    new RecordUnit(RecordUnit.TRAINING_RECORD, String.valueOf(20_000_000 + person)),
                    "benchmark",
                    "BENCHMARK");
        }
        System.out.printf(
                "audit benchmark: disposal of 10,000 people (their record keys destroyed) %d ms%n",
                (System.nanoTime() - disposalStarted) / 1_000_000);
        if (ROUNDS > 0) {
            double[] sorted = ratios.clone();
            java.util.Arrays.sort(sorted);
            System.out.printf(
                    "audit benchmark: chained appends / plain inserts over %d rounds: median %.2f (lowest %.2f, highest %.2f)%n",
                    ROUNDS, sorted[ROUNDS / 2], sorted[0], sorted[ROUNDS - 1]);
        }

        // A chain of 100,000 entries, built in memory and bulk-inserted, then verified through the service.
        synchronized (tree) {
            mongo.remove(new Query(), AuditEntry.class);
            mongo.remove(new Query(), MerkleNode.class);
            mongo.remove(new Query(), MerkleTreeState.class);
        }
        log.forgetHead();
        AuditEntry previous = null;
        List<AuditEntry> batch = new ArrayList<>();
        for (int i = 0; i < VERIFY_ENTRIES; i++) {
            // As appended today: the actor and the subject sealed under the case's key (one case in ten entries).
            Map<String, Object> details = new java.util.LinkedHashMap<>();
            details.put("i", i);
            details.put("status", "TRIAGED");
            details.put("subject", String.valueOf(20_000_000 + i % 10_000));
            Sealer.Content sealed =
                    sealer.seal("staff:10000004", "SMB-2026-" + (i / 10), details, java.time.Instant.now());
            previous = AuditEntry.after(
                    previous,
                    java.time.Instant.now(),
                    AuditRecord.of(sealed.actor(), "benchmark.append", sealed.target(), sealed.details()));
            batch.add(previous);
            if (batch.size() == 5_000) {
                mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, AuditEntry.class)
                        .insert(batch)
                        .execute();
                batch.clear();
            }
        }
        if (!batch.isEmpty()) {
            mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, AuditEntry.class)
                    .insert(batch)
                    .execute();
        }
        // The tree takes the chain in now, outside the rounds: in service it takes each entry as it is appended, so a
        // verification job does not run beside it catching up a million entries (left to its schedule, it did so
        // through the rounds, on the same two cores, and one round took 12.7 s instead of 4 to 5).
        log.forgetHead();
        long treeCaughtUp = catchUpTree();
        System.out.printf("audit benchmark: the tree took the %d entries in %d ms%n", VERIFY_ENTRIES, treeCaughtUp);
        // A verification job runs on a service that has been up for hours: the first round is the cold one. Each
        // round starts from a collected heap, as the append rounds do: the chain was just built in this JVM, and the
        // embedded store keeps it in this heap, so the collector would otherwise still be marking what the build left
        // while the first round runs.
        for (int round = 1; round <= VERIFY_ROUNDS; round++) {
            System.gc();
            long gcBefore = gcMillis();
            long started = System.nanoTime();
            ChainVerifier.Verification verification =
                    verifier.verifyRange(1, null); // whole, as the verification job checks it
            long ms = (System.nanoTime() - started) / 1_000_000;
            System.out.printf(
                    "audit benchmark: verify %d entries %d ms (%.0f entries/s, gc %d ms), intact=%s, round %d of %d%n",
                    verification.checked(),
                    ms,
                    verification.checked() * 1000.0 / Math.max(ms, 1),
                    gcMillis() - gcBefore,
                    verification.intact(),
                    round,
                    VERIFY_ROUNDS);
            assertThat(verification.intact()).isTrue();
            assertThat(verification.checked()).isEqualTo(VERIFY_ENTRIES);
        }
        long started;

        // The tree over the same entries: integration, proof latency, and a checkpoint's signing.
        synchronized (tree) { // the scheduled integration waits meanwhile (integrate is synchronized on the tree)
            mongo.remove(new Query(), MerkleNode.class);
            mongo.remove(new Query(), MerkleTreeState.class);
            mongo.remove(new Query(), Checkpoint.class);
        }
        started = System.nanoTime();
        tree.integrate();
        long integrated = tree.size();
        System.out.printf(
                "audit benchmark: tree over %d entries built in %d ms%n",
                integrated, (System.nanoTime() - started) / 1_000_000);
        java.util.Random random = new java.util.Random(20261202);
        long[] inclusion = new long[PROOFS];
        long[] consistency = new long[PROOFS];
        for (int i = 0; i < PROOFS; i++) {
            long t0 = System.nanoTime();
            tree.inclusionProof(1 + random.nextInt((int) integrated), integrated);
            inclusion[i] = System.nanoTime() - t0;
            t0 = System.nanoTime();
            tree.consistencyProof(1 + random.nextInt((int) integrated), integrated);
            consistency[i] = System.nanoTime() - t0;
        }
        System.out.printf(
                "audit benchmark: at %d entries, inclusion proof p50 %.2f ms p99 %.2f ms; consistency proof p50 %.2f ms p99 %.2f ms (%d each)%n",
                integrated,
                percentile(inclusion, 50),
                percentile(inclusion, 99),
                percentile(consistency, 50),
                percentile(consistency, 99),
                PROOFS);
        started = System.nanoTime();
        checkpoints.sign();
        long firstSign = System.nanoTime() - started;
        log.forgetHead();
        log.append(AuditRecord.of("staff:10000004", "benchmark.append", "one-more", Map.of()));
        tree.integrate();
        started = System.nanoTime();
        checkpoints.sign();
        System.out.printf(
                "audit benchmark: checkpoint signed in %.1f ms (first) and %.1f ms (next one, with its consistency check)%n",
                firstSign / 1e6, (System.nanoTime() - started) / 1e6);
        started = System.nanoTime();
        byte[] recomputed = tree.rootFromEntries(integrated).root();
        System.out.printf(
                "audit benchmark: fast check, root of %d entries recomputed from their stored hashes in %d ms, equal to the tree's: %s%n",
                integrated,
                (System.nanoTime() - started) / 1_000_000,
                java.util.Arrays.equals(recomputed, tree.root(integrated)));
    }

    private static double percentile(long[] nanos, int p) {
        long[] sorted = nanos.clone();
        java.util.Arrays.sort(sorted);
        return sorted[Math.min(sorted.length - 1, sorted.length * p / 100)] / 1e6;
    }

    /**
     * Warms both paths the way they are measured (16 writers, full rounds) until the JIT has compiled them: plain
     * inserts run about four times faster in a fourth round than in a first, so measuring from a cold start made the
     * ratio depend on how many cold rounds the median took in. The warm rounds are printed, not counted.
     */
    private final java.util.concurrent.atomic.AtomicInteger people = new java.util.concurrent.atomic.AtomicInteger();

    /** An append naming one of 10,000 people, in turn: its actor and staff number are sealed under their key. */
    private void sealedAppend(int i) {
        String person = String.valueOf(20_000_000 + people.getAndIncrement() % 10_000);
        log.append(
                AuditRecord.of("staff:" + person, "benchmark.append", "writer", Map.of("i", i, "staffNumber", person)));
    }

    /**
     * The same append as it was stored before sealing: the same fields, of the same lengths, but nothing in them a
     * staff reference or an 8-digit number, so nothing is sealed.
     */
    private void clearAppend(int i) {
        String person = "n" + (2_000_000 + people.getAndIncrement() % 10_000);
        log.append(AuditRecord.of(
                "client:" + person, "benchmark.append", "writer", Map.of("i", i, "staffNumber", person)));
    }

    /** Warm rounds of every kind; the 10,000 people's keys are made here, once, as a person's key is in service. */
    private void warmUp() throws Exception {
        for (int round = 1; round <= WARM_ROUNDS; round++) {
            run(this::sealedAppend);
            catchUpTree();
            run(this::clearAppend);
            catchUpTree();
            double chained =
                    run(i -> log.append(AuditRecord.of("staff:10000004", "benchmark.warmup", "w", Map.of("i", i))));
            catchUpTree();
            double plain = run(i -> mongo.insert(new Document("i", i), "benchmark_plain"));
            System.out.printf(
                    "audit benchmark: warm-up round %d (not counted): chained %.0f/s, plain %.0f/s%n",
                    round, chained, plain);
        }
    }

    /** Lets the tree take every entry appended so far (outside both kinds' time). */
    private long catchUpTree() {
        long catchingUp = System.nanoTime();
        long head = log.readHead().getSequence();
        while (tree.size() < head) {
            tree.integrate();
        }
        return (System.nanoTime() - catchingUp) / 1_000_000;
    }

    /** How many of the machine's cores the process kept busy in the last run (its CPU time over the wall time). */
    private double lastCoresBusy;

    /** The garbage collectors' time during the last run. */
    private long lastGcMillis;

    private static long gcMillis() {
        return java.lang.management.ManagementFactory.getGarbageCollectorMXBeans().stream()
                .mapToLong(java.lang.management.GarbageCollectorMXBean::getCollectionTime)
                .filter(ms -> ms > 0)
                .sum();
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean)
                        java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private double run(java.util.function.IntConsumer write) throws Exception {
        return run(write, PER_WRITER);
    }

    private double run(java.util.function.IntConsumer write, int perWriter) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(WRITERS);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<?>> writers = new ArrayList<>();
        for (int w = 0; w < WRITERS; w++) {
            writers.add(pool.submit(() -> {
                go.await();
                for (int i = 0; i < perWriter; i++) {
                    write.accept(i);
                }
                return null;
            }));
        }
        // Each round starts from a collected heap, so that no round pays for the garbage of the one before it (a
        // round lasts about a second, and one old-generation collection moved a round by half); what a round makes
        // it collects in its own time, and the pauses are printed with it.
        System.gc();
        long gcBefore = gcMillis();
        long cpuBefore = processCpuNanos();
        long started = System.nanoTime();
        go.countDown();
        for (Future<?> writer : writers) {
            writer.get();
        }
        long wall = System.nanoTime() - started;
        lastCoresBusy = (processCpuNanos() - cpuBefore) / (double) wall;
        lastGcMillis = gcMillis() - gcBefore;
        double seconds = wall / 1e9;
        pool.shutdown();
        return WRITERS * perWriter / seconds;
    }
}
