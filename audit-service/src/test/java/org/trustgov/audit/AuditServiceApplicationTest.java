package org.trustgov.audit;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.http.Fault;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Year;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.trustgov.audit.incidents.Incident;
import org.trustgov.audit.incidents.IncidentRepository;
import org.trustgov.audit.incidents.IncidentService;
import org.trustgov.audit.incidents.RememberedClauses;
import org.trustgov.auditclient.AuditEvent;
import org.trustgov.auditclient.AuditOutbox;
import org.trustgov.auditclient.PendingAuditEventSweep;
import org.trustgov.keycloak.test.TestTokens;
import org.trustgov.starter.mongo.ExclusiveSweep;
import org.trustgov.test.IntegrationTest;
import org.trustgov.test.OtherServices;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The whole service over HTTP on its embedded store, with policy-service, training-service and Keycloak's token
 * endpoint played by WireMock: reporting (clauses confirmed, training snapshot taken or left pending), every fault
 * of both clients, the workflow and who sees what, HR's read, reports, and the audit log verifying at the end.
 */
@IntegrationTest
class AuditServiceApplicationTest {

    static final WireMockServer others = OtherServices.wireMock();
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final String CLAUSE = "/api/policy/policies/SM-001/versions/1.0/clauses/4.2";
    static final String TRAINING = "/api/training/compliance/staff/10000002";
    static final String NURSE = TestTokens.person("alex.nurse", "10000001", "Acute Medicine", "staff");
    static final String DOCTOR = TestTokens.person("priya.doctor", "10000002", "Emergency Department", "staff");
    static final String COLLEAGUE = TestTokens.person("sam.porter", "10000007", "Estates", "staff");
    static final String GOVERNANCE =
            TestTokens.person("morgan.governance", "10000004", "Clinical Governance", "staff", "governance");
    static final String AUDITOR = TestTokens.person("taylor.auditor", "10000006", "Internal Audit", "auditor");
    static final String HR = TestTokens.serviceAccount("hr-system", "hr-integration");

    @LocalServerPort
    int port;

    @Autowired
    IncidentRepository incidents;

    @Autowired
    IncidentService service;

    @Autowired
    MongoTemplate mongo;

    @Autowired
    CircuitBreakerRegistry breakers;

    @Autowired
    PendingAuditEventSweep pendingAuditEvents;

    @Autowired
    @Qualifier("legacyPendingLogEntries")
    ExclusiveSweep legacyEntries;

    @Autowired
    ApplicationContext context;

    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void reset() {
        OtherServices.reset();
        RememberedClauses.forget(context); // every test counts and faults policy-service's answers from none
        stubPolicyAndTraining();
        breakers.getAllCircuitBreakers().forEach(b -> b.reset());
        incidents.deleteAll();
    }

    /** Keycloak's token endpoint, policy-service confirming clause 4.2 and training-service answering for the subject. */
    static void stubPolicyAndTraining() {
        others.stubFor(post("/token")
                .willReturn(json("{\"access_token\":\"service-token\",\"token_type\":\"Bearer\",\"expires_in\":300}")));
        others.stubFor(get(CLAUSE).willReturn(json("""
                {"policyCode":"SM-001","version":"1.0","versionStatus":"PUBLISHED","contentHash":"sha256:abc",
                 "clause":{"number":"4.2","heading":"Images of patients","text":"Never post images of patients."}}""")));
        others.stubFor(get(TRAINING).willReturn(json("""
                {"staffNumber":"10000002","department":"Emergency Department","active":true,"policyVersionMayBeStale":false,
                 "modules":[{"moduleCode":"SMT-01","moduleVersion":1,"policyCode":"SM-001","status":"EXPIRED",
                             "latest":{"completedAt":"2025-01-10T09:00:00Z","expiresAt":"2026-01-10T09:00:00Z","policyVersion":"1.0"}},
                            {"moduleCode":"IG-01","moduleVersion":2,"policyCode":"IG-002","status":"COMPLIANT"}]}""")));
    }

    @Test
    void aReportCitingARealClauseIsNumberedAndKeepsTheSubjectsTrainingAtThatMoment() throws Exception {
        HttpResponse<String> response = report(NURSE, request("https://www.facebook.com/groups/ward7/posts/1", "4.2"));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        JsonNode answer = JSON.readTree(response.body());
        assertThat(answer.get("incident").isNull())
                .as("the reporter is staff: no full view in the answer")
                .isTrue();
        assertThat(answer.get("trainingSnapshot").asString()).isEqualTo("RECORDED");
        Incident stored = incidents.findAll().get(0);
        assertThat(stored.getReference()).matches("SMB-" + Year.now() + "-\\d{6}");
        assertThat(stored.getBreachedClauses().get(0).heading()).isEqualTo("Images of patients");
        assertThat(stored.getTrainingSnapshot().state().name()).isEqualTo("RECORDED");
        assertThat(stored.getTrainingSnapshot().compliant())
                .as("SMT-01 teaches SM-001 and had expired")
                .isFalse();
        assertThat(stored.getTrainingSnapshot().modules())
                .extracting("moduleCode")
                .containsExactly("SMT-01");
        assertThat(stored.getSubjectDepartment()).isEqualTo("Emergency Department");
        assertThat(stored.getReportedBy()).isEqualTo("staff:10000001");
        // The clause check is made with the service's own token, under the request id of the report.
        String requestId = response.headers().firstValue("X-Request-Id").orElseThrow();
        others.verify(WireMock.getRequestedFor(WireMock.urlEqualTo(CLAUSE))
                .withHeader("Authorization", WireMock.equalTo("Bearer service-token"))
                .withHeader("X-Request-Id", WireMock.equalTo(requestId)));
    }

