package org.trustgov.audit.log.tree;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.client.WireMock;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.trustgov.audit.log.chain.AuditEntry;
import org.trustgov.audit.log.chain.AuditLog;
import org.trustgov.audit.log.chain.AuditRecord;
import org.trustgov.audit.log.checkpoints.Checkpoint;
import org.trustgov.audit.log.checkpoints.Checkpoints;
import org.trustgov.keycloak.test.TestTokens;
import org.trustgov.test.IntegrationTest;
import org.trustgov.test.OtherServices;
import org.trustgov.transparency.MerkleTree;
import org.trustgov.transparency.SignedNotes;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The stored tree over the real log: its root is the RFC 6962 root of the entries' hashes, entries appended later
 * are integrated, and the proofs served over HTTP verify with RFC 9162's algorithms (what an auditor runs offline).
 */
@IntegrationTest
class AuditTreeTest {

    private static final String AUDITOR = TestTokens.person("taylor.auditor", "10000006", "Internal Audit", "auditor");
    private static final String NURSE = TestTokens.person("alex.nurse", "10000001", "Acute Medicine", "staff");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    @Autowired
    AuditLog log;

    @Autowired
    AuditTree tree;

    @Autowired
    MongoTemplate mongo;

    @Autowired
    Checkpoints checkpoints;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void theNodesWrittenByHandAreTheDocumentsTheTemplatesConverterWrites() {
        byte[] hash = HexFormat.of().parseHex("00ff".repeat(16));
        var extended = org.bson.json.JsonWriterSettings.builder()
                .outputMode(org.bson.json.JsonMode.EXTENDED)
                .build();
        for (MerkleNode node : List.of(
                MerkleNode.of(0, 0, hash), MerkleNode.of(7, 3_000_000_000L, hash), MerkleNode.of(62, 1, hash))) {
            org.bson.Document byConverter = new org.bson.Document();
            mongo.getConverter().write(node, byConverter);
            assertThat(AuditTree.stored(node).toJson(extended))
                    .as("every field, its type and its place")
                    .isEqualTo(byConverter.toJson(extended));
            MerkleNode read = mongo.getConverter().read(MerkleNode.class, AuditTree.stored(node));
            assertThat(List.of(read.id(), read.level(), read.index()))
                    .isEqualTo(List.of(node.id(), node.level(), node.index()));
            assertThat(read.hash()).isEqualTo(hash);
        }
    }

