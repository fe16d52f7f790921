package org.trustgov.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.trustgov.keycloak.test.TestTokens;
import org.trustgov.test.IntegrationTest;
import org.trustgov.test.OtherServices;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Confidential reporting over the running service: the report is recorded as any other, but nothing the service
 * stores (the incident, the log, any collection) holds the reporter's staff number, name or token subject; the
 * receipt code, shown once, follows the case and answers the investigation's questions; a wrong code and a code
 * never given are the same 404; governance asks, and closes a malicious report, without learning who sent it.
 */
@IntegrationTest
class ConfidentialReportingTest {

    static final WireMockServer others = OtherServices.wireMock();
    static final JsonMapper JSON = JsonMapper.builder().build();

    /** A reporter who appears in nothing else these tests do, so that any trace of them would be theirs alone. */
    static final String WHISTLEBLOWER = TestTokens.person("casey.whistle", "10000071", "Pharmacy", "staff");

    static final String GOVERNANCE = AuditServiceApplicationTest.GOVERNANCE;
    static final String OTHER_STAFF = AuditServiceApplicationTest.COLLEAGUE;
    static final String SUBJECT = AuditServiceApplicationTest.DOCTOR;

    @LocalServerPort
    int port;

    @Autowired
    MongoTemplate mongo;

    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void stubs() {
        AuditServiceApplicationTest.stubPolicyAndTraining();
    }

    @Test
    void nothingTheServiceStoresHoldsTheReportersIdentityAndTheReceiptFollowsTheCase() throws Exception {
        HttpResponse<String> sent = send("POST", "/api/audit/confidential-reports", WHISTLEBLOWER, report());
        assertThat(sent.statusCode()).as(sent.body()).isEqualTo(201);
        JsonNode receipt = JSON.readTree(sent.body());
        String reference = receipt.get("reference").asString();
        String code = receipt.get("receiptCode").asString();
        assertThat(code).matches("([0-9A-HJKMNP-TV-Z]{4}-){7}[0-9A-HJKMNP-TV-Z]{4}");

        String subject = tokenSubject(WHISTLEBLOWER);
        for (String collection : mongo.getCollectionNames()) {
            for (Document document : mongo.getCollection(collection).find()) {
                assertThat(document.toJson())
                        .as("collection " + collection)
                        .doesNotContain("10000071")
                        .doesNotContain("casey.whistle")
                        .doesNotContain(subject);
            }
        }
        Document stored = mongo.getCollection("incidents")
                .find(new Document("_id", reference))
                .first();
        assertThat(stored.get("reportedBy")).isNull();
        assertThat(stored.getBoolean("confidential")).isTrue();
        assertThat(stored.getString("receiptHash")).startsWith("sha256:").doesNotContain(code.replace("-", ""));
        Document logged = mongo.getCollection("audit_log")
                .find(new Document("target", reference))
                .first();
        assertThat(logged.getString("actor")).isEqualTo("confidential-reporter");
        assertThat(JSON.readTree(send("GET", "/api/audit/incidents/mine", WHISTLEBLOWER, null)
                                .body())
                        .get("content"))
                .as("nothing links the report to the person who sent it")
                .isEmpty();

        // Whoever holds the code follows the case, however they type it; the subject's view is the usual one.
        JsonNode followed = follow(WHISTLEBLOWER, code, 200);
        assertThat(followed.get("reference").asString()).isEqualTo(reference);
        assertThat(followed.get("status").asString()).isEqualTo("REPORTED");
        assertThat(follow(OTHER_STAFF, code.toLowerCase().replace("-", " "), 200)
                        .get("reference")
                        .asString())
                .isEqualTo(reference);
        assertThat(send("GET", "/api/audit/incidents/" + reference, SUBJECT, null)
                        .statusCode())
                .isEqualTo(200);
        JsonNode full = JSON.readTree(send("GET", "/api/audit/incidents/" + reference, GOVERNANCE, null)
                .body());
        assertThat(full.get("confidential").asBoolean()).isTrue();
        assertThat(full.get("reportedBy").isNull()).isTrue();
        assertThat(full.has("receiptHash")).isFalse();
    }

