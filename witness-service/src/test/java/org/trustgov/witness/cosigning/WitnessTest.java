package org.trustgov.witness.cosigning;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.trustgov.keycloak.test.TestTokens;
import org.trustgov.test.IntegrationTest;
import org.trustgov.transparency.Ed25519Keys;
import org.trustgov.transparency.MerkleTree;
import org.trustgov.transparency.SignedNotes;

/**
 * The witness over HTTP as audit-service calls it (C2SP tlog-witness add-checkpoint): it cosigns a first checkpoint
 * and one that extends it; it refuses a stale old size with its own size (409), a rewritten history (422), a
 * checkpoint not signed by the log's key (403), another log (404), a malformed body (400) and any caller but
 * audit-service (403); a refusal leaves its record where it was.
 */
@IntegrationTest
class WitnessTest {

    private static final String ORIGIN = "trust.example.nhs.uk/audit-log";
    private static final String AUDIT_SERVICE = TestTokens.serviceAccount("audit-service", "service");

    @LocalServerPort
    int port;

    @Autowired
    MongoTemplate mongo;

    @Autowired
    MeterRegistry meters;

    private final HttpClient http = HttpClient.newHttpClient();
    private KeyPair logKey;

    @BeforeEach
    void freshWitness() {
        mongo.remove(new Query(), WitnessedLog.class);
        logKey = Ed25519Keys.loadOrCreate(Path.of("target/test-audit-log-key.pem"), "test");
    }

