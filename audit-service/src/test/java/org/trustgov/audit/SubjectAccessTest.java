package org.trustgov.audit;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.trustgov.auditclient.access.AccessLog;
import org.trustgov.test.IntegrationTest;
import org.trustgov.test.OtherServices;
import org.trustgov.transparency.verifier.Verify;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A person's subject access bundle over the running service (training- and policy-service played by WireMock, as
 * they answer): what each holds and the incidents and reads of their records, other people by role and never by
 * number, the log's entries about them proved and sealed so the offline verifier checks it, and an edited bundle
 * refused; the making of it is in the log; bad requests, an unknown person and a service down are refused.
 */
@IntegrationTest
class SubjectAccessTest {

    static final WireMockServer others = OtherServices.wireMock();
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final String GOVERNANCE = AuditServiceApplicationTest.GOVERNANCE;
    static final String TRAINING = "/api/training/subject-access/10000002";
    static final String POLICY = "/api/policy/subject-access/10000002";

    @LocalServerPort
    int port;

    @Autowired
    AccessLog accessLog;

    @Autowired
    CircuitBreakerRegistry breakers;

    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void stubs() {
        AuditServiceApplicationTest.stubPolicyAndTraining();
        breakers.getAllCircuitBreakers().forEach(b -> b.reset());
        others.stubFor(get(TRAINING).willReturn(AuditServiceApplicationTest.json("""
                {"staffNumber":"10000002",
                 "roster":{"staffNumber":"10000002","name":"Priya Shah","department":"Emergency Department",
                           "staffGroup":"Medical and Dental","lineManager":"their line manager","active":true},
                 "attempts":[{"id":"a1","moduleCode":"SMW-01","moduleVersion":1,"status":"SUBMITTED","score":100,
                              "passed":true,"certificateId":"CERT-1","completedAt":"2026-11-30T10:00:00Z"}],
                 "overrides":[],"notifications":[{"id":"n1","reason":"training-due","heading":"Training due"}]}""")));
        others.stubFor(get(POLICY).willReturn(AuditServiceApplicationTest.json("""
                {"staffNumber":"10000002",
                 "acknowledgements":[{"policyCode":"SM-001","version":"1.0","at":"2026-11-01T09:00:00Z"}],
                 "comments":[{"id":"c1","policyCode":"SM-001","version":"1.1","clauseNumber":"4.2","writtenBy":"you",
                              "text":"Say what counts as a patient image.","replies":[{"by":"a reviewer","text":"Done."}]}]}""")));
    }