    @Test
    void eachNewCheckpointGoesToTheWitnessWithAProofFromTheLastOneItCosignedAndCarriesItsCosignature()
            throws Exception {
        mongo.remove(new Query(), Checkpoint.class);
        KeyPair witnessKey = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        String witness = "trust.example.nhs.uk/audit-witness";
        String witnessVkey = SignedNotes.cosignerKey(witness, SignedNotes.rawPublicKey(witnessKey.getPublic()));
        String logVkey = send("/api/audit/log/checkpoint/key", AUDITOR).body().strip();
        String path = "/api/witness/add-checkpoint";

        for (int i = 0; i < 6; i++) {
            log.append(AuditRecord.of("staff:10000004", "incident.triaged", "SMB-2026-W" + i, Map.of("n", i)));
        }
        tree.integrate();
        Checkpoint first = checkpoints.sign().orElseThrow();
        OtherServices.wireMock()
                .stubFor(WireMock.post(path)
                        .withRequestBody(WireMock.equalTo("old 0\n\n" + first.note()))
                        .willReturn(WireMock.ok(cosignature(first, witness, witnessKey))
                                .withHeader("Content-Type", "text/plain")));
        Checkpoint cosigned = checkpoints.witness().orElseThrow();
        assertThat(cosigned.cosigned()).isTrue();
        assertThat(SignedNotes.verify(cosigned.note(), logVkey + "," + witnessVkey))
                .as("both signatures")
                .isTrue();
        assertThat(send("/api/audit/log/checkpoint", AUDITOR).body()).isEqualTo(cosigned.note());

        // The witness knows another size (it cosigned size 3 from another instance): the proof is made from there.
        for (int i = 0; i < 5; i++) {
            log.append(AuditRecord.of("staff:10000004", "incident.closed", "SMB-2026-W" + i, Map.of("n", i)));
        }
        tree.integrate();
        Checkpoint second = checkpoints.sign().orElseThrow();
        OtherServices.wireMock()
                .stubFor(WireMock.post(path)
                        .withRequestBody(WireMock.matching("old " + first.treeSize() + "\n(?s).*"))
                        .willReturn(WireMock.aResponse()
                                .withStatus(409)
                                .withHeader("Content-Type", "text/x.tlog.size")
                                .withBody("3\n")));
        StringBuilder fromThree = new StringBuilder("old 3\n");
        tree.consistencyProof(3, second.treeSize())
                .forEach(h ->
                        fromThree.append(Base64.getEncoder().encodeToString(h)).append('\n'));
        OtherServices.wireMock()
                .stubFor(WireMock.post(path)
                        .withRequestBody(WireMock.equalTo(fromThree + "\n" + second.note()))
                        .willReturn(WireMock.ok(cosignature(second, witness, witnessKey))));
        assertThat(checkpoints.witness())
                .as("cosigned after the second try")
                .hasValueSatisfying(c -> assertThat(SignedNotes.verify(c.note(), logVkey + "," + witnessVkey))
                        .isTrue());

        // The witness finds the tree does not extend what it cosigned: the alarm is raised, nothing is attached.
        log.append(AuditRecord.of("staff:10000004", "incident.closed", "SMB-2026-W9", Map.of()));
        tree.integrate();
        Checkpoint third = checkpoints.sign().orElseThrow();
        OtherServices.wireMock()
                .stubFor(WireMock.post(path)
                        .willReturn(WireMock.aResponse()
                                .withStatus(422)
                                .withHeader("Content-Type", "application/problem+json")
                                .withBody("{\"detail\":\"does not extend\"}")));
        assertThat(checkpoints.witness()).isEmpty();
        assertThat(checkpoints.witnessRefusing()).as("the metric says so").isTrue();
        assertThat(mongo.findById(third.treeSize(), Checkpoint.class).cosigned())
                .isFalse();
        OtherServices.wireMock()
                .stubFor(WireMock.post(path).willReturn(WireMock.ok(cosignature(third, witness, witnessKey))));
        assertThat(checkpoints.witness()).isPresent();
        assertThat(checkpoints.witnessRefusing()).isFalse();
    }

    @Test
    void entriesAnotherInstanceAppendedAreReadFromTheStoreAndThisInstancesOwnAreTakenInMemory() {
        tree.integrate();
        for (int i = 0; i < 5; i++) {
            log.append(AuditRecord.of("staff:10000004", "incident.noted", "SMB-2026-M" + i, Map.of("n", i)));
        }
        // Another instance on the same database appends 600 (more than one lookup by key asks for): this one has
        // never seen them.
        AuditEntry previous = log.readHead();
        List<AuditEntry> others = new ArrayList<>();
        for (int i = 0; i < 600; i++) {
            previous = AuditEntry.after(
                    previous,
                    java.time.Instant.now(),
                    AuditRecord.of("staff:10000004", "incident.noted", "SMB-2026-O" + i, Map.of("n", i)));
            others.add(previous);
        }
        mongo.insertAll(others);
        for (int i = 0; i < 4; i++) {
            log.append(AuditRecord.of("staff:10000004", "incident.noted", "SMB-2026-N" + i, Map.of("n", i)));
        }
        long head = log.readHead().getSequence();

        assertThat(head)
                .as("this instance lost the race for the next number and appended after them")
                .isEqualTo(previous.getSequence() + 4);

        tree.integrate();

        assertThat(tree.size()).isEqualTo(head);
        assertThat(tree.root(head)).isEqualTo(tree.rootFromEntries(head).root());
    }

