package org.trustgov.training.attempts;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.trustgov.auditclient.OutboxMessage;
import org.trustgov.keycloak.test.TestTokens;
import org.trustgov.test.IntegrationTest;
import org.trustgov.test.OtherServices;
import org.trustgov.training.modules.PublishedModules;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * HR's verifiable completions export against audit-service (WireMock): it asks for the evidence of exactly the
 * completions' own audit events, binds each completion to its entry as the very record the event logged, lists one
 * whose event is not in the log yet as unbound, has the log seal the hash of exactly the content HR receives, and
 * answers 503 (never a half export) while audit-service is down.
 */
@IntegrationTest
class VerifiableCompletionsTest {

    static final WireMockServer audit = OtherServices.wireMock();
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final String HR = TestTokens.serviceAccount("hr-system", "hr-integration");

    @LocalServerPort
    int port;

    @Autowired
    MongoTemplate mongo;

    @Autowired
    AttemptRepository attempts;

    @Autowired
    CircuitBreakerRegistry breakers;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void eachCompletionIsBoundToItsOwnLoggedEventAndAuditServiceDownIs503() throws Exception {
        audit.stubFor(post("/token")
                .willReturn(aResponse()
                        .withHeader("Content-Type", "application/json")
                        .withBody(
                                "{\"access_token\":\"service-token\",\"token_type\":\"Bearer\",\"expires_in\":300}")));
        audit.stubFor(post("/api/audit/events").willReturn(aResponse().withStatus(201)));
        mongo.remove(new Query(), OutboxMessage.class);
        send(
                "POST",
                "/api/training/staff",
                HR,
                "text/csv",
                "staffNumber,name,department,staffGroup\n10000001,Alex Carter,Acute Medicine,Nursing\n");
        PublishedModules.clear(mongo);
        attempts.deleteAll();
        PublishedModules.publish(mongo, ScoringAndStatusTest.module(80, List.of(), List.of()), "sha256:abc");
        String nurse = TestTokens.person("alex.nurse", "10000001", "Acute Medicine", "staff");
        for (int i = 0; i < 2; i++) {
            String attemptId = JSON.readTree(send(
                                    "POST",
                                    "/api/training/modules/SMT-01/versions/1/attempts",
                                    nurse,
                                    "application/json",
                                    "")
                            .body())
                    .get("attemptId")
                    .asString();
            send(
                    "POST",
                    "/api/training/attempts/" + attemptId + "/submit",
                    nurse,
                    "application/json",
                    "{\"answers\":{\"q1\":[\"b\"],\"q2\":[\"a\",\"c\"],\"q3\":[\"a\"]}}");
        }
        List<Attempt> passed = attempts.findAll().stream()
                .filter(a -> a.getCompletion() != null)
                .toList();
        assertThat(passed)
                .hasSize(2)
                .allSatisfy(a -> assertThat(a.getCompletionEventId()).isNotBlank());
        Attempt logged = passed.get(0);
        Map<String, Object> loggedDetails = mongo.findAll(OutboxMessage.class).stream()
                .filter(m -> m.getEventId().equals(logged.getCompletionEventId()))
                .findFirst()
                .orElseThrow()
                .getEvent()
                .details();
        String export = "/api/training/completions/export?from=" + LocalDate.now() + "&to="
                + LocalDate.now().plusDays(1);

        // audit-service down: no export, a clear 503.
        audit.stubFor(
                post("/api/audit/log/evidence").willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        HttpResponse<String> down = send("GET", export, HR, null, null);
        assertThat(down.statusCode()).as(down.body()).isEqualTo(503);
        assertThat(down.headers().firstValue("Content-Type").orElseThrow()).contains("application/problem+json");

        // audit-service has logged the first completion's event (entry 41), not yet the second's.
        breakers.circuitBreaker("audit-evidence").reset();
        Map<String, Object> entry = Map.of(
                "sequence",
                41,
                "eventId",
                logged.getCompletionEventId(),
                "source",
                "training-service",
                "action",
                "training.completion.recorded",
                "details",
                loggedDetails,
                "hash",
                "sha256:" + "a".repeat(64));
        String other = passed.get(1).getCompletionEventId();
        audit.stubFor(post("/api/audit/log/evidence")
                .willReturn(aResponse()
                        .withHeader("Content-Type", "application/json")
                        .withBody(JSON.writeValueAsString(Map.of(
                                "checkpoint",
                                "trust.example.nhs.uk/audit-log\n42\nroot\n\n— sig\n",
                                "treeSize",
                                42,
                                "entries",
                                List.of(entry),
                                "proofs",
                                List.of(),
                                "notLogged",
                                List.of(other),
                                "manifest",
                                Map.of(
                                        "entry",
                                        Map.of("sequence", 42, "action", "export.sealed"),
                                        "proof",
                                        Map.of("sequence", 42)))))));
        HttpResponse<String> ok = send("GET", export, HR, null, null);
        assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
        JsonNode body = JSON.readTree(ok.body());
        assertThat(body.get("bound")).hasSize(1);
        assertThat(body.get("bound").get(0).get("sequence").asLong()).isEqualTo(41);
        assertThat(JSON.convertValue(body.get("bound").get(0).get("record"), Map.class))
                .as("the record is exactly what the event logged")
                .isEqualTo(JSON.convertValue(JSON.valueToTree(loggedDetails), Map.class));
        assertThat(body.get("unbound")).hasSize(1);
        assertThat(body.get("unbound").get(0).get("reason").asString()).contains("not reached the log yet");
        assertThat(body.get("entries").get(0).get("eventId").asString()).isEqualTo(logged.getCompletionEventId());
        assertThat(body.get("manifest").get("entry").get("sequence").asLong())
                .as("the seal audit-service appended")
                .isEqualTo(42);
        // First which events are logged; then the seal over the export's content and exactly the bound entries.
        audit.verify(postRequestedFor(urlEqualTo("/api/audit/log/evidence"))
                .withRequestBody(equalToJson(
                        JSON.writeValueAsString(Map.of(
                                "eventIds",
                                passed.stream()
                                        .map(Attempt::getCompletionEventId)
                                        .toList())),
                        true,
                        true)));
        Map<String, Object> content =
                JSON.readValue(ok.body(), new tools.jackson.core.type.TypeReference<Map<String, Object>>() {});
        org.trustgov.transparency.verifier.Verify.PROOF_FIELDS.forEach(content::remove);
        audit.verify(postRequestedFor(urlEqualTo("/api/audit/log/evidence"))
                .withRequestBody(equalToJson(
                        JSON.writeValueAsString(Map.of(
                                "eventIds",
                                List.of(logged.getCompletionEventId()),
                                "seal",
                                Map.of(
                                        "format",
                                        "trustgov-completions-export/v2",
                                        "contentHash",
                                        org.trustgov.transparency.CanonicalHash.sha256(content)))),
                        true,
                        true)));
        assertThat(send(
                                "GET",
                                export,
                                TestTokens.person("alex.nurse", "10000001", "Acute Medicine", "staff"),
                                null,
                                null)
                        .statusCode())
                .isEqualTo(403);
    }

    private HttpResponse<String> send(String method, String path, String token, String type, String body)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", "Bearer " + token);
        if (body == null) {
            return http.send(request.GET().build(), HttpResponse.BodyHandlers.ofString());
        }
        return http.send(
                request.header("Content-Type", type)
                        .method(method, HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
