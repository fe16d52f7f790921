package org.trustgov.training.attempts;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.LocalDate;
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
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.trustgov.auditclient.AuditOutbox;
import org.trustgov.auditclient.OutboxMessage;
import org.trustgov.auditclient.PendingAuditEventSweep;
import org.trustgov.keycloak.test.TestTokens;
import org.trustgov.test.IntegrationTest;
import org.trustgov.training.modules.ModuleRepository;
import org.trustgov.training.modules.PublishedModules;
import org.trustgov.training.roster.StaffMember;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Taking a module over HTTP on the embedded store: start, submit once, result, certificate, who may see what. */
@IntegrationTest
class AttemptFlowTest {

    static final String NURSE = TestTokens.person("alex.nurse", "10000001", "Acute Medicine", "staff");
    static final String DOCTOR = TestTokens.person("priya.doctor", "10000002", "Emergency Department", "staff");
    static final String HR = TestTokens.serviceAccount("hr-system", "hr-integration");
    static final String PASS = "{\"answers\":{\"q1\":[\"b\"],\"q2\":[\"a\",\"c\"],\"q3\":[\"a\"]}}";
    static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    @Autowired
    ModuleRepository modules;

    @Autowired
    MongoTemplate mongo;

    @Autowired
    AttemptRepository attempts;

    @Autowired
    PendingAuditEventSweep sweep;

    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void publishedModule() {
        attempts.deleteAll();
        mongo.remove(new Query(), StaffMember.class);
        PublishedModules.clear(mongo);
        PublishedModules.publish(mongo, ScoringAndStatusTest.module(80, List.of(), List.of()), "sha256:abc");
    }

    @Test
    void aNursePassesGetsACertificateAndCannotSubmitTwice() throws Exception {
        assertThat(status(get("/api/training/my/modules", NURSE))).contains("NOT_STARTED");

        HttpResponse<String> started = post("/api/training/modules/SMT-01/versions/1/attempts", NURSE, null);
        assertThat(started.statusCode()).isEqualTo(201);
        assertThat(started.body()).doesNotContain("correct");
        String attempt = json(started).get("attemptId").asString();

        HttpResponse<String> unknown =
                post("/api/training/attempts/" + attempt + "/submit", NURSE, "{\"answers\":{\"q9\":[\"a\"]}}");
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(unknown.body()).contains("answers.q9");
        assertThat(attempts.findById(attempt).orElseThrow().getStatus())
                .as("nothing written")
                .isEqualTo(Attempt.Status.STARTED);

        HttpResponse<String> passed = post("/api/training/attempts/" + attempt + "/submit", NURSE, PASS);
        assertThat(passed.statusCode()).isEqualTo(200);
        JsonNode completion = json(passed).get("completion");
        assertThat(json(passed).get("score").asInt()).isEqualTo(100);
        assertThat(completion.get("policyVersion").asString()).isEqualTo("1.0");
        Instant completedAt = Instant.parse(completion.get("completedAt").asString());
        assertThat(Instant.parse(completion.get("expiresAt").asString()))
                .isEqualTo(completedAt.atOffset(ZoneOffset.UTC).plusYears(1).toInstant());

        // Sent again, because the answer to the first never came: the result recorded then, nothing recorded again.
        HttpResponse<String> again = post(
                "/api/training/attempts/" + attempt + "/submit", NURSE, PASS.replace("[\"a\",\"c\"]", "[\"c\",\"a\"]"));
        assertThat(again.statusCode()).as(again.body()).isEqualTo(200);
        assertThat(json(again).get("completion").get("certificateId").asString())
                .isEqualTo(completion.get("certificateId").asString());
        assertThat(attempts.findByStaffNumberAndPassedTrue("10000001")).hasSize(1);
        HttpResponse<String> otherAnswers =
                post("/api/training/attempts/" + attempt + "/submit", NURSE, "{\"answers\":{\"q1\":[\"a\"]}}");
        assertThat(otherAnswers.statusCode())
                .as("other answers to a submitted attempt")
                .isEqualTo(409);
        assertThat(otherAnswers.body()).contains("already submitted, with other answers");
        assertThat(status(get("/api/training/my/modules", NURSE))).contains("COMPLIANT");

        String certificate = completion.get("certificateId").asString();
        assertThat(get("/api/training/certificates/" + certificate, NURSE).statusCode())
                .isEqualTo(200);
        assertThat(get("/api/training/certificates/" + certificate, HR).statusCode())
                .isEqualTo(200);
        assertThat(get("/api/training/certificates/" + certificate, DOCTOR).statusCode())
                .isEqualTo(403);
    }

    @Test
    void someoneElsesAttemptIs403WhateverTheyTry() throws Exception {
        String attempt = json(post("/api/training/modules/SMT-01/versions/1/attempts", NURSE, null))
                .get("attemptId")
                .asString();

        assertThat(get("/api/training/attempts/" + attempt, DOCTOR).statusCode())
                .isEqualTo(403);
        assertThat(post("/api/training/attempts/" + attempt + "/submit", DOCTOR, PASS)
                        .statusCode())
                .isEqualTo(403);
        assertThat(get("/api/training/attempts/no-such-attempt", DOCTOR).statusCode())
                .isEqualTo(404);
        assertThat(attempts.findById(attempt).orElseThrow().getStatus()).isEqualTo(Attempt.Status.STARTED);
    }