    @Test
    void aStopBetweenWritingNodesAndMovingTheSizeOnlyMeansTheSameNodesAreWrittenAgain() {
        for (int i = 0; i < 7; i++) {
            log.append(AuditRecord.of("staff:10000004", "incident.noted", "SMB-2026-S" + i, Map.of("n", i)));
        }
        tree.integrate();
        long head = log.readHead().getSequence();
        byte[] root = tree.root(head);
        long nodes = mongo.count(new Query(), MerkleNode.class);
        // As if the last run had written its nodes and stopped before moving the size: the size is back where it was.
        mongo.updateFirst(
                Query.query(org.springframework.data.mongodb.core.query.Criteria.where("_id")
                        .is(MerkleTreeState.ID)),
                new org.springframework.data.mongodb.core.query.Update().set("size", head - 5),
                MerkleTreeState.class);

        tree.integrate();

        assertThat(tree.size()).isEqualTo(head);
        assertThat(tree.root(head))
                .isEqualTo(root)
                .isEqualTo(tree.rootFromEntries(head).root());
        assertThat(mongo.count(new Query(), MerkleNode.class))
                .as("no node twice")
                .isEqualTo(nodes);
    }

    @Test
    void anIntegrationThatFindsTheTreeEmptiedUnderItDoesNotPutItsSizeBackAndTheNextOneRebuildsIt() {
        for (int i = 0; i < 3; i++) {
            log.append(AuditRecord.of("staff:10000004", "incident.noted", "SMB-2026-E" + i, Map.of("n", i)));
        }
        synchronized (tree) { // no scheduled integration meanwhile
            tree.integrate();
            long head = log.readHead().getSequence();
            MerkleNode lastLeaf = MerkleNode.of(0, head - 1, tree.leafHash(head));
            // An integration that had read the size head - 1 and is about to move it to head, while someone empties
            // the tree to rebuild it.
            mongo.remove(new Query(), MerkleNode.class);
            mongo.remove(new Query(), MerkleTreeState.class);

            assertThat(tree.moveSize(List.of(lastLeaf), head - 1, head))
                    .as("treated as a lost race")
                    .isFalse();
            assertThat(tree.size())
                    .as("not put back at a size whose nodes are gone")
                    .isZero();

            tree.integrate();

            assertThat(tree.size()).isEqualTo(head);
            assertThat(tree.root(head)).isEqualTo(tree.rootFromEntries(head).root());
        }
    }