    /**
     * Did a targeted refresher help: incidents citing its clause in its department in the same length of time before
     * and after it was assigned, and its group's completion; small numbers shown as such, each department's manager
     * seeing their own, and training-service being down named rather than failing.
     */
    @Test
    void aTargetedRefreshersOutcomeCountsIncidentsBeforeAndAfterItAndShowsSmallNumbersAsSuch() throws Exception {
        java.time.Instant now = java.time.Instant.now();
        for (int daysAgo : new int[] {50, 40, 5, 65}) { // two in the window before, one after, one before that
            Map<String, Object> body =
                    new java.util.HashMap<>(request("https://www.instagram.com/p/before-after" + daysAgo, "4.2"));
            body.put("occurredAt", now.minus(java.time.Duration.ofDays(daysAgo)).toString());
            reference(report(NURSE, body));
        }
        String assigned = now.minus(java.time.Duration.ofDays(30)).toString();
        others.stubFor(get("/api/training/refreshers")
                .willReturn(json("""
                [{"id":"TR-1","policyCode":"SM-001","clause":"4.2","department":"Emergency Department",
                  "moduleCode":"SMT-02","moduleVersion":1,"assignedAt":"%s","dueAt":"%s","assigned":40,"completed":30},
                 {"id":"TR-2","policyCode":"SM-001","clause":"4.2","department":"Acute Medicine",
                  "moduleCode":"SMT-02","moduleVersion":1,"assignedAt":"%s","dueAt":"%s","assigned":3,"completed":1}]""".formatted(assigned, assigned, assigned, assigned))));

        JsonNode report = JSON.readTree(
                send("GET", "/api/audit/reports/refreshers", GOVERNANCE, null).body());
        assertThat(report.get("missing").size()).isZero();
        assertThat(report.get("smallNumbers").asInt()).isEqualTo(5);
        JsonNode emergency = report.get("refreshers").get(0);
        assertThat(emergency.get("refresherId").asString()).isEqualTo("TR-1");
        assertThat(emergency.get("days").asLong()).isEqualTo(30);
        assertThat(emergency.get("incidentsBefore").asLong()).isEqualTo(2);
        assertThat(emergency.get("incidentsAfter").asLong()).isEqualTo(1);
        assertThat(emergency.get("changePercent").isNull())
                .as("no percentage from 2 cases")
                .isTrue();
        assertThat(emergency.get("completion").get("percent").asDouble()).isEqualTo(75.0);
        JsonNode acute = report.get("refreshers").get(1);
        assertThat(acute.get("incidentsBefore").asLong())
                .as("another department's incidents")
                .isZero();
        assertThat(acute.get("completion").get("suppressed").asBoolean())
                .as("a group of 3: no one identifiable")
                .isTrue();
        assertThat(acute.get("completion").get("assigned").isNull()).isTrue();
        assertThat(acute.get("completion").get("completed").isNull()).isTrue();

        String ownManager =
                TestTokens.person("dana.manager", "10000010", "Emergency Department", "staff", "line-manager");
        JsonNode managers = JSON.readTree(
                send("GET", "/api/audit/reports/refreshers", ownManager, null).body());
        assertThat(managers.get("refreshers").size()).isEqualTo(1);
        assertThat(managers.get("refreshers").get(0).get("refresherId").asString())
                .isEqualTo("TR-1");
        assertThat(send("GET", "/api/audit/reports/refreshers", NURSE, null).statusCode())
                .isEqualTo(403);

        others.stubFor(get("/api/training/refreshers").willReturn(aResponse().withStatus(503)));
        HttpResponse<String> down = send("GET", "/api/audit/reports/refreshers", GOVERNANCE, null);
        assertThat(down.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(down.body()).get("missing").get(0).asString()).isEqualTo("training-service");
    }

    /**
     * The cluster rule over the running service: three reports citing clause 4.2 about staff of the Emergency
     * Department raise a signal that governance sees, and that department's line manager, but not another
     * department's manager nor a nurse; the signal names no case, person or reporter.
     */
    @Test
    void threeReportsCitingOneClauseInOneDepartmentRaiseASignalForGovernanceAndThatDepartmentsManager()
            throws Exception {
        for (int i = 0; i < 3; i++) {
            Map<String, Object> body =
                    new java.util.HashMap<>(request("https://www.instagram.com/p/cluster" + i, "4.2"));
            body.put(
                    "occurredAt",
                    java.time.Instant.now()
                            .minus(java.time.Duration.ofDays(1 + i))
                            .toString());
            reference(report(NURSE, body));
        }
        JsonNode signals = JSON.readTree(
                send("GET", "/api/audit/reports/signals", GOVERNANCE, null).body());
        assertThat(signals.get("rule").get("incidents").asInt()).isEqualTo(3);
        assertThat(signals.get("rule").get("within").asString()).isEqualTo("P90D");
        assertThat(signals.get("signals").toString())
                .contains("\"clauseNumber\":\"4.2\"")
                .contains("\"department\":\"Emergency Department\"")
                .doesNotContain("10000002")
                .doesNotContain("SMB-");
        String ownManager =
                TestTokens.person("dana.manager", "10000010", "Emergency Department", "staff", "line-manager");
        String otherManager = TestTokens.person("chris.manager", "10000005", "Acute Medicine", "staff", "line-manager");
        assertThat(send("GET", "/api/audit/reports/signals", ownManager, null).body())
                .contains("Emergency Department");
        assertThat(send("GET", "/api/audit/reports/signals", otherManager, null).body())
                .doesNotContain("Emergency Department");
        assertThat(send("GET", "/api/audit/reports/signals", NURSE, null).statusCode())
                .isEqualTo(403);
        // and to training-service's reminders, for the governance mailbox: an opaque key, no person
        String reminders = TestTokens.serviceAccount("training-service", "service");
        JsonNode attention = JSON.readTree(
                send("GET", "/api/audit/incidents/attention", reminders, null).body());
        JsonNode signal = null;
        for (JsonNode item : attention) {
            if ("SIGNAL_RAISED".equals(item.get("kind").asString())) {
                signal = item;
            }
        }
        assertThat(signal).as(attention.toString()).isNotNull();
        assertThat(signal.get("staffNumber").isNull()).isTrue();
        assertThat(signal.get("caseKey").asString()).matches("[0-9a-f]{32}");

        // What a change to clause 4.2 touches: the open incidents citing it (and none citing 7.7), for policy-service.
        String policyService = TestTokens.serviceAccount("policy-service", "service");
        JsonNode clauses = JSON.readTree(
                send("GET", "/api/audit/reports/clauses?policyCode=SM-001&clause=4.2&clause=7.7", policyService, null)
                        .body());
        assertThat(clauses.get("openIncidents").get("4.2").asLong()).isGreaterThanOrEqualTo(3);
        assertThat(clauses.get("openIncidents").get("7.7").asLong()).isZero();
        assertThat(send("GET", "/api/audit/reports/clauses?policyCode=SM-001&clause=4.2", NURSE, null)
                        .statusCode())
                .isEqualTo(403);
        HttpResponse<String> badClause =
                send("GET", "/api/audit/reports/clauses?policyCode=SM-001&clause=4.2%3B", GOVERNANCE, null);
        assertThat(badClause.statusCode()).isEqualTo(400);
        assertThat(badClause.body()).contains("clause");
    }

    @Test
    void anUnknownClauseIs400NamingItAndNothingIsRecordedOrNumbered() throws Exception {
        others.stubFor(get(urlPathMatching("/api/policy/policies/SM-001/versions/1.0/clauses/9.9"))
                .willReturn(aResponse().withStatus(404)));
        String first = reference(report(GOVERNANCE, request("https://x.example/p", "4.2")));

        HttpResponse<String> unknown = report(NURSE, request("https://x.example/p", "4.2", "9.9"));
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(unknown.body()).contains("breachedClauses[1]").contains("clause 9.9 of SM-001 v1.0 does not exist");
        assertThat(incidents.count()).isEqualTo(1);
        String next = reference(report(GOVERNANCE, request("https://x.example/p", "4.2")));
        assertThat(Long.parseLong(next.substring(9)))
                .as("no number spent on the refused report")
                .isEqualTo(Long.parseLong(first.substring(9)) + 1);
    }

    @Test
    void aReportNamingItsSubjectTwiceIs400NamingTheFieldAndNothingIsRecordedOrNumbered() throws Exception {
        String first = reference(report(GOVERNANCE, request("https://x.example/p", "4.2")));
        String body = JSON.writeValueAsString(request("https://x.example/p", "4.2"));
        String twice = body.replace(
                "\"subjectStaffNumber\":\"10000002\"",
                "\"subjectStaffNumber\":\"10000002\",\"subjectStaffNumber\":\"10000003\"");
        assertThat(twice).as("the field given twice").isNotEqualTo(body);

        HttpResponse<String> refused = send("POST", "/api/audit/incidents", NURSE, twice);

        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
        JsonNode error = JSON.readTree(refused.body()).get("errors").get(0);
        assertThat(error.get("field").asString()).isEqualTo("subjectStaffNumber");
        assertThat(error.get("message").asString()).isEqualTo("is given twice; give each field once");
        assertThat(incidents.count()).isEqualTo(1);
        String next = reference(report(GOVERNANCE, request("https://x.example/p", "4.2")));
        assertThat(Long.parseLong(next.substring(9)))
                .as("no number spent on the refused report")
                .isEqualTo(Long.parseLong(first.substring(9)) + 1);
    }

