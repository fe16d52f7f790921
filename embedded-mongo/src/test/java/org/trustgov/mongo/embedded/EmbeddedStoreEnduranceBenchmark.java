package org.trustgov.mongo.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Projections;
import de.bwaldvogel.mongo.MongoServer;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Figures and a check for the durable embedded store under sustained load, not part of the normal build: run with
 * {@code ./mvnw -Pbenchmarks -pl embedded-mongo test}. Each cycle starts {@link StoreUnderLoad} in a process of its
 * own on the same file, with 16 writers; odd cycles kill it with SIGKILL at a random moment, even cycles let it stop
 * cleanly. After each cycle the file is opened again here and every collection read through: it must open, every
 * log entry whose insert was acknowledged must be in it, and every document must read. Prints the writes, the file's
 * size and the time to open and read it ({@code benchmark.store.cycles} 4, {@code benchmark.store.seconds} 60,
 * {@code benchmark.store.writers} 16).
 */
class EmbeddedStoreEnduranceBenchmark {

    static final int CYCLES = Integer.getInteger("benchmark.store.cycles", 4);
    static final int SECONDS = Integer.getInteger("benchmark.store.seconds", 60);
    static final int WRITERS = Integer.getInteger("benchmark.store.writers", 16);

    @TempDir
    Path data;

    @Test
    void everyAcknowledgedWriteSurvivesKillsAndCleanStopsUnderLoad() throws Exception {
        Path file = data.resolve("audit.mv");
        Set<Long> acknowledged = ConcurrentHashMap.newKeySet();
        for (int cycle = 1; cycle <= CYCLES; cycle++) {
            boolean kill = cycle % 2 == 1;
            int before = acknowledged.size();
            long started = System.nanoTime();
            Process load = new ProcessBuilder(
                            Path.of(System.getProperty("java.home"), "bin", "java")
                                    .toString(),
                            "-Xmx512m",
                            "-cp",
                            System.getProperty("java.class.path"),
                            StoreUnderLoad.class.getName(),
                            file.toString(),
                            Integer.toString(SECONDS),
                            Integer.toString(WRITERS),
                            Long.toString(cycle * 100_000_000L))
                    .redirectError(data.resolve("load-" + cycle + ".log").toFile())
                    .start();
            AtomicBoolean closed = new AtomicBoolean();
            Thread reader = new Thread(() -> read(load, acknowledged, closed));
            reader.start();
            if (kill) {
                long at = ThreadLocalRandom.current().nextLong(SECONDS * 300L, SECONDS * 900L);
                assertThat(load.waitFor(at, TimeUnit.MILLISECONDS))
                        .as("the load stopped on its own; see %s", data.resolve("load-" + cycle + ".log"))
                        .isFalse();
                load.destroyForcibly(); // SIGKILL
            }
            assertThat(load.waitFor(SECONDS + 120L, TimeUnit.SECONDS)).isTrue();
            reader.join();
            double ran = (System.nanoTime() - started) / 1e9;
            if (!kill) {
                assertThat(load.exitValue()).isZero();
                assertThat(closed).isTrue();
            }

            long opening = System.nanoTime();
            MongoServer server = new MongoServer(new CompactableH2Backend(file, false));
            server.bind("127.0.0.1", 0);
            long openMs = (System.nanoTime() - opening) / 1_000_000;
            long reading = System.nanoTime();
            long documents = 0;
            Set<Long> stored = new HashSet<>();
            try (MongoClient client = MongoClients.create(
                    "mongodb://127.0.0.1:" + server.getLocalAddress().getPort())) {
                MongoDatabase db = client.getDatabase("audit");
                for (String collection : db.listCollectionNames()) {
                    for (Document document : db.getCollection(collection).find().batchSize(500)) {
                        documents++;
                    }
                }
                for (Document entry : db.getCollection("audit_log")
                        .find()
                        .projection(Projections.include("number"))
                        .batchSize(1_000)) {
                    stored.add(entry.getLong("number"));
                }
            } finally {
                server.shutdownNow();
            }
            long readMs = (System.nanoTime() - reading) / 1_000_000;
            Set<Long> missing = new HashSet<>(acknowledged);
            missing.removeAll(stored);
            System.out.printf(
                    "embedded store endurance: cycle %d (%s after %.0f s): %d log entries acknowledged (%.0f reports/s),"
                            + " all %d so far %s; file %d MB; opened in %d ms, %d documents read in %d ms%n",
                    cycle,
                    kill ? "killed" : "stopped cleanly",
                    ran,
                    acknowledged.size() - before,
                    (acknowledged.size() - before) / ran,
                    acknowledged.size(),
                    missing.isEmpty() ? "present" : missing.size() + " MISSING",
                    Files.size(file) / 1_000_000,
                    openMs,
                    documents,
                    readMs);
            assertThat(missing)
                    .as("acknowledged log entries missing after cycle %d", cycle)
                    .isEmpty();
        }
    }

    private static void read(Process load, Set<Long> acknowledged, AtomicBoolean closed) {
        try (BufferedReader lines =
                new BufferedReader(new InputStreamReader(load.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                if (line.startsWith("ack ")) {
                    acknowledged.add(Long.parseLong(line.substring(4)));
                } else if (line.equals("closed")) {
                    closed.set(true);
                }
            }
        } catch (java.io.IOException killed) {
            // the pipe closes with the process
        }
    }
}