    @Test
    void theFastCheckRecomputesTheSignedRootFromTheStoredHashesAndNamesAChangedOrMissingOne() throws Exception {
        for (int i = 0; i < 13; i++) {
            log.append(AuditRecord.of("staff:10000004", "incident.noted", "SMB-2026-F" + i, Map.of("n", i)));
        }
        tree.integrate();
        checkpoints.sign();
        JsonNode intact = get("/api/audit/log/verify/checkpoint");
        long size = intact.get("treeSize").asLong();
        assertThat(intact.get("matches").asBoolean()).as(intact.toString()).isTrue();
        assertThat(intact.get("recomputedRoot").asString())
                .isEqualTo(intact.get("checkpointRoot").asString());

        AuditEntry third = mongo.findById(3L, AuditEntry.class);
        AuditEntry last = mongo.findById(size, AuditEntry.class);
        mongo.updateFirst(
                new Query(Criteria.where("_id").is(3L)),
                new Update().set("hash", "sha256:" + "b".repeat(64)),
                AuditEntry.class);
        try {
            JsonNode changed = get("/api/audit/log/verify/checkpoint");
            assertThat(changed.get("matches").asBoolean()).isFalse();
            assertThat(changed.get("reason").asString()).contains("no longer give the signed root");
            mongo.updateFirst(
                    new Query(Criteria.where("_id").is(3L)),
                    new Update().set("hash", "sha256:not-hex"),
                    AuditEntry.class);
            assertThat(get("/api/audit/log/verify/checkpoint").get("reason").asString())
                    .isEqualTo("entry 3's stored hash is not a SHA-256 hash");
            mongo.updateFirst(
                    new Query(Criteria.where("_id").is(3L)),
                    new Update().set("hash", third.getHash()),
                    AuditEntry.class);
            mongo.remove(new Query(Criteria.where("_id").is(size)), AuditEntry.class);
            assertThat(get("/api/audit/log/verify/checkpoint").get("reason").asString())
                    .isEqualTo("entry " + size + " is missing");
        } finally { // as it was, for the other tests on this log
            mongo.updateFirst(
                    new Query(Criteria.where("_id").is(3L)),
                    new Update().set("hash", third.getHash()),
                    AuditEntry.class);
            if (mongo.findById(size, AuditEntry.class) == null) {
                mongo.insert(last);
            }
        }
        assertThat(get("/api/audit/log/verify/checkpoint").get("matches").asBoolean())
                .isTrue();
        assertThat(send("/api/audit/log/verify/checkpoint", NURSE).statusCode()).isEqualTo(403);

        // Entries 2 and 3 stored again, the other way round: the store now keeps 3 before 2, and the check, which
        // reads in stored order first, reads in key order and still finds the signed root.
        AuditEntry second = mongo.findById(2L, AuditEntry.class);
        mongo.remove(new Query(Criteria.where("_id").in(2L, 3L)), AuditEntry.class);
        mongo.insert(third);
        mongo.insert(second);
        assertThat(mongo.find(new Query(), AuditEntry.class).stream()
                        .map(AuditEntry::getSequence)
                        .limit(3)
                        .toList())
                .as("stored out of order")
                .containsExactly(1L, 3L, 2L);
        JsonNode reordered = get("/api/audit/log/verify/checkpoint");
        assertThat(reordered.get("matches").asBoolean())
                .as(reordered.toString())
                .isTrue();
    }

    private static String cosignature(Checkpoint checkpoint, String name, KeyPair key) {
        String text = checkpoint.note().substring(0, checkpoint.note().indexOf("\n\n") + 1);
        return SignedNotes.cosignatureLine(
                text, name, SignedNotes.rawPublicKey(key.getPublic()), key.getPrivate(), 1_790_000_000L);
    }