    @Test
    void aWrongCodeAndACodeNeverGivenAreTheSame404AndAMalformedOneIs400NamingIt() throws Exception {
        String code = JSON.readTree(send("POST", "/api/audit/confidential-reports", WHISTLEBLOWER, report())
                        .body())
                .get("receiptCode")
                .asString();
        char last = code.charAt(code.length() - 1);
        String wrong = code.substring(0, code.length() - 1) + (last == 'Z' ? 'Y' : 'Z');
        HttpResponse<String> mistyped = send(
                "POST",
                "/api/audit/confidential-reports/receipt",
                WHISTLEBLOWER,
                JSON.writeValueAsString(Map.of("receiptCode", wrong)));
        HttpResponse<String> neverGiven = send(
                "POST",
                "/api/audit/confidential-reports/receipt",
                WHISTLEBLOWER,
                JSON.writeValueAsString(Map.of("receiptCode", "0000-0000-0000-0000-0000-0000-0000-0000")));
        assertThat(mistyped.statusCode()).isEqualTo(404);
        assertThat(neverGiven.statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(mistyped.body()).get("detail"))
                .isEqualTo(JSON.readTree(neverGiven.body()).get("detail"));
        for (String malformed : new String[] {"ABC", "U".repeat(32), "{\"$gt\":\"\"}", "A".repeat(101)}) {
            HttpResponse<String> refused = send(
                    "POST",
                    "/api/audit/confidential-reports/receipt",
                    WHISTLEBLOWER,
                    JSON.writeValueAsString(Map.of("receiptCode", malformed)));
            assertThat(refused.statusCode()).as(malformed).isEqualTo(400);
            assertThat(refused.body()).contains("receiptCode");
        }
        assertThat(send(
                                "POST",
                                "/api/audit/confidential-reports/receipt",
                                AuditServiceApplicationTest.HR,
                                JSON.writeValueAsString(Map.of("receiptCode", code)))
                        .statusCode())
                .as("a client is not staff")
                .isEqualTo(403);
    }

    @Test
    void governanceAsksTheReporterWhoAnswersWithTheCodeOnceAndAMaliciousReportIsClosedWithoutAnOutcome()
            throws Exception {
        JsonNode receipt = JSON.readTree(send("POST", "/api/audit/confidential-reports", WHISTLEBLOWER, report())
                .body());
        String reference = receipt.get("reference").asString();
        String code = receipt.get("receiptCode").asString();
        String base = "/api/audit/incidents/" + reference;
        String question = "{\"question\":\"Was the post public, or in a closed group?\"}";

        assertThat(send("POST", base + "/reporter-questions", OTHER_STAFF, question)
                        .statusCode())
                .isEqualTo(403);
        HttpResponse<String> asked = send("POST", base + "/reporter-questions", GOVERNANCE, question);
        assertThat(asked.statusCode()).as(asked.body()).isEqualTo(200);
        JsonNode toAnswer = follow(WHISTLEBLOWER, code, 200).get("questions").get(0);
        assertThat(toAnswer.get("question").asString()).contains("closed group");
        assertThat(toAnswer.has("askedBy"))
                .as("the reporter sees the question, not who asked")
                .isFalse();
        String answer = JSON.writeValueAsString(Map.of(
                "receiptCode", code, "questionId", toAnswer.get("id").asString(), "answer", "Public: 2,000 members."));
        HttpResponse<String> answered =
                send("POST", "/api/audit/confidential-reports/receipt/answers", WHISTLEBLOWER, answer);
        assertThat(answered.statusCode()).as(answered.body()).isEqualTo(200);
        HttpResponse<String> sentAgain =
                send("POST", "/api/audit/confidential-reports/receipt/answers", WHISTLEBLOWER, answer);
        assertThat(sentAgain.statusCode())
                .as("the same answer sent again (the first answer's reply was lost): the case as it is")
                .isEqualTo(200);
        assertThat(mongo.getCollection("audit_log")
                        .countDocuments(
                                new Document("target", reference).append("action", "incident.reporter-answered")))
                .as("logged once")
                .isEqualTo(1);
        String otherAnswer = JSON.writeValueAsString(
                Map.of("receiptCode", code, "questionId", toAnswer.get("id").asString(), "answer", "Closed group."));
        assertThat(send("POST", "/api/audit/confidential-reports/receipt/answers", WHISTLEBLOWER, otherAnswer)
                        .statusCode())
                .as("answered already, with another answer")
                .isEqualTo(409);
        assertThat(send(
                                "POST",
                                "/api/audit/confidential-reports/receipt/answers",
                                WHISTLEBLOWER,
                                JSON.writeValueAsString(
                                        Map.of("receiptCode", code, "questionId", "no-such", "answer", "x")))
                        .statusCode())
                .isEqualTo(404);
        JsonNode full = JSON.readTree(send("GET", base, GOVERNANCE, null).body());
        assertThat(full.get("reporterQuestions").get(0).get("answer").asString())
                .isEqualTo("Public: 2,000 members.");
        assertThat(mongo.getCollection("audit_log")
                        .find(new Document("target", reference).append("action", "incident.reporter-answered"))
                        .first()
                        .getString("actor"))
                .isEqualTo("confidential-reporter");

        // A named report has no one to ask and cannot be closed as malicious.
        String named = JSON.readTree(send("POST", "/api/audit/incidents", OTHER_STAFF, report())
                        .body())
                .get("reference")
                .asString();
        assertThat(send("POST", "/api/audit/incidents/" + named + "/reporter-questions", GOVERNANCE, question)
                        .statusCode())
                .isEqualTo(409);
        assertThat(send("POST", "/api/audit/incidents/" + named + "/malicious", GOVERNANCE, "{\"reason\":\"x\"}")
                        .statusCode())
                .isEqualTo(409);

        assertThat(send("POST", base + "/malicious", GOVERNANCE, "{}").statusCode())
                .isEqualTo(400);
        HttpResponse<String> closed = send(
                "POST",
                base + "/malicious",
                GOVERNANCE,
                "{\"reason\":\"The post does not exist; third such report.\"}");
        assertThat(closed.statusCode()).as(closed.body()).isEqualTo(200);
        JsonNode malicious = JSON.readTree(closed.body());
        assertThat(malicious.get("status").asString()).isEqualTo("CLOSED");
        assertThat(malicious.get("outcome").isNull()).isTrue();
        assertThat(malicious.get("closedAsMalicious").asString()).contains("does not exist");
        follow(WHISTLEBLOWER, code, 404);
        assertThat(send("POST", base + "/appeal", SUBJECT, "{\"reason\":\"I never posted it\"}")
                        .statusCode())
                .as("nothing was decided against the subject")
                .isEqualTo(409);
        assertThat(send("POST", base + "/malicious", GOVERNANCE, "{\"reason\":\"again\"}")
                        .statusCode())
                .isEqualTo(409);
    }

