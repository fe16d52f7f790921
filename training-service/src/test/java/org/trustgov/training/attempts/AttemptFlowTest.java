package org.trustgov.training.attempts;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;
import org.trustgov.keycloak.test.TestJwtDecoderConfiguration;
import org.trustgov.keycloak.test.TestTokens;
import org.trustgov.training.modules.ModuleRepository;
import org.trustgov.training.modules.TrainingModule;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Taking a module over HTTP on the embedded store: start, submit once, result, certificate, who may see what. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@Import(TestJwtDecoderConfiguration.class)
class AttemptFlowTest {

    static final String NURSE = TestTokens.person("alex.nurse", "10000001", "Acute Medicine", "staff");
    static final String DOCTOR = TestTokens.person("priya.doctor", "10000002", "Emergency Department", "staff");
    static final String HR = TestTokens.serviceAccount("hr-system", "hr-integration");
    static final String PASS = "{\"answers\":{\"q1\":[\"b\"],\"q2\":[\"a\",\"c\"],\"q3\":[\"a\"]}}";
    static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort int port;
    @Autowired ModuleRepository modules;
    @Autowired AttemptRepository attempts;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void publishedModule() {
        attempts.deleteAll();
        modules.deleteAll();
        TrainingModule module = ScoringAndStatusTest.module(80, List.of(), List.of());
        module.publish("morgan.governance", "sha256:abc", Instant.now());
        modules.insert(module);
    }

    @Test
    void aNursePassesGetsACertificateAndCannotSubmitTwice() throws Exception {
        assertThat(status(get("/api/training/my/modules", NURSE))).contains("NOT_STARTED");

        HttpResponse<String> started = post("/api/training/modules/SMT-01/versions/1/attempts", NURSE, null);
        assertThat(started.statusCode()).isEqualTo(201);
        assertThat(started.body()).doesNotContain("correct");
        String attempt = json(started).get("attemptId").asString();

        HttpResponse<String> unknown = post("/api/training/attempts/" + attempt + "/submit", NURSE, "{\"answers\":{\"q9\":[\"a\"]}}");
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(unknown.body()).contains("answers.q9");
        assertThat(attempts.findById(attempt).orElseThrow().getStatus()).as("nothing written").isEqualTo(Attempt.Status.STARTED);

        HttpResponse<String> passed = post("/api/training/attempts/" + attempt + "/submit", NURSE, PASS);
        assertThat(passed.statusCode()).isEqualTo(200);
        JsonNode completion = json(passed).get("completion");
        assertThat(json(passed).get("score").asInt()).isEqualTo(100);
        assertThat(completion.get("policyVersion").asString()).isEqualTo("1.0");
        Instant completedAt = Instant.parse(completion.get("completedAt").asString());
        assertThat(Instant.parse(completion.get("expiresAt").asString()))
                .isEqualTo(completedAt.atOffset(ZoneOffset.UTC).plusYears(1).toInstant());

        assertThat(post("/api/training/attempts/" + attempt + "/submit", NURSE, PASS).statusCode()).isEqualTo(409);
        assertThat(status(get("/api/training/my/modules", NURSE))).contains("COMPLIANT");

        String certificate = completion.get("certificateId").asString();
        assertThat(get("/api/training/certificates/" + certificate, NURSE).statusCode()).isEqualTo(200);
        assertThat(get("/api/training/certificates/" + certificate, HR).statusCode()).isEqualTo(200);
        assertThat(get("/api/training/certificates/" + certificate, DOCTOR).statusCode()).isEqualTo(403);
    }

    @Test
    void someoneElsesAttemptIs403WhateverTheyTry() throws Exception {
        String attempt = json(post("/api/training/modules/SMT-01/versions/1/attempts", NURSE, null)).get("attemptId").asString();

        assertThat(get("/api/training/attempts/" + attempt, DOCTOR).statusCode()).isEqualTo(403);
        assertThat(post("/api/training/attempts/" + attempt + "/submit", DOCTOR, PASS).statusCode()).isEqualTo(403);
        assertThat(get("/api/training/attempts/no-such-attempt", DOCTOR).statusCode()).isEqualTo(404);
        assertThat(attempts.findById(attempt).orElseThrow().getStatus()).isEqualTo(Attempt.Status.STARTED);
    }

    @Test
    void aFailHasNoCertificate() throws Exception {
        String attempt = json(post("/api/training/modules/SMT-01/versions/1/attempts", NURSE, null)).get("attemptId").asString();

        JsonNode failed = json(post("/api/training/attempts/" + attempt + "/submit", NURSE, "{\"answers\":{\"q1\":[\"a\"]}}"));

        assertThat(failed.get("passed").asBoolean()).isFalse();
        assertThat(failed.get("completion").isNull()).isTrue();
    }

    @Test
    void concurrentSubmissionsOfOneAttemptRecordExactlyOneResult() throws Exception {
        String attempt = json(post("/api/training/modules/SMT-01/versions/1/attempts", NURSE, null)).get("attemptId").asString();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Integer>> statuses = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            statuses.add(pool.submit(() -> {
                go.await();
                return post("/api/training/attempts/" + attempt + "/submit", NURSE, PASS).statusCode();
            }));
        }
        go.countDown();
        List<Integer> codes = new ArrayList<>();
        for (Future<Integer> status : statuses) {
            codes.add(status.get(30, TimeUnit.SECONDS));
        }
        pool.shutdown();

        assertThat(codes).containsOnly(200, 409);
        assertThat(codes.stream().filter(c -> c == 200).count()).isEqualTo(1);
        assertThat(attempts.findByStaffNumberAndPassedTrue("10000001")).hasSize(1);
    }

    @Test
    void hrExportsCompletionsForADateRangeAsCsvOrJson() throws Exception {
        for (String learner : List.of(NURSE, DOCTOR)) {
            String attempt = json(post("/api/training/modules/SMT-01/versions/1/attempts", learner, null)).get("attemptId").asString();
            post("/api/training/attempts/" + attempt + "/submit", learner, PASS);
        }
        String today = java.time.LocalDate.now(ZoneOffset.UTC).toString();
        String tomorrow = java.time.LocalDate.now(ZoneOffset.UTC).plusDays(1).toString();

        HttpResponse<String> csv = get("/api/training/completions?from=" + today + "&to=" + tomorrow, HR);
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/csv"));
        List<String> lines = csv.body().lines().toList();
        assertThat(lines.get(0)).startsWith("certificateId,staffNumber,department,moduleCode");
        assertThat(lines).hasSize(3);
        assertThat(csv.body()).contains("10000001").contains("10000002").contains(",SM-001,1.0,100,");

        HttpResponse<String> asJson = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                        + "/api/training/completions?from=" + today + "&to=" + tomorrow))
                .header("Authorization", "Bearer " + HR).header("Accept", "application/json").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(JSON.readTree(asJson.body()).size()).isEqualTo(2);

        assertThat(get("/api/training/completions?from=2020-01-01&to=2020-02-01", HR).body().lines().count()).as("header only").isEqualTo(1);
        assertThat(get("/api/training/completions?from=" + tomorrow + "&to=" + today, HR).statusCode()).isEqualTo(400);
        assertThat(get("/api/training/completions?from=" + today + "&to=" + tomorrow, NURSE).statusCode()).isEqualTo(403);
    }

    private static String status(HttpResponse<String> response) {
        return response.statusCode() + " " + response.body();
    }

    private JsonNode json(HttpResponse<String> response) {
        return JSON.readTree(response.body());
    }

    private HttpResponse<String> get(String path, String token) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String token, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .build(), HttpResponse.BodyHandlers.ofString());
    }
}