    @Test
    void cosignsOnlyCheckpointsThatExtendTheLastOneItCosigned() throws Exception {
        List<byte[]> leaves = leaves(1, 20);
        String witnessKey = send(
                        "GET",
                        "/api/witness/key",
                        null,
                        TestTokens.person("taylor.auditor", "10000006", "Internal Audit", "auditor"))
                .body()
                .strip();

        String first = checkpoint(leaves, 5, logKey);
        HttpResponse<String> cosigned = add(0, List.of(), first);
        assertThat(cosigned.statusCode()).as(cosigned.body()).isEqualTo(200);
        assertThat(SignedNotes.verify(first + cosigned.body(), witnessKey))
                .as("a tlog-cosignature/v1 by the witness's key")
                .isTrue();
        assertThat(SignedNotes.verify(
                        first + cosigned.body(),
                        SignedNotes.verifierKey(ORIGIN, SignedNotes.rawPublicKey(logKey.getPublic())) + ","
                                + witnessKey))
                .isTrue();

        String second = checkpoint(leaves, 9, logKey);
        assertThat(add(5, MerkleTree.consistencyProof(subtrees(leaves), 5, 9), second)
                        .statusCode())
                .isEqualTo(200);
        assertThat(send("GET", "/api/witness/checkpoint", null, AUDIT_SERVICE).body())
                .isEqualTo(second);

        HttpResponse<String> stale =
                add(5, MerkleTree.consistencyProof(subtrees(leaves), 5, 12), checkpoint(leaves, 12, logKey));
        assertThat(stale.statusCode()).isEqualTo(409);
        assertThat(stale.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/x.tlog.size");
        assertThat(stale.body()).isEqualTo("9\n");

        // Whoever controls audit-service's store rewrote entry 3 and re-signed with the log's own key.
        List<byte[]> forged = new ArrayList<>(leaves);
        forged.set(2, leaves(2, 1).get(0));
        double refusals = refusals();
        HttpResponse<String> rewritten =
                add(9, MerkleTree.consistencyProof(subtrees(forged), 9, 12), checkpoint(forged, 12, logKey));
        assertThat(rewritten.statusCode()).isEqualTo(422);
        assertThat(rewritten.body()).contains("does not extend the checkpoint of 9 entries");
        assertThat(refusals()).as("counted").isEqualTo(refusals + 1);
        HttpResponse<String> sameSizeOtherRoot = add(9, List.of(), checkpoint(forged, 9, logKey));
        assertThat(sameSizeOtherRoot.statusCode()).isEqualTo(409);
        assertThat(sameSizeOtherRoot.body()).isEqualTo("9\n");

        assertThat(add(9, MerkleTree.consistencyProof(subtrees(leaves), 9, 12), checkpoint(leaves, 12, logKey))
                        .statusCode())
                .as("the refusals moved nothing: the true log still extends")
                .isEqualTo(200);
    }

    @Test
    void refusesWhatIsNotTheLogsSignedCheckpointFromAuditService() throws Exception {
        List<byte[]> leaves = leaves(3, 4);
        KeyPair stranger = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        assertThat(add(0, List.of(), checkpoint(leaves, 4, stranger)).statusCode())
                .as("not the log's key")
                .isEqualTo(403);
        assertThat(add(0, List.of(), checkpoint(leaves, 4, logKey).replace(ORIGIN, "elsewhere.example/log"))
                        .statusCode())
                .as("another log")
                .isEqualTo(404);
        assertThat(send("POST", "/api/witness/add-checkpoint", "old x\n\nnot a note", AUDIT_SERVICE)
                        .statusCode())
                .isEqualTo(400);
        assertThat(add(7, List.of(), checkpoint(leaves, 4, logKey)).statusCode())
                .as("old size above the size")
                .isEqualTo(400);
        String body = "old 0\n\n" + checkpoint(leaves, 4, logKey);
        assertThat(send(
                                "POST",
                                "/api/witness/add-checkpoint",
                                body,
                                TestTokens.serviceAccount("training-service", "service"))
                        .statusCode())
                .isEqualTo(403);
        assertThat(send(
                                "POST",
                                "/api/witness/add-checkpoint",
                                body,
                                TestTokens.person("alex.nurse", "10000001", "Acute Medicine", "staff"))
                        .statusCode())
                .isEqualTo(403);
        // The log's own valid signature beside a bad one under its name and key ID: the note is rejected (C2SP).
        String genuine = checkpoint(leaves, 4, logKey);
        String signature = genuine.substring(genuine.indexOf("\n\n") + 2);
        byte[] bad = Base64.getDecoder()
                .decode(signature.substring(signature.lastIndexOf(' ') + 1).strip());
        bad[9] ^= 1;
        String doubled = genuine + signature.substring(0, signature.lastIndexOf(' ') + 1)
                + Base64.getEncoder().encodeToString(bad) + "\n";
        assertThat(add(0, List.of(), doubled).statusCode())
                .as("a bad signature beside a good one")
                .isEqualTo(403);
        // Text with a blank line inside: parsed to the first blank line, signed to the last. Refused before any
        // signature.
        String text = genuine.substring(0, genuine.indexOf("\n\n") + 1) + "\nextension\n";
        assertThat(add(
                                0,
                                List.of(),
                                SignedNotes.note(
                                        text,
                                        SignedNotes.signatureLine(
                                                text.replace("\n\n", "\n"),
                                                ORIGIN,
                                                SignedNotes.rawPublicKey(logKey.getPublic()),
                                                logKey.getPrivate())))
                        .statusCode())
                .isBetween(400, 403);
        assertThat(mongo.count(new Query(), WitnessedLog.class))
                .as("nothing recorded")
                .isZero();
    }

    private double refusals() {
        var counter = meters.find("trustgov.witness.refusals")
                .tag("reason", "inconsistent")
                .counter();
        return counter == null ? 0 : counter.count();
    }

    private HttpResponse<String> add(long old, List<byte[]> proof, String checkpoint) throws Exception {
        StringBuilder body = new StringBuilder("old ").append(old).append('\n');
        proof.forEach(h -> body.append(Base64.getEncoder().encodeToString(h)).append('\n'));
        return send(
                "POST",
                "/api/witness/add-checkpoint",
                body.append('\n').append(checkpoint).toString(),
                AUDIT_SERVICE);
    }

    private HttpResponse<String> send(String method, String path, String body, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", "Bearer " + token);
        request = body == null
                ? request.GET()
                : request.header("Content-Type", "text/plain")
                        .method(method, HttpRequest.BodyPublishers.ofString(body));
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String checkpoint(List<byte[]> leaves, int size, KeyPair key) {
        String text = ORIGIN + "\n" + size + "\n"
                + Base64.getEncoder().encodeToString(MerkleTree.root(subtrees(leaves), size)) + "\n";
        return SignedNotes.note(
                text,
                SignedNotes.signatureLine(text, ORIGIN, SignedNotes.rawPublicKey(key.getPublic()), key.getPrivate()));
    }

    private static List<byte[]> leaves(long seed, int n) {
        Random random = new Random(seed);
        List<byte[]> leaves = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            byte[] entryHash = new byte[32];
            random.nextBytes(entryHash);
            leaves.add(MerkleTree.leafHash(entryHash));
        }
        return leaves;
    }

    /** The complete subtrees of a tree held in memory. */
    private static MerkleTree.Subtrees subtrees(List<byte[]> leaves) {
        return new MerkleTree.Subtrees() {
            @Override
            public byte[] hash(int level, long index) {
                return level == 0
                        ? leaves.get((int) index)
                        : MerkleTree.nodeHash(hash(level - 1, 2 * index), hash(level - 1, 2 * index + 1));
            }
        };
    }
}