    @Test
    void theServedRootAndProofsVerifyAgainstTheEntriesThemselves() throws Exception {
        for (int i = 0; i < 37; i++) {
            log.append(AuditRecord.of("staff:10000004", "incident.triaged", "SMB-2026-" + i, Map.of("n", i)));
        }
        tree.integrate();
        JsonNode first = get("/api/audit/log/tree");
        long firstSize = first.get("treeSize").asLong();
        for (int i = 0; i < 21; i++) {
            log.append(AuditRecord.of("staff:10000004", "incident.closed", "SMB-2026-" + i, Map.of("n", i)));
        }
        tree.integrate();
        JsonNode head = get("/api/audit/log/tree");
        long size = head.get("treeSize").asLong();

        List<byte[]> leaves = new ArrayList<>();
        for (AuditEntry entry : mongo.find(new Query().with(Sort.by("_id")), AuditEntry.class)) {
            leaves.add(
                    MerkleTree.leafHash(HexFormat.of().parseHex(entry.getHash().substring(7))));
        }
        assertThat(size).isEqualTo(leaves.size()).isGreaterThanOrEqualTo(firstSize + 21);
        byte[] root = b64(head.get("rootHash").asString());
        assertThat(root)
                .isEqualTo(MerkleTree.root(
                        (level, index) -> naive(leaves.subList((int) (index << level), (int) ((index + 1) << level))),
                        size));

        for (long sequence : new long[] {1, firstSize, size / 2, size}) {
            JsonNode proof = get("/api/audit/log/proofs/inclusion?sequence=" + sequence);
            assertThat(MerkleTree.verifyInclusion(
                            leaves.get((int) sequence - 1), sequence - 1, size, hashes(proof), root))
                    .as("entry %d", sequence)
                    .isTrue();
        }
        JsonNode byLeaf = get("/api/audit/log/proofs/inclusion?treeSize=" + firstSize + "&leafHash="
                + URLEncoder.encode(Base64.getEncoder().encodeToString(leaves.get(2)), StandardCharsets.UTF_8));
        assertThat(byLeaf.get("sequence").asLong()).isEqualTo(3);
        assertThat(MerkleTree.verifyInclusion(
                        leaves.get(2),
                        2,
                        firstSize,
                        hashes(byLeaf),
                        b64(first.get("rootHash").asString())))
                .isTrue();
        HttpResponse<String> belowTheEntry = send(
                "/api/audit/log/proofs/inclusion?treeSize=2&leafHash="
                        + URLEncoder.encode(Base64.getEncoder().encodeToString(leaves.get(2)), StandardCharsets.UTF_8),
                AUDITOR);
        assertThat(belowTheEntry.statusCode()).isEqualTo(400);
        assertThat(belowTheEntry.body())
                .as("names the parameter that was sent")
                .contains("treeSize")
                .doesNotContain("\"sequence\"");
        HttpResponse<String> badPage = send("/api/audit/log/checkpoints?page=-1", AUDITOR);
        assertThat(badPage.statusCode()).isEqualTo(400);
        assertThat(badPage.body()).contains("\"field\":\"page\"");
        assertThat(send("/api/audit/log/checkpoints?page=99999999999", AUDITOR).statusCode())
                .isEqualTo(400);
        assertThat(send("/api/audit/log/checkpoints?sort=%25zz", AUDITOR).statusCode())
                .isEqualTo(400);

        JsonNode consistency = get("/api/audit/log/proofs/consistency?from=" + firstSize);
        assertThat(consistency.get("to").asLong()).isEqualTo(size);
        assertThat(MerkleTree.verifyConsistency(
                        firstSize, size, b64(first.get("rootHash").asString()), root, hashes(consistency)))
                .as("the tree an auditor saw earlier is a prefix of today's")
                .isTrue();
    }

