package org.trustgov.audit;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.trustgov.auditclient.access.AccessLog;
import org.trustgov.test.IntegrationTest;
import org.trustgov.test.OtherServices;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Figures for the README, not a test: {@code ./mvnw -Pbenchmarks -pl audit-service -am test
 * -Dtest=SubjectAccessBenchmark}. The time to make one person's subject access bundle over HTTP when they have 1,000
 * items: 700 attempts and 100 notifications (training-service, played by WireMock as it answers), 100
 * acknowledgements and 50 comments (policy-service, likewise), 20 incidents about them with their log entries, and 40
 * reads of their records (1,010 items); each bundle sealed in the log with its proofs. Three warm-up bundles, then 10 timed;
 * prints the median, 95th percentile and the longest. Target: under 2 s.
 */
@IntegrationTest
class SubjectAccessBenchmark {

    static final WireMockServer others = OtherServices.wireMock();
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final int TIMED = Integer.getInteger("benchmark.bundles", 10);

    @LocalServerPort
    int port;

    @Autowired
    AccessLog accessLog;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void aBundleOfAThousandItems() throws Exception {
        AuditServiceApplicationTest.stubPolicyAndTraining();
        List<Map<String, Object>> attempts = new ArrayList<>();
        for (int i = 0; i < 700; i++) {
            attempts.add(Map.of(
                    "id",
                    "a" + i,
                    "moduleCode",
                    "SMW-" + (i % 50),
                    "moduleVersion",
                    1,
                    "status",
                    "SUBMITTED",
                    "score",
                    90,
                    "passed",
                    true,
                    "certificateId",
                    "CERT-" + i,
                    "completedAt",
                    "2026-11-30T10:00:00Z",
                    "expiresAt",
                    "2027-11-30T10:00:00Z"));
        }
        List<Map<String, Object>> notifications = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            notifications.add(Map.of(
                    "id",
                    "n" + i,
                    "reason",
                    "training-due",
                    "heading",
                    "Training due",
                    "text",
                    "Complete SMW-" + i + " by 2027-01-10.",
                    "decidedAt",
                    "2026-11-30T10:00:00Z"));
        }
        Map<String, Object> training = new HashMap<>(Map.of(
                "staffNumber",
                "10000002",
                "roster",
                Map.of("staffNumber", "10000002", "name", "Priya Shah", "department", "Emergency Department"),
                "attempts",
                attempts,
                "overrides",
                List.of(),
                "notifications",
                notifications));
        List<Map<String, Object>> acknowledgements = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            acknowledgements.add(
                    Map.of("policyCode", "SM-" + (100 + i), "version", "1.0", "at", "2026-11-01T09:00:00Z"));
        }
        List<Map<String, Object>> comments = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            comments.add(Map.of(
                    "id",
                    "c" + i,
                    "policyCode",
                    "SM-001",
                    "version",
                    "1.1",
                    "clauseNumber",
                    "4." + i,
                    "writtenBy",
                    "you",
                    "text",
                    "Comment " + i,
                    "replies",
                    List.of()));
        }
        others.stubFor(get("/api/training/subject-access/10000002")
                .willReturn(AuditServiceApplicationTest.json(JSON.writeValueAsString(training))));
        others.stubFor(get("/api/policy/subject-access/10000002")
                .willReturn(AuditServiceApplicationTest.json(JSON.writeValueAsString(Map.of(
                        "staffNumber", "10000002", "acknowledgements", acknowledgements, "comments", comments)))));
        for (int i = 0; i < 20; i++) {
            HttpResponse<String> reported = send(
                    "POST",
                    "/api/audit/incidents",
                    AuditServiceApplicationTest.NURSE,
                    JSON.writeValueAsString(AuditServiceApplicationTest.request("https://x.example/bench" + i, "4.2")));
            String reference = JSON.readTree(reported.body()).get("reference").asString();
            send("GET", "/api/audit/incidents/" + reference, AuditServiceApplicationTest.GOVERNANCE, null);
            send("GET", "/api/audit/incidents/" + reference, AuditServiceApplicationTest.AUDITOR, null);
        }
        accessLog.flush();

        String request = JSON.writeValueAsString(Map.of(
                "staffNumber",
                "10000002",
                "requestedOn",
                LocalDate.now(ZoneOffset.UTC).toString()));
        for (int i = 0; i < 3; i++) {
            bundle(request);
        }
        List<Long> millis = new ArrayList<>();
        int items = 0;
        int entries = 0;
        for (int i = 0; i < TIMED; i++) {
            long start = System.nanoTime();
            JsonNode bundle = bundle(request);
            millis.add((System.nanoTime() - start) / 1_000_000);
            items = bundle.get("items").asInt();
            entries = bundle.get("entries").size();
        }
        Collections.sort(millis);
        System.out.printf(
                "subject access bundle: %d items, %d log entries: median %d ms, p95 %d ms, longest %d ms over %d bundles%n",
                items,
                entries,
                millis.get(millis.size() / 2),
                millis.get((int) Math.ceil(millis.size() * 0.95) - 1),
                millis.get(millis.size() - 1),
                TIMED);
        assertThat(items).isGreaterThanOrEqualTo(1000);
    }

    private JsonNode bundle(String request) throws Exception {
        HttpResponse<String> made =
                send("POST", "/api/audit/subject-access", AuditServiceApplicationTest.GOVERNANCE, request);
        assertThat(made.statusCode()).as(made.body()).isEqualTo(200);
        return JSON.readTree(made.body());
    }

    private HttpResponse<String> send(String method, String path, String token, String body) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                        .header("Authorization", "Bearer " + token)
                        .header("Content-Type", "application/json")
                        .method(
                                method,
                                body == null
                                        ? HttpRequest.BodyPublishers.noBody()
                                        : HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
