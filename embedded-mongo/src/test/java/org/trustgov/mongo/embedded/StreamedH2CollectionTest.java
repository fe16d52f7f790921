package org.trustgov.mongo.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mongodb.client.FindIterable;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoCursor;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Finds read a batch at a time from the durable store ({@link StreamedH2Collection}) answer what the stock in-memory
 * server answers, for filters, skips, limits, batch sizes and projections, and read only what a batch needs.
 */
class StreamedH2CollectionTest {

    private static final int STORED = 2_500;

    @TempDir
    Path data;

    private final List<MongoServer> servers = new ArrayList<>();
    private final List<MongoClient> clients = new ArrayList<>();
    private CompactableH2Backend durable;
    private MongoCollection<Document> onFile;
    private MongoCollection<Document> inMemory;

    @BeforeEach
    void twoStoresWithTheSameDocuments() {
        durable = new CompactableH2Backend(data.resolve("audit.mv"), false);
        onFile = entries(durable);
        inMemory = entries(new MemoryBackend());
        List<Document> written = new ArrayList<>();
        for (int i = 1; i <= STORED; i++) {
            written.add(new Document("_id", (long) i)
                    .append("ward", "W" + (i % 7))
                    .append("n", i)
                    .append("note", new Document("text", "entry " + i).append("length", i % 13)));
        }
        onFile.insertMany(written);
        inMemory.insertMany(written);
    }

    @AfterEach
    void close() {
        clients.forEach(MongoClient::close);
        servers.forEach(MongoServer::shutdownNow);
    }

    private MongoCollection<Document> entries(MongoBackend backend) {
        MongoServer server = new MongoServer(backend);
        server.bind("127.0.0.1", 0);
        servers.add(server);
        MongoClient client = MongoClients.create(
                "mongodb://127.0.0.1:" + server.getLocalAddress().getPort());
        clients.add(client);
        return client.getDatabase("audit").getCollection("entries");
    }

    @Test
    void longListsOfStringsMatchAsTheStockServerMatchesThemInFindsUpdatesAndDeletes() {
        List<Document> odd = new ArrayList<>();
        List<Object> values =
                List.of("p1", "p2", "q1", 7, 7L, 7.0, List.of("p1", "z"), List.of(), new Document("p", 1));
        for (int i = 0; i < 40; i++) {
            Document document = new Document("_id", 10_000L + i).append("ward", "W" + (i % 3));
            if (i % 10 != 9) { // and some without the field
                document.append("who", values.get(i % values.size()));
            }
            odd.add(document);
        }
        odd.add(new Document("_id", 20_000L).append("who", null));
        onFile.insertMany(odd);
        inMemory.insertMany(odd);
        List<Object> listed = new ArrayList<>(List.of("p1", "q1", "W1", "W4"));
        for (int i = 0; listed.size() < 2 * StringListsAsSets.SHORTEST; i++) {
            listed.add("absent-" + i);
        }
        List<Object> withANumber = new ArrayList<>(listed);
        withANumber.add(7);
        List<Bson> filters = List.of(
                Filters.in("who", listed),
                Filters.nin("who", listed),
                Filters.in("ward", listed),
                Filters.nin("ward", listed),
                Filters.and(Filters.eq("ward", "W1"), Filters.in("who", listed)),
                Filters.and(Filters.nin("ward", listed), Filters.nin("who", listed)),
                Filters.in("who", withANumber),
                Filters.nin("who", withANumber),
                Filters.in("_id", List.of(10_001L, 10_002L, 3L)));
        for (int i = 0; i < filters.size(); i++) {
            Bson filter = filters.get(i);
            assertThat(onFile.find(filter).batchSize(5).into(new ArrayList<>()))
                    .as("find %d", i)
                    .containsExactlyElementsOf(inMemory.find(filter).into(new ArrayList<>()));
        }
        for (MongoCollection<Document> store : List.of(onFile, inMemory)) {
            store.updateMany(Filters.nin("who", listed), new Document("$set", new Document("seen", true)));
            store.deleteMany(Filters.in("who", listed));
        }
        assertThat(onFile.find().into(new ArrayList<>()))
                .as("after the update and the delete")
                .containsExactlyElementsOf(inMemory.find().into(new ArrayList<>()));
    }