    @Test
    void aConfidentialReportSentAgainWithItsKeyIsTheSameCaseWithANewReceiptCodeAndTheLostOneOpensNothing()
            throws Exception {
        String key = UUID.randomUUID().toString();
        HttpResponse<String> first = sendKeyed(WHISTLEBLOWER, report(), key);
        assertThat(first.statusCode()).as(first.body()).isEqualTo(201);
        String reference = JSON.readTree(first.body()).get("reference").asString();
        String lost = JSON.readTree(first.body()).get("receiptCode").asString();
        long cases = mongo.getCollection("incidents").countDocuments();

        // The answer never came: the page sends the same report again with its key.
        HttpResponse<String> again = sendKeyed(WHISTLEBLOWER, report(), key);

        assertThat(again.statusCode()).as(again.body()).isEqualTo(201);
        assertThat(again.headers().firstValue("Idempotent-Replayed")).hasValue("true");
        JsonNode receipt = JSON.readTree(again.body());
        assertThat(receipt.get("reference").asString()).isEqualTo(reference);
        String code = receipt.get("receiptCode").asString();
        assertThat(code).isNotEqualTo(lost);
        assertThat(mongo.getCollection("incidents").countDocuments()).isEqualTo(cases);
        assertThat(follow(WHISTLEBLOWER, code, 200).get("reference").asString()).isEqualTo(reference);
        follow(WHISTLEBLOWER, lost, 404);
        Document reissued = mongo.getCollection("audit_log")
                .find(new Document("target", reference).append("action", "incident.receipt-reissued"))
                .first();
        assertThat(reissued).as("the new code is in the log").isNotNull();
        assertThat(reissued.getString("actor")).isEqualTo("confidential-reporter");

        // The key with another report: 422, and nothing said of the case the key recorded.
        String other = JSON.writeValueAsString(
                AuditServiceApplicationTest.request("https://www.tiktok.com/@ward7/video/2", "4.2"));
        HttpResponse<String> reused = sendKeyed(OTHER_STAFF, other, key);
        assertThat(reused.statusCode()).as(reused.body()).isEqualTo(422);
        assertThat(reused.body()).doesNotContain(reference);
        assertThat(follow(WHISTLEBLOWER, code, 200).get("reference").asString()).isEqualTo(reference);

        // A key is kept as a hash of the key alone: nothing stored links it, or the case, to the person who sent it.
        for (String collection : mongo.getCollectionNames()) {
            for (Document document : mongo.getCollection(collection).find()) {
                assertThat(document.toJson())
                        .as("collection " + collection)
                        .doesNotContain("10000071")
                        .doesNotContain(key);
            }
        }
    }

    private HttpResponse<String> sendKeyed(String token, String body, String key) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + "/api/audit/confidential-reports"))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", key)
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode follow(String token, String code, int expected) throws Exception {
        HttpResponse<String> answer = send(
                "POST",
                "/api/audit/confidential-reports/receipt",
                token,
                JSON.writeValueAsString(Map.of("receiptCode", code)));
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(expected);
        return JSON.readTree(answer.body());
    }

    private static String report() {
        return JSON.writeValueAsString(
                AuditServiceApplicationTest.request("https://www.tiktok.com/@ward7/video/1", "4.2"));
    }

    private static String tokenSubject(String token) {
        String payload = new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8);
        return JSON.readTree(payload).get("sub").asString();
    }

    private HttpResponse<String> send(String method, String path, String token, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
