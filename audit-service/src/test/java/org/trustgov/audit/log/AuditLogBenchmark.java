package org.trustgov.audit.log;

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

/**
 * Figures for the README, not a test: run with {@code ./mvnw -Pbenchmarks -pl audit-service -am test} (the
 * {@code benchmarks} profile runs only {@code *Benchmark} classes; the normal build never runs this). Prints
 * appends per second with 16 writers, chained (through {@link AuditLog}) and plain inserts into the same embedded
 * store, and the time to verify 100,000 entries.
 */
@SpringBootTest
@ActiveProfiles("test")
class AuditLogBenchmark {

    static final int WRITERS = 16;
    static final int PER_WRITER = Integer.getInteger("benchmark.appendsPerWriter", 1_000);
    static final int ROUNDS = Integer.getInteger("benchmark.rounds", 3);
    static final int VERIFY_ENTRIES = Integer.getInteger("benchmark.verifyEntries", 100_000);

    @Autowired AuditLog log;
    @Autowired ChainVerifier verifier;
    @Autowired MongoTemplate mongo;

    @Test
    void appendsPerSecondAndVerifyTime() throws Exception {
        mongo.remove(new Query(), AuditEntry.class);
        log.forgetHead();
        warmUp();

        // Alternating rounds, so that neither kind runs on a colder JVM or a quieter machine than the other.
        for (int round = 1; round <= ROUNDS; round++) {
            double chained = run(i -> log.append(AuditRecord.of("staff:10000004", "benchmark.append", "writer",
                    Map.of("i", i))));
            double plain = run(i -> mongo.insert(new Document("actor", "staff:10000004").append("action", "benchmark.insert")
                    .append("target", "writer").append("details", new Document("i", i)), "benchmark_plain"));
            System.out.printf("audit benchmark: round %d, %d writers x %d: chained appends %.0f/s, plain inserts %.0f/s, ratio %.2f%n",
                    round, WRITERS, PER_WRITER, chained, plain, chained / plain);
        }

        // A chain of 100,000 entries, built in memory and bulk-inserted, then verified through the service.
        mongo.remove(new Query(), AuditEntry.class);
        log.forgetHead();
        AuditEntry previous = null;
        List<AuditEntry> batch = new ArrayList<>();
        for (int i = 0; i < VERIFY_ENTRIES; i++) {
            previous = AuditEntry.after(previous, java.time.Instant.now(), AuditRecord.of("staff:10000004",
                    "benchmark.append", "SMB-2026-" + i, Map.of("i", i, "status", "TRIAGED")));
            batch.add(previous);
            if (batch.size() == 5_000) {
                mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, AuditEntry.class).insert(batch).execute();
                batch.clear();
            }
        }
        if (!batch.isEmpty()) {
            mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, AuditEntry.class).insert(batch).execute();
        }
        long started = System.nanoTime();
        ChainVerifier.Verification verification = verifier.verify(1, null);
        long ms = (System.nanoTime() - started) / 1_000_000;
        System.out.printf("audit benchmark: verify %d entries %d ms (%.0f entries/s), intact=%s%n",
                verification.checked(), ms, verification.checked() * 1000.0 / Math.max(ms, 1), verification.intact());
        assertThat(verification.intact()).isTrue();
        assertThat(verification.checked()).isEqualTo(VERIFY_ENTRIES);
    }

    private void warmUp() throws Exception {
        for (int i = 0; i < 3_000; i++) {
            log.append(AuditRecord.of("staff:10000004", "benchmark.warmup", "w", Map.of("i", i)));
            mongo.insert(new Document("i", i), "benchmark_plain");
        }
    }

    private double run(java.util.function.IntConsumer write) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(WRITERS);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<?>> writers = new ArrayList<>();
        for (int w = 0; w < WRITERS; w++) {
            writers.add(pool.submit(() -> {
                go.await();
                for (int i = 0; i < PER_WRITER; i++) {
                    write.accept(i);
                }
                return null;
            }));
        }
        long started = System.nanoTime();
        go.countDown();
        for (Future<?> writer : writers) {
            writer.get();
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        pool.shutdown();
        return WRITERS * PER_WRITER / seconds;
    }
}