    @Test
    void everyKindOfFindAnswersWhatTheStockServerAnswers() {
        List<Function<MongoCollection<Document>, FindIterable<Document>>> finds = List.of(
                c -> c.find(),
                c -> c.find(Filters.eq("ward", "W3")),
                c -> c.find().limit(300),
                c -> c.find().limit(-200),
                c -> c.find().sort(new Document("n", -1)),
                c -> c.find().batchSize(100),
                c -> c.find().batchSize(1),
                c -> c.find().batchSize(STORED),
                c -> c.find().batchSize(STORED + 1),
                c -> c.find(Filters.eq("ward", "W3")).batchSize(7),
                c -> c.find(Filters.gte("_id", 2_000L)).batchSize(64),
                c -> c.find(Filters.eq("ward", "none")).batchSize(10),
                c -> c.find().skip(5).limit(250).batchSize(100),
                c -> c.find().limit(100).batchSize(100),
                c -> c.find().limit(101).batchSize(100),
                c -> c.find().limit(99).batchSize(100),
                c -> c.find(Filters.eq("ward", "W1")).skip(300).limit(50).batchSize(20),
                c -> c.find().skip(STORED).batchSize(10),
                c -> c.find().skip(STORED - 3).batchSize(2),
                c -> c.find().projection(Projections.include("n", "note.text")).batchSize(50),
                c -> c.find(Filters.lt("n", 40))
                        .projection(Projections.exclude("note"))
                        .batchSize(9),
                c -> c.find().sort(new Document("n", -1)).limit(30).batchSize(10),
                c -> c.find().sort(new Document("n", -1)).limit(1),
                c -> c.find().sort(new Document("_id", 1)).limit(1),
                c -> c.find(Filters.gte("_id", 7L)).sort(new Document("_id", 1)).limit(3),
                c -> c.find().sort(new Document("ward", 1)).limit(20),
                c -> c.find().sort(new Document("ward", -1)).skip(10).limit(15),
                c -> c.find()
                        .sort(new Document("ward", 1).append("n", -1))
                        .limit(50)
                        .batchSize(7),
                c -> c.find().sort(new Document("note.length", 1)).limit(40),
                c -> c.find().sort(new Document("missing", 1)).limit(5),
                c -> c.find(Filters.eq("ward", "W5"))
                        .sort(new Document("n", 1))
                        .skip(3)
                        .limit(4),
                c -> c.find(Filters.eq("ward", "none"))
                        .sort(new Document("n", 1))
                        .limit(4),
                c -> c.find().sort(new Document("n", 1)).limit(STORED + 10),
                c -> c.find().sort(new Document("$natural", -1)).limit(5),
                c -> c.find()
                        .sort(new Document("ward", 1))
                        .projection(Projections.include("ward"))
                        .limit(12));
        for (int i = 0; i < finds.size(); i++) {
            List<Document> expected = finds.get(i).apply(inMemory).into(new ArrayList<>());
            assertThat(finds.get(i).apply(onFile).into(new ArrayList<>()))
                    .as("find %d", i)
                    .isNotNull()
                    .containsExactlyElementsOf(expected);
        }
        assertThat(onFile.find(Filters.eq("ward", "W3")).batchSize(7).into(new ArrayList<>()))
                .hasSize(357);
    }

    @Test
    void likeAMongoDbCursorItFindsWhatIsStoredAheadOfItAndNotWhatIsRemovedBeforeItsTurn() {
        Bson wardThree = Filters.eq("ward", "W3");
        List<Long> seen = new ArrayList<>();
        try (MongoCursor<Document> cursor = onFile.find(wardThree).batchSize(10).iterator()) {
            for (int i = 0; i < 10; i++) {
                seen.add(cursor.next().getLong("_id"));
            }
            onFile.deleteOne(Filters.eq("_id", 2_488L)); // the last of ward 3 but one (3, 10, 17, ...)
            onFile.insertOne(new Document("_id", 9_999L).append("ward", "W3"));
            onFile.insertOne(new Document("_id", 0L).append("ward", "W3")); // behind it: not found
            cursor.forEachRemaining(d -> seen.add(d.getLong("_id")));
        }
        assertThat(seen)
                .doesNotContain(2_488L, 0L)
                .endsWith(2_481L, 2_495L, 9_999L)
                .hasSize(357);
    }