    @Test
    void aReportSentAgainWithItsIdempotencyKeyIsAnsweredWithTheFirstCaseAndRecordsNothingMore() throws Exception {
        String key = UUID.randomUUID().toString();
        String body = JSON.writeValueAsString(request("https://x.example/p", "4.2"));
        HttpResponse<String> first = sendKeyed(NURSE, body, key);
        String reference = reference(first);
        assertThat(first.headers().firstValue("Idempotent-Replayed")).isEmpty();
        long entries = mongo.getCollection("audit_log").countDocuments();

        HttpResponse<String> again = sendKeyed(NURSE, body, key);
        HttpResponse<String> quoted = sendKeyed(NURSE, body, "\"" + key + "\"");

        assertThat(reference(again)).isEqualTo(reference);
        assertThat(again.headers().firstValue("Idempotent-Replayed")).hasValue("true");
        assertThat(reference(quoted)).as("the key as a structured-field string").isEqualTo(reference);
        assertThat(incidents.count()).isEqualTo(1);
        assertThat(mongo.getCollection("audit_log").countDocuments())
                .as("nothing logged for a sending that recorded nothing")
                .isEqualTo(entries);

        // The same key from someone else is their own key: it records their report, and tells them nothing of hers.
        String theirs = reference(sendKeyed(COLLEAGUE, body, key));
        assertThat(theirs).isNotEqualTo(reference);

        // The key sent with another report (the first was edited before it was sent again) records nothing: 422.
        String edited = JSON.writeValueAsString(request("https://x.example/edited", "4.2"));
        HttpResponse<String> reused = sendKeyed(NURSE, edited, key);
        assertThat(reused.statusCode()).as(reused.body()).isEqualTo(422);
        JsonNode problem = JSON.readTree(reused.body());
        assertThat(problem.get("header").asString()).isEqualTo("Idempotency-Key");
        assertThat(problem.get("detail").asString()).contains(reference).contains("nothing was recorded");
        assertThat(incidents.count()).isEqualTo(2);

        // Without a key, as before: the same report twice is two cases.
        reference(report(NURSE, request("https://x.example/p", "4.2")));
        assertThat(incidents.count()).isEqualTo(3);
        String next = reference(report(GOVERNANCE, request("https://x.example/p", "4.2")));
        assertThat(Long.parseLong(next.substring(9)))
                .as("no number spent by a sending that was answered with an earlier case")
                .isEqualTo(Long.parseLong(reference.substring(9)) + 3);
    }

    @Test
    void aKeyThatCannotBeOneIs400NamingTheHeaderAndNothingIsRecorded() throws Exception {
        String body = JSON.writeValueAsString(request("https://x.example/p", "4.2"));
        for (String bad : new String[] {
            "", "   ", "short-key", "k".repeat(256), "a key with spaces in it", "key-with-a-comma,in-it\ttab"
        }) {
            HttpResponse<String> refused = sendKeyed(NURSE, body, bad);
            assertThat(refused.statusCode())
                    .as("«" + bad + "» " + refused.body())
                    .isEqualTo(400);
            assertThat(JSON.readTree(refused.body())
                            .get("errors")
                            .get(0)
                            .get("field")
                            .asString())
                    .isEqualTo("Idempotency-Key");
        }
        HttpRequest twice = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/audit/incidents"))
                .header("Authorization", "Bearer " + NURSE)
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        HttpResponse<String> refused = http.send(twice, HttpResponse.BodyHandlers.ofString());
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
        assertThat(refused.body()).contains("Idempotency-Key").contains("more than once");
        assertThat(incidents.count()).isZero();
    }