    @Test
    void aFailHasNoCertificate() throws Exception {
        String attempt = json(post("/api/training/modules/SMT-01/versions/1/attempts", NURSE, null))
                .get("attemptId")
                .asString();

        JsonNode failed =
                json(post("/api/training/attempts/" + attempt + "/submit", NURSE, "{\"answers\":{\"q1\":[\"a\"]}}"));

        assertThat(failed.get("passed").asBoolean()).isFalse();
        assertThat(failed.get("completion").isNull()).isTrue();
    }

    @Test
    void concurrentSubmissionsOfOneAttemptRecordExactlyOneResult() throws Exception {
        String attempt = json(post("/api/training/modules/SMT-01/versions/1/attempts", NURSE, null))
                .get("attemptId")
                .asString();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Integer>> statuses = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            statuses.add(pool.submit(() -> {
                go.await();
                return post("/api/training/attempts/" + attempt + "/submit", NURSE, PASS)
                        .statusCode();
            }));
        }
        go.countDown();
        List<Integer> codes = new ArrayList<>();
        for (Future<Integer> status : statuses) {
            codes.add(status.get(30, TimeUnit.SECONDS));
        }
        pool.shutdown();

        assertThat(codes)
                .as("each sending of the same answers is answered with the one result recorded")
                .containsOnly(200);
        assertThat(attempts.findByStaffNumberAndPassedTrue("10000001")).hasSize(1);
    }

    @Test
    void hrExportsCompletionsForADateRangeAsCsvOrJson() throws Exception {
        for (String learner : List.of(NURSE, DOCTOR)) {
            String attempt = json(post("/api/training/modules/SMT-01/versions/1/attempts", learner, null))
                    .get("attemptId")
                    .asString();
            post("/api/training/attempts/" + attempt + "/submit", learner, PASS);
        }
        String today = LocalDate.now(ZoneOffset.UTC).toString();
        String tomorrow = LocalDate.now(ZoneOffset.UTC).plusDays(1).toString();

        HttpResponse<String> csv = get("/api/training/completions?from=" + today + "&to=" + tomorrow, HR);
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Type"))
                .hasValueSatisfying(v -> assertThat(v).startsWith("text/csv"));
        List<String> lines = csv.body().lines().toList();
        assertThat(lines.get(0)).startsWith("certificateId,staffNumber,department,moduleCode");
        assertThat(lines).hasSize(3);
        assertThat(csv.body()).contains("10000001").contains("10000002").contains(",SM-001,1.0,100,");

        HttpResponse<String> asJson = http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/training/completions?from=" + today
                                + "&to=" + tomorrow))
                        .header("Authorization", "Bearer " + HR)
                        .header("Accept", "application/json")
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(JSON.readTree(asJson.body()).size()).isEqualTo(2);

        assertThat(get("/api/training/completions?from=2020-01-01&to=2020-02-01", HR)
                        .body()
                        .lines()
                        .count())
                .as("header only")
                .isEqualTo(1);
        assertThat(get("/api/training/completions?from=" + tomorrow + "&to=" + today, HR)
                        .statusCode())
                .isEqualTo(400);
        assertThat(get("/api/training/completions?from=" + today + "&to=" + tomorrow, NURSE)
                        .statusCode())
                .isEqualTo(403);
    }

    @Test
    void guessingIsLimitedAndAFailNeverSaysWhichOptionsWereRight() throws Exception {
        for (int i = 1; i <= 3; i++) {
            String attempt = json(post("/api/training/modules/SMT-01/versions/1/attempts", NURSE, null))
                    .get("attemptId")
                    .asString();
            HttpResponse<String> failed =
                    post("/api/training/attempts/" + attempt + "/submit", NURSE, "{\"answers\":{\"q1\":[\"a\"]}}");
            assertThat(failed.body()).doesNotContain("correct");
            assertThat(json(failed).get("failedAttemptsLeft").asInt()).isEqualTo(3 - i);
        }

        HttpResponse<String> fourth = post("/api/training/modules/SMT-01/versions/1/attempts", NURSE, null);

        assertThat(fourth.statusCode()).isEqualTo(429);
        assertThat(fourth.headers().firstValue("Retry-After"))
                .hasValueSatisfying(v -> assertThat(Long.parseLong(v)).isPositive());
        assertThat(fourth.headers().firstValue("Content-Type")).contains("application/problem+json");
        assertThat(attempts.count()).as("no fourth attempt was started").isEqualTo(3);
        assertThat(post("/api/training/modules/SMT-01/versions/1/attempts", DOCTOR, null)
                        .statusCode())
                .as("the limit is per learner")
                .isEqualTo(201);
    }

    @Test
    void aLearnerStartsOnlyModulesAssignedToThemAsTheRosterSaysNotTheirToken() throws Exception {
        PublishedModules.clear(mongo);
        PublishedModules.publish(
                mongo, ScoringAndStatusTest.module(80, List.of(), List.of("Acute Medicine")), "sha256:abc");
        roster("10000001,Alex Carter,Acute Medicine,Nursing", "10000002,Priya Shah,Emergency Department,Medical");
        String nurseWithStaleToken = TestTokens.person("alex.nurse", "10000001", "Old Ward", "staff");

        assertThat(status(get("/api/training/my/modules", nurseWithStaleToken))).contains("SMT-01");
        assertThat(post("/api/training/modules/SMT-01/versions/1/attempts", nurseWithStaleToken, null)
                        .statusCode())
                .isEqualTo(201);
        assertThat(get("/api/training/my/modules", DOCTOR).body()).doesNotContain("SMT-01");
        HttpResponse<String> doctor = post("/api/training/modules/SMT-01/versions/1/attempts", DOCTOR, null);
        assertThat(doctor.statusCode()).isEqualTo(403);
        assertThat(doctor.body()).contains("not assigned to you");
    }

    @Test
    void aCertificateKeepsTheNameTheHolderHadWhenTheyPassed() throws Exception {
        roster("10000001,Alex Carter,Acute Medicine,Nursing");
        String attempt = json(post("/api/training/modules/SMT-01/versions/1/attempts", NURSE, null))
                .get("attemptId")
                .asString();
        String certificate = json(post("/api/training/attempts/" + attempt + "/submit", NURSE, PASS))
                .get("completion")
                .get("certificateId")
                .asString();

        roster("10000001,Alex Jones,Acute Medicine,Nursing");

        assertThat(json(get("/api/training/certificates/" + certificate, NURSE))
                        .get("name")
                        .asString())
                .isEqualTo("Alex Carter");
    }

    @Test
    void theHrExportNeutralisesCellsASpreadsheetWouldRunAsAFormula() throws Exception {
        roster("10000001,Alex Carter,\"=HYPERLINK(\"\"http://evil.example\"\",\"\"click\"\")\",Nursing");
        String attempt = json(post("/api/training/modules/SMT-01/versions/1/attempts", NURSE, null))
                .get("attemptId")
                .asString();
        post("/api/training/attempts/" + attempt + "/submit", NURSE, PASS);
        String today = LocalDate.now(ZoneOffset.UTC).toString();
        String tomorrow = LocalDate.now(ZoneOffset.UTC).plusDays(1).toString();

        String csv = get("/api/training/completions?from=" + today + "&to=" + tomorrow, HR)
                .body();

        assertThat(csv).contains("'=HYPERLINK").doesNotContain(",=HYPERLINK").doesNotContain(",\"=HYPERLINK");
    }

    @Test
    void aPassWhoseEventDidNotReachTheOutboxBeforeAStopIsDeliveredOnceAfterIt() throws Exception {
        mongo.remove(new Query(), OutboxMessage.class);
        String attempt = json(post("/api/training/modules/SMT-01/versions/1/attempts", NURSE, null))
                .get("attemptId")
                .asString();
        post("/api/training/attempts/" + attempt + "/submit", NURSE, PASS);
        List<OutboxMessage> moved = mongo.findAll(OutboxMessage.class);
        assertThat(moved).extracting(m -> m.getEvent().action()).containsExactly("training.completion.recorded");

        // As if the process had stopped after the pass was written and before its event left the attempt:
        mongo.remove(new Query(), OutboxMessage.class);
        mongo.updateFirst(
                Query.query(Criteria.where("_id").is(attempt)),
                new Update().push(AuditOutbox.FIELD, moved.get(0).getEvent()),
                Attempt.class);

        assertThat(sweep.sweep()).isEqualTo(1);
        assertThat(sweep.sweep()).isZero();
        assertThat(mongo.findAll(OutboxMessage.class))
                .extracting(OutboxMessage::getEventId)
                .containsExactly(moved.get(0).getEventId());
    }

    private void roster(String... rows) throws Exception {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/training/staff"))
                        .header("Authorization", "Bearer " + HR)
                        .header("Content-Type", "text/csv")
                        .POST(HttpRequest.BodyPublishers.ofString(
                                "staffNumber,name,department,staffGroup\n" + String.join("\n", rows) + "\n"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(json(response).get("rejected").size()).as(response.body()).isZero();
    }

    private static String status(HttpResponse<String> response) {
        return response.statusCode() + " " + response.body();
    }

    private JsonNode json(HttpResponse<String> response) {
        return JSON.readTree(response.body());
    }

    private HttpResponse<String> get(String path, String token) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                        .header("Authorization", "Bearer " + token)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String token, String body) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                        .header("Authorization", "Bearer " + token)
                        .header("Content-Type", "application/json")
                        .POST(
                                body == null
                                        ? HttpRequest.BodyPublishers.noBody()
                                        : HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
