package org.trustgov.audit.log.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.mongodb.autoconfigure.MongoConnectionDetails;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.trustgov.audit.AuditServiceApplication;
import org.trustgov.keycloak.test.TestTokens;
import org.trustgov.test.IntegrationTest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The chain under concurrent appends from 16 threads in two service instances sharing one database (this one and
 * a second started on the first one's MongoDB), then tamper detection and idempotent event delivery over HTTP.
 */
@IntegrationTest
class AuditLogConcurrencyTest {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final String AUDITOR = TestTokens.person("taylor.auditor", "10000006", "Internal Audit", "auditor");
    static ConfigurableApplicationContext second;

    @LocalServerPort
    int port;

    @Autowired
    AuditLog log;

    @Autowired
    ChainVerifier verifier;

    @Autowired
    MongoTemplate mongo;

    @Autowired
    MongoConnectionDetails mongoConnection;

    private final HttpClient http = HttpClient.newHttpClient();

    @Autowired
    org.trustgov.audit.log.tree.AuditTree tree;

    /**
     * An empty log, and with it an empty tree and no checkpoint: a tree left over that the emptied log no longer
     * matches would hand the tests that run after this one proofs of other entries.
     */
    @BeforeEach
    void emptyLog() {
        synchronized (tree) { // no integration meanwhile (integrate is synchronized on the tree)
            mongo.remove(new Query(), AuditEntry.class);
            mongo.remove(new Query(), org.trustgov.audit.log.tree.MerkleNode.class);
            mongo.remove(new Query(), org.trustgov.audit.log.tree.MerkleTreeState.class);
            mongo.remove(new Query(), org.trustgov.audit.log.checkpoints.Checkpoint.class);
            log.forgetHead();
        }
    }

    @AfterAll
    static void stopSecond() {
        if (second != null) {
            second.close();
            second = null;
        }
    }

    @Test
    void sixteenWritersInTwoInstancesNeverForkRepeatOrSkipANumber() throws Exception {
        // Command-line arguments: they outrank application.yml, where the URI is empty (embedded server).
        second = new SpringApplicationBuilder(AuditServiceApplication.class)
                .profiles("test")
                .run("--server.port=0", "--spring.mongodb.uri=" + mongoConnection.getConnectionString());
        assertThat(second.getBean(MongoTemplate.class).getDb().getName())
                .isEqualTo(mongo.getDb().getName());
        assertThat(second.getBeansOfType(de.bwaldvogel.mongo.MongoServer.class))
                .as("no embedded server of its own")
                .isEmpty();
        AuditLog other = second.getBean(AuditLog.class);
        int perWriter = 100;
        ExecutorService pool = Executors.newFixedThreadPool(16);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<List<Long>>> writers = new ArrayList<>();
        for (int w = 0; w < 16; w++) {
            AuditLog target = w % 2 == 0 ? log : other;
            int writer = w;
            writers.add(pool.submit(() -> {
                go.await();
                List<Long> sequences = new ArrayList<>();
                for (int i = 0; i < perWriter; i++) {
                    sequences.add(target.append(AuditRecord.of(
                                    "staff:1000000" + (writer % 9), "test.append", "writer-" + writer, Map.of("i", i)))
                            .entry()
                            .getSequence());
                }
                return sequences;
            }));
        }
        go.countDown();
        Set<Long> seen = new HashSet<>();
        for (Future<List<Long>> writer : writers) {
            for (long sequence : writer.get()) {
                assertThat(seen.add(sequence))
                        .as("sequence %d handed out twice", sequence)
                        .isTrue();
            }
        }
        pool.shutdown();

        assertThat(seen).hasSize(16 * perWriter);
        assertThat(seen.stream().mapToLong(Long::longValue).max().orElseThrow())
                .as("no gap")
                .isEqualTo(16 * perWriter);
        assertThat(mongo.count(new Query(), AuditEntry.class)).isEqualTo(16 * perWriter);
        JsonNode verification = verify("");
        assertThat(verification.get("intact").asBoolean())
                .as(verification.toString())
                .isTrue();
        assertThat(verification.get("checked").asLong()).isEqualTo(16 * perWriter);
        assertThat(verification.get("head").get("sequence").asLong()).isEqualTo(16 * perWriter);
        // Stopped here, not after the class: the next test empties the log, and a second instance still running
        // would go on integrating the emptied log into its tree with what it remembers of the old one.
        stopSecond();
    }

    @Test
    void theSameEventsDeliveredByManyThreadsAtOnceAreEachAppendedOnceInGroups() throws Exception {
        List<String> eventIds = new ArrayList<>();
        for (int e = 0; e < 8; e++) {
            eventIds.add(UUID.randomUUID().toString());
        }
        ExecutorService pool = Executors.newFixedThreadPool(32);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<AuditLog.Appended>> deliveries = new ArrayList<>();
        for (int t = 0; t < 32; t++) {
            String eventId = eventIds.get(t % eventIds.size());
            deliveries.add(pool.submit(() -> {
                go.await();
                return log.append(new AuditRecord(
                        "staff:10000004",
                        "policy.version.published",
                        "SM-001/1." + eventIds.indexOf(eventId),
                        Map.of(),
                        "policy-service",
                        eventId));
            }));
        }
        go.countDown();
        Map<String, Set<Long>> sequencesByEvent = new java.util.HashMap<>();
        int created = 0;
        for (Future<AuditLog.Appended> delivery : deliveries) {
            AuditLog.Appended appended = delivery.get();
            sequencesByEvent
                    .computeIfAbsent(appended.entry().getEventId(), id -> new HashSet<>())
                    .add(appended.entry().getSequence());
            created += appended.created() ? 1 : 0;
        }
        pool.shutdown();

        assertThat(created).as("each event created once").isEqualTo(8);
        assertThat(sequencesByEvent).hasSize(8);
        assertThat(sequencesByEvent.values())
                .allSatisfy(sequences -> assertThat(sequences)
                        .as("every delivery answered with one entry")
                        .hasSize(1));
        assertThat(mongo.count(new Query(), AuditEntry.class)).isEqualTo(8);
        assertThat(verify("").get("intact").asBoolean()).isTrue();
    }

    @Test
    void aRecordThatCannotBeHashedFailsAloneAndTheOthersInItsGroupAreAppended() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(16);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<AuditLog.Appended>> appends = new ArrayList<>();
        for (int t = 0; t < 16; t++) {
            String text = t == 7 ? "lone surrogate \uD800" : "fine " + t;
            appends.add(pool.submit(() -> {
                go.await();
                return log.append(
                        AuditRecord.of("staff:10000004", "incident.noted", "SMB-2026-000001", Map.of("text", text)));
            }));
        }
        go.countDown();
        int appended = 0;
        for (int t = 0; t < 16; t++) {
            if (t == 7) {
                int index = t;
                assertThatThrownBy(() -> appends.get(index).get()).hasCauseInstanceOf(IllegalArgumentException.class);
            } else {
                appends.get(t).get();
                appended++;
            }
        }
        pool.shutdown();
        assertThat(appended).isEqualTo(15);
        assertThat(mongo.count(new Query(), AuditEntry.class)).isEqualTo(15);
        JsonNode verification = verify("");
        assertThat(verification.get("intact").asBoolean())
                .as(verification.toString())
                .isTrue();
        assertThat(verification.get("head").get("sequence").asLong())
                .as("no number spent on it")
                .isEqualTo(15);
    }

    @Test
    void anAppendedEntryIsStoredAsTheTemplateWouldWriteItAndReadsBackToItsHash() {
        Map<String, Object> details = new java.util.LinkedHashMap<>();
        details.put("status", "TRIAGED");
        details.put("clauses", List.of("4.2", "7.1"));
        details.put("score", 2.5);
        details.put("nested", Map.of("ward", "B \"east\"", "count", 3L));
        AuditEntry appended = log.append(new AuditRecord(
                        "staff:10000004", "incident.triaged", "SMB-2026-000042", details, "training", "evt-1"))
                .entry();

        org.bson.Document stored = mongo.getCollection("audit_log")
                .find(new org.bson.Document("_id", appended.getSequence()))
                .first();
        org.bson.Document asTheTemplateWritesIt = new org.bson.Document();
        mongo.getConverter().write(appended, asTheTemplateWritesIt);
        assertThat(stored).isEqualTo(asTheTemplateWritesIt);
        AuditEntry readBack = mongo.findById(appended.getSequence(), AuditEntry.class);
        assertThat(readBack.computeHash())
                .as("the hash made in two steps is the one verification recomputes whole")
                .isEqualTo(appended.getHash())
                .isEqualTo(readBack.getHash());
    }

    @Test
    void aChangeDeepInALongLogIsNamedWhileLaterBatchesAreStillBeingReadAndAFieldOfAnotherTypeIsAChange()
            throws Exception {
        int entries = ChainVerifier.HASHED_BATCH * 3 + 17;
        for (int i = 0; i < entries; i++) {
            log.append(AuditRecord.of("staff:10000004", "incident.noted", "SMB-2026-000002", Map.of("i", i)));
        }
        ChainVerifier.Verification whole = verifier.verifyRange(1, null);
        assertThat(whole.intact()).isTrue();
        assertThat(whole.checked()).isEqualTo(entries);
        assertThat(whole.head().sequence()).isEqualTo(entries);
        // The same log checked in two halves at once, as a long log is.
        ChainVerifier halves = new ChainVerifier(mongo, log, ChainVerifier.MAX_RANGE, 1_000);
        ChainVerifier.Verification inHalves = halves.verifyRange(1, null);
        assertThat(inHalves.intact()).isTrue();
        assertThat(inHalves.checked()).isEqualTo(entries);
        assertThat(inHalves.head().sequence()).isEqualTo(entries);
        assertThat(halves.verifyRange(3, (long) entries - 2).checked()).isEqualTo(entries - 4);

        long changed = ChainVerifier.HASHED_BATCH + 5;
        Object storedActor = mongo.getCollection("audit_log")
                .find(new org.bson.Document("_id", changed))
                .first()
                .get("actor"); // sealed, as every actor is
        mongo.getCollection("audit_log")
                .updateOne(
                        new org.bson.Document("_id", changed),
                        new org.bson.Document("$set", new org.bson.Document("actor", 10000005)));

        for (ChainVerifier checking : List.of(verifier, halves)) {
            ChainVerifier.Verification broken = checking.verifyRange(1, null);
            assertThat(broken.intact()).isFalse();
            assertThat(broken.firstBroken().sequence()).isEqualTo(changed);
            assertThat(broken.firstBroken().reason()).contains("content does not match its hash");
            assertThat(broken.checked()).isEqualTo(changed - 1);
        }
        // A second change, in the second half: the first half's is still the first break; once that one is put
        // back, the second half's is.
        long later = entries - 10;
        mongo.getCollection("audit_log")
                .updateOne(
                        new org.bson.Document("_id", later),
                        new org.bson.Document("$set", new org.bson.Document("action", "incident.closed")));
        assertThat(halves.verifyRange(1, null).firstBroken().sequence()).isEqualTo(changed);
        mongo.getCollection("audit_log")
                .updateOne(
                        new org.bson.Document("_id", changed),
                        new org.bson.Document("$set", new org.bson.Document("actor", storedActor)));
        ChainVerifier.Verification secondHalf = halves.verifyRange(1, null);
        assertThat(secondHalf.firstBroken().sequence()).isEqualTo(later);
        assertThat(secondHalf.checked()).isEqualTo(later - 1);
        // Put back, the log verifies again (the tests after this one append to it).
        mongo.getCollection("audit_log")
                .updateOne(
                        new org.bson.Document("_id", later),
                        new org.bson.Document("$set", new org.bson.Document("action", "incident.noted")));
        assertThat(halves.verifyRange(1, null).intact()).isTrue();
    }

    @Test
    void theHeadIsFoundByKeyFromTheTreesSizeAndTheNewestEntriesAreTheLastOnes() {
        for (int i = 0; i < 12; i++) {
            log.append(AuditRecord.of("staff:10000004", "incident.noted", "SMB-2026-000001", Map.of("i", i)));
        }
        synchronized (tree) {
            tree.integrate();
        }
        assertThat(tree.size()).isEqualTo(12);
        for (int i = 12; i < 19; i++) { // past the tree's size: found by the numbers after it
            log.append(AuditRecord.of("staff:10000004", "incident.noted", "SMB-2026-000001", Map.of("i", i)));
        }
        log.forgetHead(); // as after a restart: the head is read from the store

        assertThat(log.readHead().getSequence()).isEqualTo(19);
        assertThat(log.newest(5))
                .extracting(AuditEntry::getSequence)
                .containsExactlyInAnyOrder(15L, 16L, 17L, 18L, 19L);
        assertThat(log.newest(1_000)).hasSize(19);
        AuditEntry next = log.append(AuditRecord.of("staff:10000004", "incident.noted", "SMB-2026-000001", Map.of()))
                .entry();
        assertThat(next.getSequence()).isEqualTo(20);
        assertThat(next.getPreviousHash())
                .isEqualTo(mongo.findById(19L, AuditEntry.class).getHash());

        // A log the tree does not describe (emptied under the service, as tests do): its highest number, read afresh.
        mongo.remove(new Query(), AuditEntry.class);
        log.forgetHead();
        assertThat(log.readHead()).isNull();
        assertThat(log.newest(5)).isEmpty();
    }

    @Test
    void changingOneByteOfAStoredEntryIsNamedByVerify() throws Exception {
        for (int i = 0; i < 10; i++) {
            log.append(AuditRecord.of("staff:10000004", "incident.noted", "SMB-2026-000001", Map.of("i", i)));
        }
        assertThat(verify("").get("intact").asBoolean()).isTrue();
        // A range past the log's end has nothing to check: no entry before it is missing, none was ever written.
        for (String pastTheEnd : List.of("?from=12", "?from=1000&to=2000", "?from=" + Long.MAX_VALUE)) {
            JsonNode nothing = verify(pastTheEnd);
            assertThat(nothing.get("intact").asBoolean())
                    .as(pastTheEnd + ": " + nothing)
                    .isTrue();
            assertThat(nothing.get("checked").asLong()).isZero();
            assertThat(nothing.get("firstBroken").isNull()).isTrue();
        }
        // Entries 4 and 5 stored again the other way round: read in stored order first, verify goes on by number
        // from entry 4 and still finds every link.
        AuditEntry fourth = mongo.findById(4L, AuditEntry.class);
        AuditEntry fifth = mongo.findById(5L, AuditEntry.class);
        mongo.remove(query(where("_id").in(4L, 5L)), AuditEntry.class);
        mongo.insert(fifth);
        mongo.insert(fourth);
        assertThat(mongo.find(new Query(), AuditEntry.class).stream()
                        .map(AuditEntry::getSequence)
                        .toList())
                .as("stored out of order")
                .containsSubsequence(5L, 4L);
        JsonNode reordered = verify("");
        assertThat(reordered.get("intact").asBoolean()).as(reordered.toString()).isTrue();
        assertThat(reordered.get("checked").asLong()).isEqualTo(10);
        // A range from entry 1 is read without a filter, as many entries as it holds: it stops at its end, before
        // the entries stored out of order, or goes on by number from them.
        JsonNode firstThree = verify("?from=1&to=3");
        assertThat(firstThree.get("checked").asLong()).isEqualTo(3);
        assertThat(firstThree.get("head").get("sequence").asLong()).isEqualTo(3);
        JsonNode firstEight = verify("?from=1&to=8");
        assertThat(firstEight.get("intact").asBoolean())
                .as(firstEight.toString())
                .isTrue();
        assertThat(firstEight.get("checked").asLong()).isEqualTo(8);
        assertThat(firstEight.get("head").get("sequence").asLong()).isEqualTo(8);

        mongo.updateFirst(query(where("_id").is(7L)), new Update().set("actor", "staff:10000005"), AuditEntry.class);

        JsonNode verification = verify("");
        assertThat(verification.get("intact").asBoolean()).isFalse();
        assertThat(verification.get("firstBroken").get("sequence").asLong()).isEqualTo(7);
        assertThat(verification.get("firstBroken").get("reason").asString())
                .contains("content does not match its hash");
        assertThat(verification.get("head").get("sequence").asLong())
                .as("the last good entry")
                .isEqualTo(6);
        assertThat(verify("?from=8&to=10").get("intact").asBoolean())
                .as("a range after it still links")
                .isTrue();

        mongo.remove(query(where("_id").is(9L)), AuditEntry.class);
        assertThat(verify("?from=8").get("firstBroken").get("reason").asString())
                .contains("entry 9 is missing");
        JsonNode afterTheGap = verify("?from=10");
        assertThat(afterTheGap.get("intact").asBoolean())
                .as("a range starting after a missing entry, before the last one, is not past the end")
                .isFalse();
        assertThat(afterTheGap.get("firstBroken").get("reason").asString()).contains("entry 9 is missing");
    }

    @Test
    void anEventDeliveredTwiceIsAppendedOnceAndOnlyServicesMaySendEvents() throws Exception {
        String service = TestTokens.serviceAccount("policy-service", "service");
        String event = JSON.writeValueAsString(Map.of(
                "eventId",
                UUID.randomUUID().toString(),
                "source",
                "policy-service",
                "occurredAt",
                "2026-11-24T10:00:00Z",
                "actor",
                "staff:10000004",
                "action",
                "policy.version.published",
                "target",
                "SM-001/1.1",
                "details",
                Map.of("contentHash", "sha256:abc")));

        HttpResponse<String> first = post(event, service);
        HttpResponse<String> again = post(event, service);

        assertThat(first.statusCode()).as(first.body()).isEqualTo(201);
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(again.body()).get("sequence").asLong())
                .isEqualTo(JSON.readTree(first.body()).get("sequence").asLong());
        assertThat(JSON.readTree(again.body()).get("created").asBoolean()).isFalse();
        assertThat(mongo.count(new Query(), AuditEntry.class)).isEqualTo(1);
        assertThat(post(event, TestTokens.person("alex.nurse", "10000001", "Acute Medicine", "staff"))
                        .statusCode())
                .isEqualTo(403);
        assertThat(post(event, TestTokens.serviceAccount("training-service", "service"))
                        .statusCode())
                .as("a service may not speak for another")
                .isEqualTo(400);
        HttpResponse<String> bad = post(event.replace("policy.version.published", "Policy Published!"), service);
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("action");
        assertThat(get("/api/audit/log", TestTokens.person("alex.nurse", "10000001", "Acute Medicine", "staff"))
                        .statusCode())
                .isEqualTo(403);
        assertThat(get("/api/audit/log", AUDITOR).body()).contains("policy.version.published");
        assertThat(get("/api/audit/log?from=2&size=1000", AUDITOR).body()).isEqualTo("[]");
        HttpResponse<String> farAhead = get("/api/audit/log?from=" + Long.MAX_VALUE + "&size=1000", AUDITOR);
        assertThat(farAhead.statusCode()).isEqualTo(200);
        assertThat(farAhead.body()).isEqualTo("[]");
    }

    @Test
    void aLongRangeIsVerifiedAPageAtATimeAndTheWholeLogByAJobOffTheRequestThreads() throws Exception {
        for (int i = 0; i < 12; i++) {
            log.append(AuditRecord.of("staff:10000004", "incident.note-added", "SMB-2026-000001", Map.of("n", i)));
        }
        ChainVerifier paged = new ChainVerifier(mongo, log, 5);

        ChainVerifier.Verification first = paged.verify(1, null);
        assertThat(first.intact()).isTrue();
        assertThat(first.complete()).isFalse();
        assertThat(first.checked()).isEqualTo(5);
        assertThat(first.continueFrom()).isEqualTo(6);
        ChainVerifier.Verification last = paged.verify(11, null);
        assertThat(last.complete()).isTrue();
        assertThat(last.head().sequence()).isEqualTo(12);

        HttpResponse<String> started = http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/audit/log/verifications"))
                        .header("Authorization", "Bearer " + AUDITOR)
                        .POST(HttpRequest.BodyPublishers.noBody())
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(started.statusCode()).isEqualTo(202);
        String job = JSON.readTree(started.body()).get("id").asString();
        Awaitility.await()
                .atMost(Duration.ofSeconds(20))
                .until(() -> JSON.readTree(get("/api/audit/log/verifications/" + job, AUDITOR)
                                .body())
                        .get("state")
                        .asString()
                        .equals("DONE"));
        JsonNode result = JSON.readTree(
                        get("/api/audit/log/verifications/" + job, AUDITOR).body())
                .get("result");
        assertThat(result.get("intact").asBoolean()).isTrue();
        assertThat(result.get("checked").asLong()).isEqualTo(12);
        assertThat(get(
                                "/api/audit/log/verifications/" + job,
                                TestTokens.person("alex.nurse", "10000001", "Acute Medicine", "staff"))
                        .statusCode())
                .isEqualTo(403);
    }

    private JsonNode verify(String query) throws Exception {
        HttpResponse<String> response = get("/api/audit/log/verify" + query, AUDITOR);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private HttpResponse<String> get(String path, String token) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                        .header("Authorization", "Bearer " + token)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String body, String token) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/audit/events"))
                        .header("Authorization", "Bearer " + token)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