    @Test
    void aPersonsBundleHoldsAllThreeServicesOthersByRoleAndVerifiesOffline() throws Exception {
        String reference = JSON.readTree(send(
                                "/api/audit/incidents",
                                AuditServiceApplicationTest.NURSE,
                                JSON.writeValueAsString(
                                        AuditServiceApplicationTest.request("https://x.example/sar", "4.2")))
                        .body())
                .get("reference")
                .asString();
        String base = "/api/audit/incidents/" + reference;
        assertThat(send(base + "/triage", GOVERNANCE, "{}").statusCode()).isEqualTo(200);
        assertThat(send(base + "/investigator", GOVERNANCE, "{\"staffNumber\":\"10000005\"}")
                        .statusCode())
                .isEqualTo(200);
        assertThat(send(base + "/notes", GOVERNANCE, "{\"text\":\"Spoke to the ward manager.\"}")
                        .statusCode())
                .isEqualTo(200);
        http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + base))
                        .header("Authorization", "Bearer " + AuditServiceApplicationTest.AUDITOR)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        accessLog.flush(); // the auditor's read in a batch of its own, the reporter's in the next
        http.send( // the reporter follows her report
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + base))
                        .header("Authorization", "Bearer " + AuditServiceApplicationTest.NURSE)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        accessLog.flush();

        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        HttpResponse<String> made = send("/api/audit/subject-access", GOVERNANCE, request("10000002", today));
        assertThat(made.statusCode()).as(made.body()).isEqualTo(200);
        JsonNode bundle = JSON.readTree(made.body());
        assertThat(bundle.get("respondBy").asString())
                .isEqualTo(today.plusMonths(1).toString());
        assertThat(bundle.get("training").get("roster").get("name").asString()).isEqualTo("Priya Shah");
        assertThat(bundle.get("policy").get("comments").get(0).get("text").asString())
                .contains("patient image");
        JsonNode theCase = null;
        for (JsonNode c : bundle.get("incidents")) {
            if (c.get("reference").asString().equals(reference)) {
                theCase = c;
            }
        }
        assertThat(theCase.get("relation").asString()).isEqualTo("subject");
        assertThat(theCase.get("reportedBy").asString()).isEqualTo("reporter");
        assertThat(theCase.get("investigator").asString()).isEqualTo("investigator");
        assertThat(theCase.get("notesWithheld").asBoolean()).isTrue();
        assertThat(theCase.get("description").isNull())
                .as("the reporter's words")
                .isTrue();
        assertThat(bundle.get("readsOfTheirRecords").findValuesAsString("viewerRole"))
                .contains("auditor", "reporter")
                .doesNotContain("staff");
        assertThat(bundle.get("readsOfTheirRecords")
                        .valueStream()
                        .filter(r -> r.get("viewerRole").asString().equals("reporter"))
                        .map(r -> r.get("at").asString() + " "
                                + r.get("timeWithheld").asBoolean())
                        .toList())
                .as("the reporter's reads by their day only")
                .isNotEmpty()
                .allMatch(r -> r.endsWith("T00:00:00Z true"));
        assertThat(made.body())
                .as("the reporter's ward, which her read would have named")
                .doesNotContain("Acute Medicine");
        // Nor the time of the report: its day only, and of the case's workflow in the log only the steps others took.
        assertThat(theCase.get("reportedAt").asString()).isEqualTo(today + "T00:00:00Z");
        assertThat(theCase.get("reportTimeWithheld").asBoolean()).isTrue();
        assertThat(theCase.get("trainingSnapshot").get("takenAt").asString())
                .as("her training as it stood when reported, taken at the report's second: its day only")
                .isEqualTo(today + "T00:00:00Z");
        List<String> caseEntries = bundle.get("entries")
                .valueStream()
                .filter(e -> e.get("target").asString().equals(reference))
                .map(e -> e.get("action").asString())
                .toList();
        assertThat(caseEntries)
                .as("the case's workflow without the reporter's own step, whose entry has its second")
                .contains("incident.triaged", "incident.investigator-assigned", "incident.note-added")
                .doesNotContain("incident.reported");
        // The batches of the case's reads: the auditor's in the bundle, the reporter's (stamped within a second of
        // her read, shown by its day) not.
        Map<String, String> batchOf = new java.util.HashMap<>();
        for (JsonNode read : JSON.readTree(send(
                                "/api/audit/access-records?subject=10000002&recordId=" + reference,
                                AuditServiceApplicationTest.AUDITOR,
                                null)
                        .body())
                .get("content")) {
            batchOf.put(
                    read.get("viewer").asString(),
                    "access-batch:" + read.get("batchId").asString());
        }
        assertThat(bundle.get("entries").findValuesAsString("eventId"))
                .contains(batchOf.get("staff:10000006"))
                .doesNotContain(batchOf.get("staff:10000001"));
        assertThat(made.body()).as("the withheld are said").contains("the time it was reported");
        assertThat(made.body())
                .as("no other person by number, in the content or the entries")
                .doesNotContain("10000001")
                .doesNotContain("10000004")
                .doesNotContain("10000005")
                .doesNotContain("10000006")
                .doesNotContain("Spoke to the ward manager");
        assertThat(bundle.get("openings").size()).as("her own values opened").isPositive();

        String keys = send("/api/audit/log/checkpoint/key", AuditServiceApplicationTest.AUDITOR, null)
                .body()
                .strip();
        Verify.Verdict verdict = Verify.bundle(made.body(), keys);
        assertThat(verdict.result()).contains("each unchanged").contains("complete and unedited as sealed");
        String edited = made.body().replace("Priya Shah", "Priya Shaw");
        try {
            Verify.bundle(edited, keys);
            throw new AssertionError("an edited bundle verified");
        } catch (Verify.Failure refused) {
            assertThat(refused.getMessage()).contains("was edited");
        }
        JsonNode manifest = bundle.get("manifest").get("entry");
        assertThat(manifest.get("action").asString()).isEqualTo("export.sealed");
        assertThat(manifest.get("details").get("format").asString()).isEqualTo("trustgov-subject-access/v1");

        // In the reporter's own bundle her report keeps its time and its entry: they are hers.
        others.stubFor(get("/api/training/subject-access/10000001")
                .willReturn(AuditServiceApplicationTest.json("{\"staffNumber\":\"10000001\",\"roster\":null,"
                        + "\"attempts\":[],\"overrides\":[],\"notifications\":[]}")));
        others.stubFor(get("/api/policy/subject-access/10000001")
                .willReturn(AuditServiceApplicationTest.json("{\"acknowledgements\":[],\"comments\":[]}")));
        HttpResponse<String> reporters = send("/api/audit/subject-access", GOVERNANCE, request("10000001", today));
        assertThat(reporters.statusCode()).as(reporters.body()).isEqualTo(200);
        JsonNode herBundle = JSON.readTree(reporters.body());
        JsonNode herReport = herBundle
                .get("incidents")
                .valueStream()
                .filter(c -> c.get("reference").asString().equals(reference))
                .findFirst()
                .orElseThrow();
        assertThat(herReport.get("relation").asString()).isEqualTo("reporter");
        assertThat(herReport.get("reportTimeWithheld").asBoolean()).isFalse();
        assertThat(herReport.get("reportedAt").asString())
                .isEqualTo(JSON.readTree(send(base, GOVERNANCE, null).body())
                        .get("reportedAt")
                        .asString());
        assertThat(herBundle
                        .get("entries")
                        .valueStream()
                        .filter(e -> e.get("target").asString().equals(reference))
                        .map(e -> e.get("action").asString()))
                .contains("incident.reported");
    }

    @Test
    void badRequestsAnUnknownPersonAndAServiceDownAreRefusedAndNothingIsMade() throws Exception {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        HttpResponse<String> future =
                send("/api/audit/subject-access", GOVERNANCE, request("10000002", today.plusDays(1)));
        assertThat(future.statusCode()).isEqualTo(400);
        assertThat(future.body()).contains("requestedOn");
        assertThat(send(
                                "/api/audit/subject-access",
                                GOVERNANCE,
                                "{\"staffNumber\":\"123\",\"requestedOn\":\"" + today + "\"}")
                        .statusCode())
                .isEqualTo(400);
        assertThat(send("/api/audit/subject-access", AuditServiceApplicationTest.AUDITOR, request("10000002", today))
                        .statusCode())
                .isEqualTo(403);
        assertThat(send("/api/audit/subject-access", AuditServiceApplicationTest.NURSE, request("10000002", today))
                        .statusCode())
                .isEqualTo(403);

        others.stubFor(get("/api/training/subject-access/19999999")
                .willReturn(AuditServiceApplicationTest.json(
                        "{\"staffNumber\":\"19999999\",\"roster\":null,\"attempts\":[],"
                                + "\"overrides\":[],\"notifications\":[]}")));
        others.stubFor(get("/api/policy/subject-access/19999999")
                .willReturn(AuditServiceApplicationTest.json("{\"acknowledgements\":[],\"comments\":[]}")));
        HttpResponse<String> unknown = send("/api/audit/subject-access", GOVERNANCE, request("19999999", today));
        assertThat(unknown.statusCode()).as(unknown.body()).isEqualTo(404);

        others.stubFor(get(POLICY).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        HttpResponse<String> down = send("/api/audit/subject-access", GOVERNANCE, request("10000002", today));
        assertThat(down.statusCode()).isEqualTo(503);
        assertThat(down.body()).contains("policy-service").contains("never made incomplete");
    }

    private static String request(String staffNumber, LocalDate requestedOn) {
        return JSON.writeValueAsString(Map.of("staffNumber", staffNumber, "requestedOn", requestedOn.toString()));
    }

    private HttpResponse<String> send(String path, String token, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json");
        request = body == null ? request.GET() : request.POST(HttpRequest.BodyPublishers.ofString(body));
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
