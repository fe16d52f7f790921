package org.trustgov.mongo.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import de.bwaldvogel.mongo.MongoServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.mongodb.autoconfigure.DataMongoAutoConfiguration;
import org.springframework.boot.mongodb.autoconfigure.MongoAutoConfiguration;
import org.springframework.boot.mongodb.autoconfigure.MongoConnectionDetails;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.trustgov.starter.mongo.MongoHealthAutoConfiguration;
import org.trustgov.starter.mongo.MongoPingHealthIndicator;
import org.trustgov.starter.mongo.StoreCompaction;
import org.trustgov.starter.mongo.StoreCompactionAutoConfiguration;

@ExtendWith(OutputCaptureExtension.class)
class EmbeddedMongoAutoConfigurationTest {

    private final ApplicationContextRunner contexts = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(
                    EmbeddedMongoAutoConfiguration.class,
                    MongoAutoConfiguration.class,
                    DataMongoAutoConfiguration.class,
                    MongoHealthAutoConfiguration.class))
            .withPropertyValues("spring.mongodb.database=policy", "trustgov.mongodb.embedded.enabled=true");

    @Test
    void whenEnabledTheRealDriverTalksToTheEmbeddedServerAndDataSurvivesARestart(@TempDir Path data) {
        ApplicationContextRunner onDisk = contexts.withPropertyValues("trustgov.mongodb.embedded.data-dir=" + data);

        onDisk.run(context -> {
            assertThat(context).hasSingleBean(MongoServer.class);
            context.getBean(MongoTemplate.class).insert(new Document("code", "SM-001"), "policies");
        });
        assertThat(data.resolve("policy.mv")).exists();

        onDisk.run(context -> assertThat(context.getBean(MongoTemplate.class).findAll(Document.class, "policies"))
                .extracting(d -> d.getString("code"))
                .containsExactly("SM-001"));
    }

    /**
     * A process killed right after a write was acknowledged leaves the file as it was at that moment: a copy of the
     * file taken then, while the server still runs (nothing closed, nothing flushed on shutdown), must already hold
     * every acknowledged write. The stock backend commits about a second later, so the copy would lack them.
     */
    @Test
    void everyAcknowledgedWriteIsInTheFileBeforeTheAnswer(@TempDir Path data) {
        contexts.withPropertyValues("trustgov.mongodb.embedded.data-dir=" + data)
                .run(context -> {
                    MongoTemplate mongo = context.getBean(MongoTemplate.class);
                    for (int i = 1; i <= 50; i++) {
                        mongo.insert(new Document("_id", i).append("entry", "acknowledged " + i), "audit_log");
                    }
                    mongo.updateFirst(
                            org.springframework.data.mongodb.core.query.Query.query(
                                    org.springframework.data.mongodb.core.query.Criteria.where("_id")
                                            .is(50)),
                            org.springframework.data.mongodb.core.query.Update.update("entry", "changed"),
                            "audit_log");
                    inACopyOfTheFileNow(data, log -> {
                        assertThat(log.countDocuments()).isEqualTo(50);
                        assertThat(log.find(new Document("_id", 50)).first().getString("entry"))
                                .isEqualTo("changed");
                    });
                });
    }

    /**
     * Writers at once share commits (one commit covers every write made before it began); each one's answer still
     * waits for a commit that covers its write. A copy of the file taken once every writer has its answers, with the
     * server still running, holds all of them.
     */
    @Test
    void everyAcknowledgedWriteOfWritersAtOnceIsInTheFileBeforeTheAnswer(@TempDir Path data) {
        contexts.withPropertyValues("trustgov.mongodb.embedded.data-dir=" + data)
                .run(context -> {
                    MongoTemplate mongo = context.getBean(MongoTemplate.class);
                    int writers = 8;
                    int each = 100;
                    ExecutorService pool = Executors.newFixedThreadPool(writers);
                    try {
                        List<Future<?>> done = new ArrayList<>();
                        for (int w = 0; w < writers; w++) {
                            int writer = w;
                            done.add(pool.submit(() -> {
                                for (int i = 0; i < each; i++) {
                                    mongo.insert(new Document("_id", writer * each + i), "audit_log");
                                }
                            }));
                        }
                        for (var writer : done) {
                            writer.get();
                        }
                    } finally {
                        pool.shutdownNow();
                    }
                    inACopyOfTheFileNow(
                            data, log -> assertThat(log.countDocuments()).isEqualTo(writers * each));
                });
    }

    /**
     * Copies the policy store's file as it is now, with its server still running (what a process killed now would
     * leave), opens the copy on a server of its own and checks its {@code audit_log} collection.
     */
    private static void inACopyOfTheFileNow(
            Path data, java.util.function.Consumer<com.mongodb.client.MongoCollection<Document>> check)
            throws java.io.IOException {
        Path crashed = data.resolve("copy-at-crash.mv");
        Files.copy(data.resolve("policy.mv"), crashed);
        CompactableH2Backend reopened = new CompactableH2Backend(crashed, false);
        try {
            MongoServer server = new MongoServer(reopened);
            var address = server.bind();
            try (var client = com.mongodb.client.MongoClients.create(
                    "mongodb://" + address.getHostString() + ":" + address.getPort())) {
                check.accept(client.getDatabase("policy").getCollection("audit_log"));
            } finally {
                server.shutdownNow();
            }
        } finally {
            reopened.close();
        }
    }

    /**
     * Erasure needs the deleted bytes gone from the data folder, not only from the collection: MVStore writes pages
     * anew and leaves the old ones in the file, so right after a delete the file still holds the document. MongoDB's
     * {@code compact} rewrites the file with its live data alone; what was kept is still there, also after a restart.
     */
    @Test
    void compactLeavesNoByteOfADeletedDocumentInTheFile(@TempDir Path data) {
        ApplicationContextRunner onDisk = contexts.withPropertyValues("trustgov.mongodb.embedded.data-dir=" + data);
        Path file = data.resolve("policy.mv");
        onDisk.run(context -> {
            MongoTemplate mongo = context.getBean(MongoTemplate.class);
            for (int i = 0; i < 2_000; i++) {
                mongo.insert(new Document("_id", i).append("name", "Kept Person " + i), "staff");
                if (i % 10 == 0) {
                    mongo.insert(new Document("_id", i).append("name", "Robin Quillfeather " + i), "leavers");
                }
            }
            mongo.remove(new org.springframework.data.mongodb.core.query.Query(), "leavers");
            assertThat(mongo.count(new org.springframework.data.mongodb.core.query.Query(), "leavers"))
                    .isZero();
            assertThat(occurrences(file, "Quillfeather"))
                    .as("deleted, yet still in the file before compact")
                    .isPositive();

            Document compacted = mongo.executeCommand(new Document("compact", "leavers"));
            assertThat(compacted.getDouble("ok")).isEqualTo(1.0);
            assertThat(compacted.getLong("bytesFreed")).isPositive();
            assertThat(occurrences(file, "Quillfeather")).isZero();
            try (var files = Files.list(data)) {
                assertThat(files).as("no copy left beside it").containsExactly(file);
            }
            assertThat(mongo.count(new org.springframework.data.mongodb.core.query.Query(), "staff"))
                    .isEqualTo(2_000);
            assertThat(mongo.executeCommand(new Document("compact", "staff")).getLong("bytesFreed"))
                    .as("nothing written since: nothing to rewrite")
                    .isZero();
            mongo.insert(new Document("_id", 2_000).append("name", "Kept Person 2000"), "staff");
        });
        onDisk.run(context -> assertThat(context.getBean(MongoTemplate.class)
                        .count(new org.springframework.data.mongodb.core.query.Query(), "staff"))
                .isEqualTo(2_001));
    }

    @org.springframework.data.mongodb.core.mapping.Document("leavers")
    record Leaver(String id, String name) {}

    /**
     * What services do after erasing personal data: tell {@link StoreCompaction}, which compacts once erasure has been
     * quiet for a moment, however many erasures came before; on an in-memory store, which has nothing to rewrite, it
     * does nothing and fails nothing.
     */
    @Test
    void erasuresAreFollowedByOneCompactionOnceTheyAreQuiet(@TempDir Path data) {
        contexts.withConfiguration(AutoConfigurations.of(StoreCompactionAutoConfiguration.class))
                .withPropertyValues(
                        "trustgov.mongodb.embedded.data-dir=" + data, "trustgov.mongodb.compact-after-erasure=PT0.3S")
                .run(context -> {
                    MongoTemplate mongo = context.getBean(MongoTemplate.class);
                    StoreCompaction compaction = context.getBean(StoreCompaction.class);
                    for (int i = 0; i < 200; i++) {
                        mongo.insert(new Leaver(String.valueOf(i), "Robin Quillfeather " + i));
                    }
                    for (int i = 0; i < 200; i++) {
                        mongo.remove(new Leaver(String.valueOf(i), null));
                        compaction.afterErasure(Leaver.class);
                    }
                    assertThat(occurrences(data.resolve("policy.mv"), "Quillfeather"))
                            .isPositive();
                    org.awaitility.Awaitility.await()
                            .atMost(java.time.Duration.ofSeconds(10))
                            .untilAsserted(() -> assertThat(occurrences(data.resolve("policy.mv"), "Quillfeather"))
                                    .isZero());
                    assertThat(compaction.compactPending())
                            .as("nothing left to compact")
                            .isEmpty();
                });
        contexts.withConfiguration(AutoConfigurations.of(StoreCompactionAutoConfiguration.class))
                .withPropertyValues("trustgov.mongodb.embedded.persistent=false")
                .run(context -> {
                    StoreCompaction compaction = context.getBean(StoreCompaction.class);
                    compaction.afterErasure(Leaver.class);
                    assertThat(compaction.compactPending()).containsExactly("leavers");
                });
    }

    /** The in-memory store of the tests keeps unique indexes only too, and says it in the same words, not a warning. */
    @Test
    void inMemoryAnIndexThatIsNotUniqueIsLeftWithoutAWarningAndQueriesOnItsFieldsStillAnswer(CapturedOutput output) {
        contexts.withPropertyValues("trustgov.mongodb.embedded.persistent=false")
                .run(context -> {
                    MongoTemplate mongo = context.getBean(MongoTemplate.class);
                    mongo.getCollection("incidents")
                            .createIndex(com.mongodb.client.model.Indexes.ascending("status", "closedAt"));
                    mongo.insert(new Document("_id", 1).append("status", "OPEN"), "incidents");
                    mongo.insert(new Document("_id", 2).append("status", "CLOSED"), "incidents");
                    assertThat(mongo.find(
                                    org.springframework.data.mongodb.core.query.Query.query(
                                            org.springframework.data.mongodb.core.query.Criteria.where("status")
                                                    .is("CLOSED")),
                                    Document.class,
                                    "incidents"))
                            .extracting(d -> d.get("_id"))
                            .containsExactly(2);
                });
        assertThat(output).doesNotContain("is not yet implemented");
    }

    private static int occurrences(Path file, String text) throws java.io.IOException {
        String content = new String(Files.readAllBytes(file), java.nio.charset.StandardCharsets.ISO_8859_1);
        int found = 0;
        for (int at = content.indexOf(text); at >= 0; at = content.indexOf(text, at + 1)) {
            found++;
        }
        return found;
    }

    /**
     * The server answers each command on its connection's thread. Connections sharing a thread wait for each other's
     * commands, so a long find (the retention job's daily look through every incident) held back every report whose
     * connection shared its thread, however often the find let the collection go: on the stock server's four threads
     * a report waited for the whole find about one time in four. Here every writer has a connection of its own and
     * writes to another collection, so nothing but a shared thread can hold it back.
     */
    @Test
    void aLongFindOnOneConnectionHoldsUpNoOtherConnection(@TempDir Path data) {
        contexts.withPropertyValues("trustgov.mongodb.embedded.data-dir=" + data)
                .run(context -> {
                    var address = context.getBean(MongoServer.class).getLocalAddress();
                    String uri = "mongodb://127.0.0.1:" + address.getPort() + "/?maxPoolSize=1";
                    List<com.mongodb.client.MongoClient> clients = new ArrayList<>();
                    ExecutorService threads = Executors.newCachedThreadPool();
                    try {
                        // 100,000 documents, none of which the find matches: it examines every one.
                        var finder = com.mongodb.client.MongoClients.create(uri);
                        clients.add(finder);
                        var entries = finder.getDatabase("policy").getCollection("entries");
                        List<Document> more = new ArrayList<>();
                        for (int i = 1; i <= 100_000; i++) {
                            more.add(new Document("_id", i).append("ward", "W" + (i % 7)));
                            if (more.size() == 10_000) {
                                entries.insertMany(more);
                                more.clear();
                            }
                        }
                        int writers = 8;
                        List<java.util.concurrent.atomic.AtomicInteger> written = new ArrayList<>();
                        java.util.concurrent.atomic.AtomicBoolean writing =
                                new java.util.concurrent.atomic.AtomicBoolean(true);
                        List<Future<?>> writerLoops = new ArrayList<>();
                        for (int w = 0; w < writers; w++) {
                            var client = com.mongodb.client.MongoClients.create(uri);
                            clients.add(client);
                            var reports = client.getDatabase("policy").getCollection("reports");
                            var count = new java.util.concurrent.atomic.AtomicInteger();
                            written.add(count);
                            int writer = w;
                            writerLoops.add(threads.submit(() -> {
                                while (writing.get()) {
                                    reports.insertOne(new Document("writer", writer));
                                    count.incrementAndGet();
                                }
                            }));
                        }
                        await().atMost(java.time.Duration.ofSeconds(30))
                                .until(() -> written.stream().allMatch(c -> c.get() > 0));

                        Future<List<Document>> found = threads.submit(
                                () -> entries.find(new Document("ward", "none")).into(new ArrayList<>()));
                        await().pollDelay(java.time.Duration.ZERO)
                                .pollInterval(java.time.Duration.ofMillis(1))
                                .atMost(java.time.Duration.ofSeconds(30))
                                .until(() -> Thread.getAllStackTraces().values().stream()
                                        .anyMatch(StreamedH2CollectionTest::examining));
                        long[] before = written.stream()
                                .mapToLong(java.util.concurrent.atomic.AtomicInteger::get)
                                .toArray();
                        long started = System.nanoTime();
                        assertThat(found.get(60, java.util.concurrent.TimeUnit.SECONDS))
                                .isEmpty();
                        long findMs = (System.nanoTime() - started) / 1_000_000;
                        long[] during = new long[writers];
                        for (int w = 0; w < writers; w++) {
                            during[w] = written.get(w).get() - before[w];
                        }
                        writing.set(false);
                        for (Future<?> loop : writerLoops) {
                            loop.get(30, java.util.concurrent.TimeUnit.SECONDS);
                        }
                        System.out.printf(
                                "connections: while one examined 100,000 documents for %d ms, eight others wrote %s%n",
                                findMs, java.util.Arrays.toString(during));
                        // A writer on the find's thread waits for the whole find: it writes nothing until the find
                        // has answered, and then a few writes before the count is read (4 to 24 in seven runs on four
                        // threads, against 228 to 718 for the others). On a thread of its own it writes on
                        // throughout, about as often as the others.
                        long[] sorted = during.clone();
                        java.util.Arrays.sort(sorted);
                        assertThat(sorted[0])
                                .as(
                                        "the fewest writes of one writer while the find examined the documents, of %s",
                                        java.util.Arrays.toString(during))
                                .isGreaterThanOrEqualTo(sorted[writers / 2] / 4);
                    } finally {
                        threads.shutdownNow();
                        clients.forEach(com.mongodb.client.MongoClient::close);
                    }
                });
    }

    @Test
    void fewerThanOneThreadForTheConnectionsIsRefused() {
        contexts.withPropertyValues(
                        "trustgov.mongodb.embedded.persistent=false", "trustgov.mongodb.embedded.connection-threads=0")
                .run(context -> assertThat(context)
                        .getFailure()
                        .rootCause()
                        .hasMessageContaining("connection-threads must be at least 1"));
    }

    @Test
    void aFillRateThatIsNotAPercentIsRefused(@TempDir Path data) {
        contexts.withPropertyValues(
                        "trustgov.mongodb.embedded.data-dir=" + data,
                        "trustgov.mongodb.embedded.auto-compact-fill-rate=101")
                .run(context -> assertThat(context)
                        .getFailure()
                        .rootCause()
                        .hasMessageContaining("auto-compact-fill-rate must be from 0 to 100 (percent), not 101"));
        assertThat(data.resolve("policy.mv")).doesNotExist();
    }

    @Test
    void theHealthIndicatorPingsTheDatabase() {
        contexts.withPropertyValues("trustgov.mongodb.embedded.persistent=false")
                .run(context -> assertThat(context.getBean(MongoPingHealthIndicator.class)
                                .health(true)
                                .getStatus()
                                .getCode())
                        .isEqualTo("UP"));
    }

    @Test
    void aConfiguredUriMeansNoEmbeddedServer() {
        contexts.withPropertyValues("spring.mongodb.uri=mongodb://db.example.internal:27017/policy")
                .run(context -> {
                    assertThat(context).doesNotHaveBean(MongoServer.class);
                    assertThat(context.getBean(MongoConnectionDetails.class)
                                    .getConnectionString()
                                    .getHosts())
                            .containsExactly("db.example.internal:27017");
                });
    }

    @Test
    void withoutTheExplicitSwitchNoEmbeddedServerStarts() {
        contexts.withPropertyValues("trustgov.mongodb.embedded.enabled=false")
                .run(context -> assertThat(context).doesNotHaveBean(MongoServer.class));
    }
}