    @Test
    void checkpointsAreSignedNotesOfTheTreeThatVerifyAndATreeThatNoLongerExtendsTheLastOneIsNotSigned()
            throws Exception {
        log.append(AuditRecord.of("staff:10000004", "incident.triaged", "SMB-2026-CP1", Map.of()));
        tree.integrate();
        checkpoints.sign();
        String key = send("/api/audit/log/checkpoint/key", AUDITOR).body().strip();
        HttpResponse<String> latest = send("/api/audit/log/checkpoint", AUDITOR);
        JsonNode head = get("/api/audit/log/tree");

        assertThat(latest.statusCode()).isEqualTo(200);
        assertThat(latest.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("text/plain"));
        assertThat(SignedNotes.verify(latest.body(), key)).isTrue();
        String[] lines = latest.body().split("\n");
        assertThat(lines[0]).isEqualTo("trust.example.nhs.uk/audit-log");
        assertThat(lines[1]).isEqualTo(head.get("treeSize").asString());
        assertThat(lines[2]).isEqualTo(head.get("rootHash").asString());
        assertThat(lines[3]).isEmpty();
        assertThat(lines[4]).startsWith("\u2014 trust.example.nhs.uk/audit-log ");
        assertThat(key).startsWith("trust.example.nhs.uk/audit-log+").matches(".*\\+[0-9a-f]{8}\\+A[A-Za-z0-9+/]{43}");
        assertThat(SignedNotes.verify(
                        latest.body().replace("\n" + lines[1] + "\n", "\n" + (Long.parseLong(lines[1]) + 1) + "\n"),
                        key))
                .as("a changed size breaks the signature")
                .isFalse();

        // Someone with the database rewrites the first entry and rebuilds the tree: it no longer extends the
        // checkpoint.
        AuditEntry first = mongo.findById(1L, AuditEntry.class);
        try {
            mongo.updateFirst(
                    new Query(Criteria.where("_id").is(1L)),
                    new Update().set("hash", "sha256:" + "ab".repeat(32)),
                    AuditEntry.class);
            rebuildTree();
            log.append(AuditRecord.of("staff:10000004", "incident.triaged", "SMB-2026-CP2", Map.of()));
            tree.integrate();

            assertThat(checkpoints.sign())
                    .as("no checkpoint for a rewritten history")
                    .isEmpty();
        } finally {
            mongo.updateFirst(
                    new Query(Criteria.where("_id").is(1L)),
                    new Update().set("hash", first.getHash()),
                    AuditEntry.class);
            rebuildTree();
        }
        assertThat(checkpoints.sign()).as("the true tree extends it again").isPresent();
        assertThat(checkpoints.consistent()).isTrue();

        // Someone deletes the newest entry (the tail the latest checkpoint covers) and rebuilds the tree.
        AuditEntry newest = log.readHead();
        try {
            mongo.remove(new Query(Criteria.where("_id").is(newest.getSequence())), AuditEntry.class);
            rebuildTree();

            assertThat(checkpoints.sign())
                    .as("no checkpoint for a truncated log")
                    .isEmpty();
            assertThat(checkpoints.consistent()).as("the metric says so").isFalse();
        } finally {
            mongo.insert(newest);
            rebuildTree();
        }
        checkpoints.sign();
        assertThat(checkpoints.consistent()).isTrue();
        JsonNode history = get("/api/audit/log/checkpoints?size=5");
        assertThat(history.get("content").size()).isGreaterThanOrEqualTo(2);
    }

    @Test
    void sizesBeyondTheTreeAndPeopleWithoutTheRoleAreRefused() throws Exception {
        tree.integrate();
        long size = tree.size();

        assertThat(send("/api/audit/log/proofs/consistency?from=1&to=" + (size + 1), AUDITOR)
                        .statusCode())
                .isEqualTo(400);
        assertThat(send("/api/audit/log/proofs/inclusion?sequence=1&leafHash=" + "A".repeat(43) + "%3D", AUDITOR)
                        .statusCode())
                .isEqualTo(400);
        assertThat(send("/api/audit/log/proofs/inclusion?sequence=1", NURSE).statusCode())
                .isEqualTo(403);
        assertThat(send("/api/audit/log/tree", NURSE).statusCode()).isEqualTo(403);
    }

    /** Empties the tree and integrates again, with no scheduled integration meanwhile (both hold the tree). */
    private void rebuildTree() {
        synchronized (tree) {
            mongo.remove(new Query(), MerkleNode.class);
            mongo.remove(new Query(), MerkleTreeState.class);
            tree.integrate();
        }
    }

    private static byte[] naive(List<byte[]> d) {
        if (d.size() == 1) {
            return d.get(0);
        }
        int k = Integer.highestOneBit(d.size() - 1);
        return MerkleTree.nodeHash(naive(d.subList(0, k)), naive(d.subList(k, d.size())));
    }

    private static List<byte[]> hashes(JsonNode proof) {
        List<byte[]> hashes = new ArrayList<>();
        proof.get("hashes").forEach(h -> hashes.add(b64(h.asString())));
        return hashes;
    }

    private static byte[] b64(String value) {
        return Base64.getDecoder().decode(value);
    }

    private JsonNode get(String path) throws Exception {
        HttpResponse<String> response = send(path, AUDITOR);
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private HttpResponse<String> send(String path, String token) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                        .header("Authorization", "Bearer " + token)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