    @Test
    void writersWaitingForTheCollectionAreLetInBetweenTheTurnsOfALongFind() throws Exception {
        // 100,000 more documents, none of which the find matches: it examines every one, in about a hundred turns.
        List<Document> more = new ArrayList<>();
        for (long i = 10_001; i <= 110_000; i++) {
            more.add(new Document("_id", i).append("ward", "W" + (i % 7)));
            if (more.size() == 10_000) {
                onFile.insertMany(more);
                more.clear();
            }
        }
        StreamedH2Collection stored =
                (StreamedH2Collection) durable.resolveDatabase("audit").resolveCollection("entries", true);
        int writers = 8;
        ExecutorService threads = Executors.newFixedThreadPool(1 + writers);
        try {
            long started = System.nanoTime();
            Future<List<Document>> found =
                    threads.submit(() -> onFile.find(Filters.eq("ward", "late")).into(new ArrayList<>()));
            await().pollDelay(Duration.ZERO)
                    .pollInterval(Duration.ofMillis(1))
                    .atMost(Duration.ofSeconds(10))
                    .until(() ->
                            Thread.getAllStackTraces().values().stream().anyMatch(StreamedH2CollectionTest::examining));
            // Each writer stores a document beyond every stored key, then waits for the find's answer for at most a
            // millisecond (a service's writes come in one at a time, not back to back), until the find has answered.
            List<Future<Integer>> written = new ArrayList<>();
            for (int w = 1; w <= writers; w++) {
                long firstKey = 1_000_000L * w;
                written.add(threads.submit(() -> {
                    int n = 0;
                    while (!found.isDone()) {
                        stored.insertDocuments(
                                List.of(new de.bwaldvogel.mongo.bson.Document("_id", firstKey + n++)
                                        .append("ward", "late")),
                                true);
                        try {
                            found.get(1, TimeUnit.MILLISECONDS);
                        } catch (java.util.concurrent.TimeoutException stillFinding) {
                            // the next write
                        }
                    }
                    return n;
                }));
            }
            List<Long> ids = found.get(30, TimeUnit.SECONDS).stream()
                    .map(d -> d.getLong("_id"))
                    .toList();
            long answered = System.nanoTime();
            int writes = 0;
            for (Future<Integer> writer : written) {
                writes += writer.get(30, TimeUnit.SECONDS);
            }
            System.out.printf(
                    "turns: the find answered after %d ms and found %d of the %d documents %d writers stored meanwhile, from writers %s%n",
                    (answered - started) / 1_000_000,
                    ids.size(),
                    writes,
                    writers,
                    ids.stream().map(id -> id / 1_000_000L).distinct().sorted().toList());
            // Stored beyond every key the find had examined, a writer's document is found only if it was let in
            // while the find was still examining: holding the collection for the whole find, the store let no
            // writer in before it answered.
            assertThat(ids.stream().map(id -> id / 1_000_000L).distinct().sorted())
                    .as("the writers whose documents the find found")
                    .containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L);
            // Between two turns every writer waiting is let in (8 a turn here, about 1,000 writes); a find that only
            // lets the collection go takes it back before most of them wake (about one a turn: 98 and 138 writes in
            // two runs).
            long turns = (STORED + 100_000) / StreamedH2Collection.EXAMINED_PER_TURN;
            assertThat(writes)
                    .as("writes answered while the find took %d turns", turns)
                    .isGreaterThanOrEqualTo((int) (3 * turns));
        } finally {
            threads.shutdownNow();
        }
    }

    /** A thread of the server is examining stored documents for a find. */
    static boolean examining(StackTraceElement[] stack) {
        return java.util.Arrays.stream(stack)
                .anyMatch(frame -> frame.getClassName().startsWith(StreamedH2Collection.class.getName())
                        && frame.getMethodName().equals("takeDocuments"));
    }

    @Test
    void aFindThatNamesNoBatchSizeIsAnsweredInBatchesAsMongoDbAnswersIt() {
        try (MongoCursor<Document> cursor = onFile.find().iterator()) {
            cursor.next();
            assertThat(cursor.available()).as("the rest of the first batch").isEqualTo(100);
            for (int i = 0; i < 100; i++) {
                cursor.next();
            }
            cursor.next();
            assertThat(cursor.available()).as("the rest of the second batch").isEqualTo(499);
        }
        try (MongoCursor<Document> oneBatch = onFile.find().limit(-300).iterator()) {
            oneBatch.next();
            assertThat(oneBatch.available()).as("a single batch asked for").isEqualTo(299);
        }
    }

    @Test
    void aQueryOnAnIdAndMoreLooksAtThatDocumentOnlyAndAnswersAsTheStockServer() {
        // What Spring Data sends to save a versioned document: the id and the version it read.
        for (MongoCollection<Document> store : List.of(onFile, inMemory)) {
            assertThat(store.updateOne(
                                    new Document("_id", 7L).append("n", 7),
                                    new Document("$set", new Document("ward", "X")))
                            .getModifiedCount())
                    .isEqualTo(1);
            assertThat(store.updateOne(
                                    new Document("_id", 7L).append("n", 8),
                                    new Document("$set", new Document("ward", "Y")))
                            .getMatchedCount())
                    .as("another version")
                    .isZero();
            assertThat(store.find(new Document("_id", 9L).append("ward", "W2")).into(new ArrayList<>()))
                    .hasSize(1);
            assertThat(store.find(new Document("_id", 9L).append("ward", "W3")).first())
                    .isNull();
            assertThat(store.find(new Document("_id", 99_999L).append("n", 1)).first())
                    .isNull();
            assertThat(store.deleteOne(new Document("_id", 11L).append("n", 11)).getDeletedCount())
                    .isEqualTo(1);
            // Ids matched by a pattern or a list are many: not narrowed to one.
            store.insertMany(List.of(
                    new Document("_id", "SMB-1").append("ward", "A"),
                    new Document("_id", "SMB-2").append("ward", "A"),
                    new Document("_id", "TR-1").append("ward", "A")));
            assertThat(store.countDocuments(
                            new Document("_id", java.util.regex.Pattern.compile("^SMB-")).append("ward", "A")))
                    .isEqualTo(2);
            assertThat(store.countDocuments(
                            new Document("_id", new Document("$in", List.of("SMB-1", "TR-1"))).append("ward", "A")))
                    .isEqualTo(2);
        }
        assertThat(onFile.find(new Document("_id", 7L)).first())
                .isEqualTo(inMemory.find(new Document("_id", 7L)).first());
        assertThat(onFile.countDocuments()).isEqualTo(inMemory.countDocuments());

        StreamedH2Collection stored =
                (StreamedH2Collection) durable.resolveDatabase("audit").resolveCollection("entries", true);
        de.bwaldvogel.mongo.bson.Document byIdAndMore =
                new de.bwaldvogel.mongo.bson.Document("_id", 12L).append("n", 12);
        de.bwaldvogel.mongo.bson.Document scanned = new de.bwaldvogel.mongo.bson.Document("n", 12);
        stored.queryDocuments(byIdAndMore, null, 0, 0, 0, null); // the code paths loaded once
        stored.queryDocuments(scanned, null, 0, 0, 0, null);
        long narrowed =
                DurableH2BackendTest.allocatedWhile(() -> stored.queryDocuments(byIdAndMore, null, 0, 0, 0, null));
        long all = DurableH2BackendTest.allocatedWhile(() -> stored.queryDocuments(scanned, null, 0, 0, 0, null));
        assertThat(narrowed)
                .as(
                        "bytes allocated finding one id and a field (%d) against the field alone among %d (%d)",
                        narrowed, STORED, all)
                .isLessThan(all / 10);
    }

    @Test
    void aFirstBatchReadsOnlyWhatItNeeds() {
        StreamedH2Collection stored =
                (StreamedH2Collection) durable.resolveDatabase("audit").resolveCollection("entries", true);
        de.bwaldvogel.mongo.bson.Document everything = new de.bwaldvogel.mongo.bson.Document();
        stored.matchDocuments(everything, null, 0, 0, 100, null); // the code paths loaded once
        long first =
                DurableH2BackendTest.allocatedWhile(() -> stored.matchDocuments(everything, null, 0, 0, 100, null));
        long all =
                DurableH2BackendTest.allocatedWhile(() -> stored.matchDocuments(everything, null, 0, 0, STORED, null));
        assertThat(first)
                .as("bytes allocated for a first batch of 100 (%d) against all %d in one (%d)", first, STORED, all)
                .isLessThan(all / 10);
    }
}