    @Test
    void aStepSentAgainWithItsKeyIsAnsweredWithTheCaseAsItIsAndTakenOnce() throws Exception {
        String otherGovernance =
                TestTokens.person("sam.governance", "10000008", "Clinical Governance", "staff", "governance");
        String ref = reference(report(NURSE, request("https://x.example/p", "4.2")));
        String base = "/api/audit/incidents/" + ref;
        String triageKey = UUID.randomUUID().toString();
        HttpResponse<String> triaged = send("POST", base + "/triage", GOVERNANCE, "{\"severity\":\"HIGH\"}", triageKey);
        assertThat(triaged.statusCode()).as(triaged.body()).isEqualTo(200);
        assertThat(triaged.headers().firstValue("Idempotent-Replayed")).isEmpty();
        long entries = mongo.getCollection("audit_log").countDocuments();

        // Sent again, where without its key it is 409 "already triaged": the case as it is, nothing logged.
        HttpResponse<String> again = send("POST", base + "/triage", GOVERNANCE, "{\"severity\":\"HIGH\"}", triageKey);
        assertThat(again.statusCode()).as(again.body()).isEqualTo(200);
        assertThat(again.headers().firstValue("Idempotent-Replayed")).hasValue("true");
        assertThat(JSON.readTree(again.body()).get("status").asString()).isEqualTo("TRIAGED");

        String noteKey = UUID.randomUUID().toString();
        String note = "{\"text\":\"Spoke to the ward manager.\"}";
        assertThat(send("POST", base + "/notes", GOVERNANCE, note, noteKey).statusCode())
                .isEqualTo(200);
        HttpResponse<String> noteAgain = send("POST", base + "/notes", GOVERNANCE, note, "\"" + noteKey + "\"");
        assertThat(noteAgain.statusCode()).as(noteAgain.body()).isEqualTo(200);
        assertThat(noteAgain.headers().firstValue("Idempotent-Replayed")).hasValue("true");
        assertThat(JSON.readTree(noteAgain.body()).get("notes")).hasSize(1);
        assertThat(mongo.getCollection("audit_log").countDocuments())
                .as("one entry, for the note; none for the sendings again")
                .isEqualTo(entries + 1);

        // The key with another note, or with another step, changes nothing: 422 naming the header.
        HttpResponse<String> otherNote =
                send("POST", base + "/notes", GOVERNANCE, "{\"text\":\"Something else.\"}", noteKey);
        assertThat(otherNote.statusCode()).as(otherNote.body()).isEqualTo(422);
        assertThat(JSON.readTree(otherNote.body()).get("header").asString()).isEqualTo("Idempotency-Key");
        assertThat(send("POST", base + "/investigation", GOVERNANCE, null, noteKey)
                        .statusCode())
                .isEqualTo(422);
        // Someone else's same key is their own; without a key, as before, the same note twice is two.
        assertThat(send("POST", base + "/notes", otherGovernance, note, noteKey)
                        .headers()
                        .firstValue("Idempotent-Replayed"))
                .isEmpty();
        send("POST", base + "/notes", GOVERNANCE, note, null);
        HttpResponse<String> unkeyed = send("POST", base + "/notes", GOVERNANCE, note, null);
        assertThat(JSON.readTree(unkeyed.body()).get("notes")).hasSize(4);
        assertThat(send("POST", base + "/notes", GOVERNANCE, note, "short").statusCode())
                .isEqualTo(400);

        // An action sent eight times at once with one key: one action, every sending answered with it.
        String action = "{\"description\":\"Ask for the post to be removed\",\"ownerStaffNumber\":\"10000005\","
                + "\"dueOn\":\"" + LocalDate.now().plusDays(7) + "\"}";
        String actionKey = UUID.randomUUID().toString();
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<HttpResponse<String>>> sendings = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                sendings.add(pool.submit(() -> {
                    go.await();
                    return send("POST", base + "/actions", GOVERNANCE, action, actionKey);
                }));
            }
            go.countDown();
            for (Future<HttpResponse<String>> sending : sendings) {
                HttpResponse<String> answer = sending.get();
                assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
                assertThat(JSON.readTree(answer.body()).get("actions")).hasSize(1);
            }
        } finally {
            pool.shutdownNow();
        }
        Incident kept = incidents.findById(ref).orElseThrow();
        assertThat(kept.getActions()).hasSize(1);
        assertThat(kept.getNotes()).hasSize(4);
        assertThat(JSON.writeValueAsString(kept))
                .as("the keys are not in the case's JSON")
                .doesNotContain("keyedSteps");
    }

    @Test
    void sendingsWithOneKeyThatCrossRecordOneCaseAndSpendOneNumber() throws Exception {
        String body = JSON.writeValueAsString(request("https://x.example/p", "4.2"));
        String before = reference(report(GOVERNANCE, request("https://x.example/p", "4.2")));
        String key = UUID.randomUUID().toString();
        int sendings = 12;
        List<CompletableFuture<HttpResponse<String>>> all = new ArrayList<>();
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(sendings);
        try {
            for (int i = 0; i < sendings; i++) {
                all.add(CompletableFuture.supplyAsync(
                        () -> {
                            try {
                                go.await();
                                return sendKeyed(NURSE, body, key);
                            } catch (Exception e) {
                                throw new IllegalStateException(e);
                            }
                        },
                        pool));
            }
            go.countDown();
            Set<String> references = new HashSet<>();
            for (CompletableFuture<HttpResponse<String>> sending : all) {
                references.add(reference(sending.get()));
            }
            assertThat(references).hasSize(1);
        } finally {
            pool.shutdownNow();
        }
        assertThat(incidents.count()).isEqualTo(2);
        String after = reference(report(GOVERNANCE, request("https://x.example/p", "4.2")));
        assertThat(Long.parseLong(after.substring(9))).isEqualTo(Long.parseLong(before.substring(9)) + 2);
    }

    @ParameterizedTest
    @ValueSource(strings = {"500", "slow", "reset", "malformed"})
    void whenPolicyServiceCannotConfirmAClauseTheReportIs503AndNothingIsRecorded(String fault) throws Exception {
        others.stubFor(get(CLAUSE).willReturn(fault(fault)));

        HttpResponse<String> response = report(NURSE, request("https://x.example/p", "4.2"));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(503);
        assertThat(response.headers().firstValue("Retry-After")).isPresent();
        assertThat(incidents.count()).isZero();
    }

    @Test
    void aClauseOfAPublishedVersionIsAskedForOnceThenConfirmedEvenWhilePolicyServiceIsDown() throws Exception {
        assertThat(report(NURSE, request("https://x.example/p", "4.2")).statusCode())
                .isEqualTo(201);
        others.stubFor(get(CLAUSE).willReturn(fault("500")));

        HttpResponse<String> second = report(NURSE, request("https://x.example/q", "4.2"));

        assertThat(second.statusCode()).as(second.body()).isEqualTo(201);
        assertThat(incidents.findAll())
                .extracting(i -> i.getBreachedClauses().get(0).heading())
                .containsExactly("Images of patients", "Images of patients");
        others.verify(1, WireMock.getRequestedFor(WireMock.urlEqualTo(CLAUSE)));
    }

    @Test
    void aClauseOfAVersionNotYetPublishedIsAskedForOnEveryReport() throws Exception {
        String draftClause = "/api/policy/policies/SM-001/versions/1.0/clauses/6.1";
        others.stubFor(get(draftClause).willReturn(json("""
                {"policyCode":"SM-001","version":"1.0","versionStatus":"APPROVED","contentHash":null,
                 "clause":{"number":"6.1","heading":"Friend requests"}}""")));
        assertThat(report(NURSE, request("https://x.example/p", "6.1")).statusCode())
                .isEqualTo(201);
        others.verify(1, WireMock.getRequestedFor(WireMock.urlEqualTo(draftClause)));
        others.resetRequests();
        others.stubFor(get(draftClause).willReturn(fault("500")));

        HttpResponse<String> second = report(NURSE, request("https://x.example/q", "6.1"));

        assertThat(second.statusCode()).as(second.body()).isEqualTo(503);
        assertThat(incidents.count()).isEqualTo(1);
        // Asked again (and retried, as any call to it is), not answered from memory.
        others.verify(WireMock.moreThanOrExactly(1), WireMock.getRequestedFor(WireMock.urlEqualTo(draftClause)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"500", "slow", "reset", "malformed"})
    void whenTrainingServiceIsDownTheIncidentIsRecordedAndTheSnapshotFilledInLater(String fault) throws Exception {
        others.stubFor(get(TRAINING).willReturn(fault(fault)));

        HttpResponse<String> response = report(GOVERNANCE, request("https://x.example/p", "4.2"));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        assertThat(JSON.readTree(response.body()).get("trainingSnapshotNote").asString())
                .contains("will be taken");
        assertThat(incidents.findAll().get(0).getTrainingSnapshot().state().name())
                .isEqualTo("PENDING");

        others.stubFor(get(TRAINING)
                .willReturn(
                        json("{\"staffNumber\":\"10000002\",\"department\":\"Emergency Department\",\"modules\":[]}")));
        breakers.getAllCircuitBreakers().forEach(b -> b.reset());
        if (fault.equals("500") || fault.equals("reset")) {
            // The rounds between searches: this instance knows which incident it recorded without a snapshot.
            assertThat(service.fillKnownPendingSnapshots()).isEqualTo(1);
            assertThat(service.fillPendingSnapshots())
                    .as("nothing left for a search")
                    .isZero();
        } else {
            // The search (at start-up and hourly), which also finds those of an instance that stopped.
            assertThat(service.fillPendingSnapshots()).isEqualTo(1);
            assertThat(service.fillKnownPendingSnapshots())
                    .as("filled meanwhile: forgotten")
                    .isZero();
        }
        Incident filled = incidents.findAll().get(0);
        assertThat(filled.getTrainingSnapshot().state().name()).isEqualTo("RECORDED");
        assertThat(filled.getSubjectDepartment()).isEqualTo("Emergency Department");
    }

    @Test
    void aSubjectNotOnTheRosterIsRecordedAsSuch() throws Exception {
        others.stubFor(get(TRAINING).willReturn(aResponse().withStatus(404)));

        assertThat(report(NURSE, request("https://x.example/p", "4.2")).statusCode())
                .isEqualTo(201);
        assertThat(incidents.findAll().get(0).getTrainingSnapshot().state().name())
                .isEqualTo("NOT_ON_ROSTER");
    }

    @Test
    void badInputIs400NamingTheFieldAndTooBigIs413() throws Exception {
        assertThat(report(NURSE, request("ftp://files.example/p", "4.2")).body())
                .contains("evidence[0].reference");
        Map<String, Object> longDescription = new HashMap<>(request("https://x.example/p", "4.2"));
        longDescription.put("description", "x".repeat(10_001));
        HttpResponse<String> tooLong = report(NURSE, longDescription);
        assertThat(tooLong.statusCode()).isEqualTo(400);
        assertThat(tooLong.body()).contains("description");
        longDescription.put("description", "x".repeat(1_100_000));
        assertThat(report(NURSE, longDescription).statusCode()).isEqualTo(413);
        Map<String, Object> noCategory = new HashMap<>(request("https://x.example/p", "4.2"));
        noCategory.put("category", "GOSSIP");
        assertThat(report(NURSE, noCategory).statusCode()).isEqualTo(400);
        assertThat(incidents.count()).isZero();
        assertThat(send("GET", "/api/audit/incidents/SMB-2026-999999", GOVERNANCE, null)
                        .statusCode())
                .isEqualTo(404);
    }

    @Test
    void referencesStayUniqueAndSequentialUnderConcurrentReports() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<String>> reports = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            reports.add(pool.submit(() -> reference(report(NURSE, request("https://x.example/p", "4.2")))));
        }
        Set<Long> numbers = new HashSet<>();
        for (Future<String> r : reports) {
            numbers.add(Long.parseLong(r.get().substring(9)));
        }
        pool.shutdown();

        assertThat(numbers).hasSize(24);
        long min = numbers.stream().mapToLong(Long::longValue).min().orElseThrow();
        assertThat(numbers.stream().mapToLong(Long::longValue).max().orElseThrow() - min)
                .as("no gaps")
                .isEqualTo(23);
    }

    @Test
    void aCaseIsGivenOnlyToActiveStaffOnTheRosterAndARefusalChangesNothing() throws Exception {
        String ref = reference(report(NURSE, request("https://x.example/p", "4.2")));
        String base = "/api/audit/incidents/" + ref;
        assertThat(send("POST", base + "/triage", GOVERNANCE, "{\"severity\":\"MODERATE\"}")
                        .statusCode())
                .isEqualTo(200);
        others.stubFor(get(urlPathMatching("/api/training/directory/people"))
                .withQueryParam("number", WireMock.equalTo("99999999"))
                .atPriority(1)
                .willReturn(json("[]")));
        others.stubFor(get(urlPathMatching("/api/training/directory/people"))
                .withQueryParam("number", WireMock.equalTo("10000009"))
                .atPriority(1)
                .willReturn(json("[{\"staffNumber\":\"10000009\",\"name\":\"Sam Leaver\","
                        + "\"department\":\"Acute Medicine\",\"active\":false}]")));
        String action = "{\"description\":\"Ask for the post to be removed\",\"dueOn\":\""
                + LocalDate.now().plusDays(7) + "\",\"ownerStaffNumber\":";

        HttpResponse<String> nobody =
                send("POST", base + "/investigator", GOVERNANCE, "{\"staffNumber\":\"99999999\"}");
        assertThat(nobody.statusCode()).as(nobody.body()).isEqualTo(400);
        assertThat(JSON.readTree(nobody.body())
                        .get("errors")
                        .get(0)
                        .get("field")
                        .asString())
                .isEqualTo("staffNumber");
        assertThat(nobody.body()).contains("99999999 is not on the trust's roster");
        HttpResponse<String> leaver =
                send("POST", base + "/investigator", GOVERNANCE, "{\"staffNumber\":\"10000009\"}");
        assertThat(leaver.statusCode()).as(leaver.body()).isEqualTo(400);
        assertThat(leaver.body()).contains("10000009 has left the trust");
        HttpResponse<String> noOwner = send("POST", base + "/actions", GOVERNANCE, action + "\"99999999\"}");
        assertThat(noOwner.statusCode()).as(noOwner.body()).isEqualTo(400);
        assertThat(JSON.readTree(noOwner.body())
                        .get("errors")
                        .get(0)
                        .get("field")
                        .asString())
                .isEqualTo("ownerStaffNumber");
        HttpResponse<String> subject =
                send("POST", base + "/investigator", GOVERNANCE, "{\"staffNumber\":\"10000002\"}");
        assertThat(subject.statusCode())
                .as("the case's own rule is answered before the roster is asked")
                .isEqualTo(409);
        others.verify(
                0,
                WireMock.getRequestedFor(urlPathMatching("/api/training/directory/people"))
                        .withQueryParam("number", WireMock.equalTo("10000002")));

        others.stubFor(get(urlPathMatching("/api/training/directory/people"))
                .atPriority(1)
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        HttpResponse<String> unconfirmed =
                send("POST", base + "/investigator", GOVERNANCE, "{\"staffNumber\":\"10000004\"}");
        assertThat(unconfirmed.statusCode()).as(unconfirmed.body()).isEqualTo(503);
        assertThat(unconfirmed.headers().firstValue("Retry-After")).isPresent();
        assertThat(unconfirmed.body()).contains("nothing was changed").doesNotContain("Exception");
        assertThat(send("POST", base + "/actions", GOVERNANCE, action + "\"10000005\"}")
                        .statusCode())
                .isEqualTo(503);

        Incident unchanged = incidents.findAll().stream()
                .filter(i -> i.getReference().equals(ref))
                .findFirst()
                .orElseThrow();
        assertThat(unchanged.getInvestigatorStaffNumber()).isNull();
        assertThat(unchanged.getActions()).isEmpty();
        assertThat(askedOf()).as("no one was told of a part refused").isEmpty();

        OtherServices.reset();
        assertThat(send("POST", base + "/investigator", GOVERNANCE, "{\"staffNumber\":\"10000004\"}")
                        .statusCode())
                .isEqualTo(200);
        assertThat(send("POST", base + "/actions", GOVERNANCE, action + "\"10000005\"}")
                        .statusCode())
                .isEqualTo(200);
        others.verify(
                2,
                WireMock.getRequestedFor(urlPathMatching("/api/training/directory/people"))
                        .withHeader("Authorization", WireMock.equalTo("Bearer service-token")));
    }

    @Test
    void governanceListsTheOpenCasesWaitingOnSomeoneWhoHasLeft() throws Exception {
        String action = "{\"description\":\"Ask for the post to be removed\",\"dueOn\":\""
                + LocalDate.now().plusDays(7) + "\",\"ownerStaffNumber\":\"10000005\"}";
        List<String> refs = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String ref = reference(report(NURSE, request("https://x.example/p" + i, "4.2")));
            assertThat(send("POST", "/api/audit/incidents/" + ref + "/triage", GOVERNANCE, "{}")
                            .statusCode())
                    .isEqualTo(200);
            refs.add(ref);
        }
        // The first investigated by Chris; the second by Sam, with an open action of Chris's; the third by Sam, with
        // an action of Chris's that is done.
        assertThat(send(
                                "POST",
                                "/api/audit/incidents/" + refs.get(0) + "/investigator",
                                GOVERNANCE,
                                "{\"staffNumber\":\"10000005\"}")
                        .statusCode())
                .isEqualTo(200);
        for (String ref : refs.subList(1, 3)) {
            assertThat(send(
                                    "POST",
                                    "/api/audit/incidents/" + ref + "/investigator",
                                    GOVERNANCE,
                                    "{\"staffNumber\":\"10000007\"}")
                            .statusCode())
                    .isEqualTo(200);
            HttpResponse<String> added = send("POST", "/api/audit/incidents/" + ref + "/actions", GOVERNANCE, action);
            assertThat(added.statusCode()).as(added.body()).isEqualTo(200);
        }
        String actionId = JSON.readTree(send("GET", "/api/audit/incidents/" + refs.get(2), GOVERNANCE, null)
                        .body())
                .get("actions")
                .get(0)
                .get("id")
                .asString();
        HttpResponse<String> done = send(
                "POST", "/api/audit/incidents/" + refs.get(2) + "/actions/" + actionId + "/done", GOVERNANCE, null);
        assertThat(done.statusCode()).as(done.body()).isEqualTo(200);
        String waiting = "/api/audit/incidents?waitingOnLeaver=true&sort=reference,asc";
        assertThat(JSON.readTree(send("GET", waiting, GOVERNANCE, null).body()).get("content"))
                .as("while everyone is on the staff")
                .isEmpty();

        // HR's roster now has Chris as a leaver; Sam is still on the staff.
        others.stubFor(get(urlPathMatching("/api/training/directory/people"))
                .atPriority(1)
                .willReturn(json("[{\"staffNumber\":\"10000005\",\"name\":\"Chris Okafor\",\"department\":\"Acute "
                        + "Medicine\",\"active\":false},{\"staffNumber\":\"10000007\",\"name\":\"Sam Porter\","
                        + "\"department\":\"Estates\",\"active\":true}]")));
        HttpResponse<String> listed = send("GET", waiting, GOVERNANCE, null);
        assertThat(listed.statusCode()).as(listed.body()).isEqualTo(200);
        List<String> references = new ArrayList<>();
        JSON.readTree(listed.body())
                .get("content")
                .forEach(c -> references.add(c.get("reference").asString()));
        assertThat(references)
                .as("his investigation and his open action; not the case whose action of his is done")
                .containsExactly(refs.get(0), refs.get(1));
        assertThat(JSON.readTree(send("GET", waiting + "&assignedToMe=true", GOVERNANCE, null)
                                .body())
                        .get("content"))
                .as("combined with the other filters")
                .isEmpty();

        others.stubFor(get(urlPathMatching("/api/training/directory/people"))
                .atPriority(1)
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        HttpResponse<String> unknown = send("GET", waiting, GOVERNANCE, null);
        assertThat(unknown.statusCode())
                .as("no list is better than a wrong one")
                .isEqualTo(503);
        assertThat(unknown.body()).contains("who has left the trust").doesNotContain("Exception");
    }

    @Test
    void theWorkflowRunsInOrderEachRoleSeesItsShareAndTheLogVerifies() throws Exception {
        long logStart =
                mongo.count(new Query(), "audit_log") + 1; // the context (and its log) is shared with other tests
        String ref = reference(report(NURSE, request("https://x.example/p", "4.2")));
        String base = "/api/audit/incidents/" + ref;

        assertThat(askedOf())
                .as("a report not yet triaged asks nothing of anyone")
                .isEmpty();
        assertThat(send("POST", base + "/close", GOVERNANCE, null).statusCode())
                .as("REPORTED → CLOSED")
                .isEqualTo(409);
        assertThat(send("POST", base + "/triage", NURSE, "{}").statusCode()).isEqualTo(403);
        assertThat(send("POST", base + "/triage", GOVERNANCE, "{\"severity\":\"MODERATE\"}")
                        .statusCode())
                .isEqualTo(200);
        assertThat(send("POST", base + "/triage", GOVERNANCE, "{}").statusCode())
                .as("twice")
                .isEqualTo(409);
        assertThat(send("POST", base + "/investigation", GOVERNANCE, null).statusCode())
                .as("no investigator yet")
                .isEqualTo(409);
        assertThat(send("POST", base + "/investigator", GOVERNANCE, "{\"staffNumber\":\"10000002\"}")
                        .statusCode())
                .as("the subject cannot investigate")
                .isEqualTo(409);
        assertThat(send("POST", base + "/investigator", GOVERNANCE, "{\"staffNumber\":\"10000004\"}")
                        .statusCode())
                .isEqualTo(200);
        assertThat(send("POST", base + "/investigation", GOVERNANCE, null).statusCode())
                .isEqualTo(200);
        assertThat(send(
                                "POST",
                                base + "/actions",
                                GOVERNANCE,
                                "{\"description\":\"Ask for the post to be removed\",\"ownerStaffNumber\":\"10000005\",\"dueOn\":\""
                                        + LocalDate.now().plusDays(7) + "\"}")
                        .statusCode())
                .isEqualTo(200);
        assertThat(send("POST", base + "/notes", GOVERNANCE, "{\"text\":\"Interviewed the subject on Ward 7.\"}")
                        .statusCode())
                .isEqualTo(200);
        // The investigator and the action's owner each find the case on their to-do list, with their part only.
        JsonNode investigating = assignment(GOVERNANCE, ref);
        assertThat(investigating.get("investigator").asBoolean()).isTrue();
        assertThat(investigating.get("actions")).isEmpty();
        JsonNode owning = assignment(TestTokens.person("jordan.hr", "10000005", "Workforce", "staff"), ref);
        assertThat(owning.get("investigator").asBoolean()).isFalse();
        assertThat(owning.get("actions").get(0).get("description").asString())
                .isEqualTo("Ask for the post to be removed");
        assertThat(owning.toString()).doesNotContain("10000002");
        assertThat(assignment(NURSE, ref)).as("the reporter is asked nothing").isNull();
        // training-service's reminders are told the same.
        assertThat(askedOf()).containsExactlyInAnyOrder("INVESTIGATOR_ASSIGNED 10000004", "ACTION_ASSIGNED 10000005");
        HttpResponse<String> noExpiry = send(
                "POST", base + "/outcome", GOVERNANCE, "{\"type\":\"FORMAL_WARNING\",\"summary\":\"Formal warning\"}");
        assertThat(noExpiry.statusCode()).isEqualTo(400);
        assertThat(noExpiry.body()).contains("expiresOn");
        assertThat(send(
                                "POST",
                                base + "/outcome",
                                GOVERNANCE,
                                "{\"type\":\"REFERRAL_TO_REGULATOR\",\"summary\":\"Referral\"}")
                        .body())
                .contains("regulator");
        assertThat(send(
                                "POST",
                                base + "/outcome",
                                GOVERNANCE,
                                "{\"type\":\"FORMAL_WARNING\",\"summary\":\"Formal warning, 12 months\",\"expiresOn\":\""
                                        + LocalDate.now().plusYears(1) + "\"}")
                        .statusCode())
                .isEqualTo(200);
        assertThat(send("POST", base + "/close", GOVERNANCE, null).statusCode()).isEqualTo(200);
        assertThat(assignment(GOVERNANCE, ref))
                .as("a closed case asks nothing more")
                .isNull();

        // Who sees what.
        String subjectView = send("GET", base, DOCTOR, null).body();
        assertThat(subjectView)
                .contains("FORMAL_WARNING")
                .contains("4.2")
                .doesNotContain("Interviewed")
                .doesNotContain("10000001")
                .doesNotContain("public group");
        String reporterView = send("GET", base, NURSE, null).body();
        assertThat(reporterView)
                .contains(ref)
                .contains("CLOSED")
                .doesNotContain("FORMAL_WARNING")
                .doesNotContain("Interviewed");
        assertThat(send("GET", base, COLLEAGUE, null).statusCode()).isEqualTo(403);
        assertThat(send("GET", base, AUDITOR, null).body()).contains("Interviewed");
        assertThat(send("GET", "/api/audit/incidents/mine?size=5", DOCTOR, null).body())
                .contains(ref);

        // HR reads outcomes, never the notes.
        String outcomes = send(
                        "GET",
                        "/api/audit/outcomes?from=" + LocalDate.now() + "&to="
                                + LocalDate.now().plusDays(1),
                        HR,
                        null)
                .body();
        assertThat(outcomes)
                .contains(ref)
                .contains("FORMAL_WARNING")
                .doesNotContain("Interviewed")
                .doesNotContain("public group");
        assertThat(send("GET", "/api/audit/outcomes?from=2026-01-01&to=2027-01-01", NURSE, null)
                        .statusCode())
                .isEqualTo(403);

        // The subject appeals; the case reopens and the first outcome is kept.
        assertThat(send("POST", base + "/appeal", COLLEAGUE, "{\"reason\":\"x\"}")
                        .statusCode())
                .isEqualTo(403);
        assertThat(send("POST", base + "/appeal", DOCTOR, "{\"reason\":\"The photo was taken with consent.\"}")
                        .statusCode())
                .isEqualTo(200);
        assertThat(incidents.findById(ref).orElseThrow().getStatus()).isEqualTo(Incident.Status.UNDER_INVESTIGATION);
        assertThat(askedOf())
                .as("the outcome told to the subject, the appeal to the investigator, the open action to its owner")
                .containsExactlyInAnyOrder(
                        "INVESTIGATOR_ASSIGNED 10000004",
                        "ACTION_ASSIGNED 10000005",
                        "OUTCOME_DECIDED 10000002",
                        "APPEAL_LODGED 10000004");
        assertThat(send(
                                "POST",
                                base + "/outcome",
                                GOVERNANCE,
                                "{\"type\":\"NO_CASE_TO_ANSWER\",\"summary\":\"Consent confirmed\"}")
                        .statusCode())
                .isEqualTo(200);
        Incident reopened = incidents.findById(ref).orElseThrow();
        assertThat(reopened.getEarlierOutcomes())
                .extracting("type")
                .extracting(Object::toString)
                .containsExactly("FORMAL_WARNING");
        assertThat(reopened.getTransitions())
                .extracting("to")
                .extracting(Object::toString)
                .containsExactly(
                        "TRIAGED",
                        "UNDER_INVESTIGATION",
                        "OUTCOME_RECORDED",
                        "CLOSED",
                        "UNDER_INVESTIGATION",
                        "OUTCOME_RECORDED");

        // Reports and the log.
        JsonNode report = JSON.readTree(send(
                        "GET",
                        "/api/audit/reports/incidents?from=" + LocalDate.now().minusDays(1) + "&to="
                                + LocalDate.now().plusDays(1),
                        GOVERNANCE,
                        null)
                .body());
        assertThat(report.get("byCategory")
                        .get("PATIENT_IMAGES_WITHOUT_CONSENT")
                        .asLong())
                .isEqualTo(1);
        assertThat(report.get("bySeverity").get("MODERATE").asLong()).isEqualTo(1);
        assertThat(report.get("byDepartment").get("Emergency Department").asLong())
                .isEqualTo(1);
        assertThat(report.get("nonCompliantAtTheTime").asLong()).isEqualTo(1);
        assertThat(report.get("openByAge").get("upTo30Days").asLong()).isEqualTo(1);
        String log = send("GET", "/api/audit/log?from=" + logStart + "&size=1000", AUDITOR, null)
                .body();
        assertThat(log)
                .contains("incident.reported")
                .contains("incident.closed")
                .contains("incident.appealed")
                .contains(ref);
        JsonNode verification = JSON.readTree(
                send("GET", "/api/audit/log/verify", AUDITOR, null).body());
        assertThat(verification.get("intact").asBoolean())
                .as(verification.toString())
                .isTrue();
    }

    @Test
    void aReportRefusedForAFutureOrImplausibleDateSpendsNoNumber() throws Exception {
        String first = reference(report(NURSE, request("https://x.example/p", "4.2")));
        Map<String, Object> future = new HashMap<>(request("https://x.example/p", "4.2"));
        future.put("occurredAt", Instant.now().plus(Duration.ofDays(2)).toString());
        HttpResponse<String> refused = report(NURSE, future);
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("occurredAt");
        future.put("occurredAt", "+999999999-12-31T23:59:59Z");
        assertThat(report(NURSE, future).statusCode()).isEqualTo(400);
        future.put("occurredAt", "1999-12-31T23:59:59Z");
        HttpResponse<String> lastCentury = report(NURSE, future);
        assertThat(lastCentury.statusCode()).isEqualTo(400);
        assertThat(lastCentury.body()).contains("occurredAt").contains("between the years 2000 and 2999");

        String next = reference(report(NURSE, request("https://x.example/p", "4.2")));
        assertThat(Long.parseLong(next.substring(9)))
                .as("the refused reports took no number")
                .isEqualTo(Long.parseLong(first.substring(9)) + 1);
    }

    @Test
    void noOneJudgesTheirOwnCase() throws Exception {
        String otherGovernance =
                TestTokens.person("sam.governance", "10000008", "Clinical Governance", "staff", "governance");
        // A nurse reports the governance lead himself.
        Map<String, Object> aboutGovernance = new HashMap<>(request("https://x.example/p", "4.2"));
        aboutGovernance.put("subjectStaffNumber", "10000004");
        String ref = reference(report(NURSE, aboutGovernance));
        String base = "/api/audit/incidents/" + ref;

        String asSubject = send("GET", base, GOVERNANCE, null).body();
        assertThat(asSubject)
                .as("the subject's view, whatever his role")
                .contains(ref)
                .doesNotContain("10000001")
                .doesNotContain("public group")
                .doesNotContain("\"notes\"");
        HttpResponse<String> ownTriage = send("POST", base + "/triage", GOVERNANCE, "{}");
        assertThat(ownTriage.statusCode()).isEqualTo(403);
        assertThat(ownTriage.body()).contains("subject of this incident");
        assertThat(send("POST", base + "/triage", otherGovernance, "{}").statusCode())
                .isEqualTo(200);
        assertThat(send("POST", base + "/notes", GOVERNANCE, "{\"text\":\"I did nothing wrong\"}")
                        .statusCode())
                .isEqualTo(403);
        assertThat(incidents.findById(ref).orElseThrow().getNotes()).isEmpty();

        // Governance reports a doctor: as the reporter, they may not work the case either, nor be its investigator.
        String reported = reference(report(GOVERNANCE, request("https://x.example/p", "4.2")));
        assertThat(send("POST", "/api/audit/incidents/" + reported + "/triage", GOVERNANCE, "{}")
                        .statusCode())
                .isEqualTo(403);
        assertThat(send("POST", "/api/audit/incidents/" + reported + "/triage", otherGovernance, "{}")
                        .statusCode())
                .isEqualTo(200);
        HttpResponse<String> reporterInvestigates = send(
                "POST",
                "/api/audit/incidents/" + reported + "/investigator",
                otherGovernance,
                "{\"staffNumber\":\"10000004\"}");
        assertThat(reporterInvestigates.statusCode()).isEqualTo(409);
        assertThat(reporterInvestigates.body()).contains("reported");
    }

    @Test
    void someoneNotInvolvedGetsTheSame403WhetherOrNotTheReferenceExists() throws Exception {
        String ref = reference(report(NURSE, request("https://x.example/p", "4.2")));
        HttpResponse<String> existing = send("GET", "/api/audit/incidents/" + ref, COLLEAGUE, null);
        HttpResponse<String> missing = send("GET", "/api/audit/incidents/SMB-2026-999999", COLLEAGUE, null);

        assertThat(existing.statusCode()).isEqualTo(403);
        assertThat(missing.statusCode()).isEqualTo(403);
        assertThat(JSON.readTree(existing.body()).get("detail"))
                .isEqualTo(JSON.readTree(missing.body()).get("detail"));
        assertThat(send("POST", "/api/audit/incidents/SMB-2026-999999/appeal", COLLEAGUE, "{\"reason\":\"x\"}")
                        .statusCode())
                .isEqualTo(403);
    }

    @Test
    void aChangeWhoseLogEntryWasNotAppendedBeforeAStopIsAppendedOnceAfterIt() throws Exception {
        for (String field : List.of(AuditOutbox.FIELD, "pendingLogEntries")) {
            String ref = reference(report(NURSE, request("https://x.example/p", "4.2")));
            long before = mongo.count(new Query(), "audit_log");
            // What a stop right after saving a change leaves: the change, with its event still inside the incident
            // (under its old name when the previous release stopped so).
            AuditEvent entry = new AuditEvent(
                    UUID.randomUUID().toString(),
                    "audit-service",
                    Instant.now().truncatedTo(ChronoUnit.MILLIS),
                    "staff:10000004",
                    "incident.triaged",
                    ref,
                    Map.of("status", "TRIAGED"));
            mongo.updateFirst(
                    Query.query(Criteria.where("_id").is(ref)), new Update().push(field, entry), Incident.class);

            int found = pendingAuditEvents.sweep() + legacyEntries.sweep();
            assertThat(found).as(field).isEqualTo(1);
            assertThat(pendingAuditEvents.sweep() + legacyEntries.sweep()).isZero();

            assertThat(mongo.count(new Query(), "audit_log")).isEqualTo(before + 1);
            assertThat(mongo.count(Query.query(Criteria.where("eventId").is(entry.eventId())), "audit_log"))
                    .isEqualTo(1);
            assertThat(mongo.count(
                            Query.query(Criteria.where("_id")
                                    .is(ref)
                                    .and("pendingLogEntries")
                                    .exists(true)),
                            Incident.class))
                    .isZero();
        }
        assertThat(JSON.readTree(send("GET", "/api/audit/log/verify", AUDITOR, null)
                                .body())
                        .get("intact")
                        .asBoolean())
                .isTrue();
    }

    @Test
    void servicesAppendOnlyTheirOwnEventsWithSmallSafeDetails() throws Exception {
        String policyService = TestTokens.serviceAccount("policy-service", "service");
        String valid = "{\"eventId\":\"" + UUID.randomUUID()
                + "\",\"source\":\"policy-service\",\"occurredAt\":\"2026-11-24T10:15:00Z\","
                + "\"actor\":\"staff:10000004\",\"action\":\"policy.version.published\",\"target\":\"SM-001/1.1\",\"details\":%s}";

        assertThat(send(
                                "POST",
                                "/api/audit/events",
                                policyService,
                                String.format(valid, "{\"contentHash\":\"sha256:x\"}"))
                        .statusCode())
                .isEqualTo(201);
        HttpResponse<String> foreign = send(
                "POST",
                "/api/audit/events",
                policyService,
                String.format(valid, "{}").replace("policy.version.published", "training.completion.recorded"));
        assertThat(foreign.statusCode()).as("another service's event").isEqualTo(403);
        assertThat(send(
                                "POST",
                                "/api/audit/events",
                                policyService,
                                String.format(valid, "{}").replace("staff:10000004", "Alice Smith"))
                        .body())
                .contains("actor");
        for (String details : List.of(
                "{\"a\":{\"b\":{\"c\":{\"d\":{\"e\":1}}}}}",
                "{\"a\":\"\\ud800\"}",
                "{\"a\":{\"\\u0000\":1}}",
                "{\"a\":{\"$gt\":1}}",
                "{\"a\":123456789012345678901234567890}",
                "{\"a\":" + "[".repeat(600) + "]".repeat(600) + "}")) {
            HttpResponse<String> refused =
                    send("POST", "/api/audit/events", policyService, String.format(valid, details));
            assertThat(refused.statusCode())
                    .as(details.substring(0, Math.min(40, details.length())) + " " + refused.body())
                    .isEqualTo(400);
            assertThat(refused.body()).contains("details");
        }
        assertThat(JSON.readTree(send("GET", "/api/audit/log/verify", AUDITOR, null)
                                .body())
                        .get("intact")
                        .asBoolean())
                .isTrue();
    }

    private static ResponseDefinitionBuilder fault(String kind) {
        return switch (kind) {
            case "500" -> aResponse().withStatus(500);
            case "slow" ->
                json("{\"clause\":{\"number\":\"4.2\",\"heading\":\"late\"}}").withFixedDelay(1500);
            case "reset" -> aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER);
            default -> json("{\"number\": ");
        };
    }

    static Map<String, Object> request(String evidenceUrl, String... clauses) {
        return Map.of(
                "subjectStaffNumber",
                "10000002",
                "occurredAt",
                "2026-11-20T21:30:00Z",
                "platform",
                "FACEBOOK",
                "category",
                "PATIENT_IMAGES_WITHOUT_CONSENT",
                "severity",
                "HIGH",
                "description",
                "A photo of bay 3 was posted to a public group; a patient is recognisable.",
                "evidence",
                List.of(Map.of("kind", "URL", "reference", evidenceUrl, "note", "Post, since removed")),
                "breachedClauses",
                Arrays.stream(clauses)
                        .map(c -> Map.of("policyCode", "SM-001", "policyVersion", "1.0", "clauseNumber", c))
                        .toList());
    }

    private HttpResponse<String> report(String token, Map<String, Object> body) throws Exception {
        return send("POST", "/api/audit/incidents", token, JSON.writeValueAsString(body));
    }

    private HttpResponse<String> sendKeyed(String token, String body, String key) throws Exception {
        return send("POST", "/api/audit/incidents", token, body, key);
    }

    private String reference(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return JSON.readTree(response.body()).get("reference").asString();
    }

    private HttpResponse<String> send(String method, String path, String token, String body) throws Exception {
        return send(method, path, token, body, null);
    }

    /** With an {@code Idempotency-Key} ({@code null}: without one). */
    private HttpResponse<String> send(String method, String path, String token, String body, String key)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json");
        if (key != null) {
            request.header("Idempotency-Key", key);
        }
        request.method(
                method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    static ResponseDefinitionBuilder json(String body) {
        return aResponse().withHeader("Content-Type", "application/json").withBody(body);
    }

    /** What training-service's reminders are told is asked of whom, as "KIND staffNumber" (signals left out). */
    private List<String> askedOf() throws Exception {
        HttpResponse<String> answer = send(
                "GET",
                "/api/audit/incidents/attention",
                TestTokens.serviceAccount("training-service", "service"),
                null);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        List<String> asked = new ArrayList<>();
        for (JsonNode item : JSON.readTree(answer.body())) {
            if (!item.get("kind").asString().equals("SIGNAL_RAISED")) {
                asked.add(item.get("kind").asString() + " "
                        + item.get("staffNumber").asString());
            }
        }
        return asked;
    }

    /** The caller's to-do entry for one incident, or null when it asks nothing of them. */
    private JsonNode assignment(String token, String reference) throws Exception {
        HttpResponse<String> answer = send("GET", "/api/audit/incidents/assigned?size=200", token, null);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        for (JsonNode entry : JSON.readTree(answer.body()).get("content")) {
            if (entry.get("reference").asString().equals(reference)) {
                return entry;
            }
        }
        return null;
    }
}
