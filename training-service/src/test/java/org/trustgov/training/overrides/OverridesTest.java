package org.trustgov.training.overrides;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.trustgov.keycloak.test.TestTokens;
import org.trustgov.test.IntegrationTest;
import org.trustgov.test.OtherServices;
import org.trustgov.training.attempts.ScoringAndStatusTest;
import org.trustgov.training.modules.PublishedModules;
import org.trustgov.training.roster.StaffMember;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Transferred completions and exemptions over the running service: one member of governance records, another
 * approves (never the same), and only then does it count, with its own expiry and shown as transferred or exempt in
 * the person's record and HR's export, never as earned here; HR sends transfers with the roster, recorded once; every
 * missing piece is a 400 naming it, and nothing is written for a refused request.
 */
@IntegrationTest
class OverridesTest {

    static final WireMockServer others = OtherServices.wireMock();
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final String MORGAN =
            TestTokens.person("morgan.governance", "10000004", "Clinical Governance", "staff", "governance");
    static final String SAM =
            TestTokens.person("sam.governance", "10000008", "Clinical Governance", "staff", "governance");
    static final String NURSE = TestTokens.person("alex.nurse", "10000001", "Acute Medicine", "staff");
    static final String DOCTOR = TestTokens.person("priya.doctor", "10000002", "Emergency Department", "staff");
    static final String HR = TestTokens.serviceAccount("hr-system", "hr-integration");
    static final String PASS = "{\"answers\":{\"q1\":[\"b\"],\"q2\":[\"a\",\"c\"],\"q3\":[\"a\"]}}";

    @LocalServerPort
    int port;

    @Autowired
    MongoTemplate mongo;

    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void rosterAndModule() throws Exception {
        mongo.remove(new Query(), TrainingOverride.class);
        mongo.remove(new Query(), StaffMember.class);
        PublishedModules.clear(mongo);
        PublishedModules.publish(mongo, ScoringAndStatusTest.module(80, List.of(), List.of()), "sha256:abc");
        StringBuilder roster = new StringBuilder("staffNumber,name,workEmail,department,staffGroup,registrationBody,"
                + "registrationNumber,lineManagerStaffNumber,active,leavingDate\n");
        for (String[] person : new String[][] {
            {"10000001", "Alex Carter", "Acute Medicine"},
            {"10000002", "Priya Shah", "Emergency Department"},
            {"10000003", "Jo Bloggs", "Estates"}
        }) {
            roster.append(person[0])
                    .append(',')
                    .append(person[1])
                    .append(",,")
                    .append(person[2])
                    .append(",Nursing and Midwifery Registered,,,,true,\n");
        }
        HttpResponse<String> uploaded = send("POST", "/api/training/staff", HR, roster.toString(), "text/csv");
        assertThat(uploaded.statusCode()).as(uploaded.body()).isEqualTo(200);
    }

    @Test
    void aTransferredCompletionCountsOnlyOnceASecondMemberApprovesItAndNeverAsEarnedHere() throws Exception {
        LocalDate earned = LocalDate.now(ZoneOffset.UTC).minusMonths(2);
        HttpResponse<String> recorded = send("POST", "/api/training/overrides", MORGAN, transfer("10000002", earned));
        assertThat(recorded.statusCode()).as(recorded.body()).isEqualTo(201);
        JsonNode override = JSON.readTree(recorded.body());
        String id = override.get("id").asString();
        assertThat(override.get("status").asString()).isEqualTo("AWAITING_APPROVAL");
        assertThat(override.has("pendingAuditEvents")).isFalse();
        assertThat(moduleStanding("10000002").get("status").asString())
                .as("not before approval")
                .isEqualTo("NOT_STARTED");
        assertThat(send("POST", "/api/training/overrides", SAM, transfer("10000002", earned))
                        .statusCode())
                .as("one awaiting approval already")
                .isEqualTo(409);

        HttpResponse<String> own = send("POST", "/api/training/overrides/" + id + "/approval", MORGAN, null, null);
        assertThat(own.statusCode()).as("approving one's own").isEqualTo(403);
        assertThat(own.body()).contains("another member of governance");
        assertThat(send("POST", "/api/training/overrides/" + id + "/approval", NURSE, null, null)
                        .statusCode())
                .isEqualTo(403);
        HttpResponse<String> approved = send("POST", "/api/training/overrides/" + id + "/approval", SAM, null, null);
        assertThat(approved.statusCode()).as(approved.body()).isEqualTo(200);
        assertThat(send("POST", "/api/training/overrides/" + id + "/approval", SAM, null, null)
                        .statusCode())
                .as("twice")
                .isEqualTo(409);
        assertThat(send("POST", "/api/training/overrides/OV-NOPE/approval", SAM, null, null)
                        .statusCode())
                .isEqualTo(404);

        JsonNode standing = moduleStanding("10000002");
        assertThat(standing.get("status").asString()).isEqualTo("COMPLIANT");
        assertThat(standing.get("latest").get("basis").asString()).isEqualTo("TRANSFERRED");
        assertThat(standing.get("latest").get("certificateId").isNull()).isTrue();
        assertThat(Instant.parse(standing.get("latest").get("expiresAt").asString()))
                .as("the module's refresher period (a year) from the day it was earned")
                .isEqualTo(earned.plusYears(1).atStartOfDay(ZoneOffset.UTC).toInstant());

        JsonNode mine = JSON.readTree(send("GET", "/api/training/my/modules", DOCTOR, null, null)
                        .body())
                .get(0);
        assertThat(mine.get("status").asString()).as("her own page agrees").isEqualTo("COMPLIANT");
        assertThat(mine.get("latest").isNull()).as("nothing earned here").isTrue();
        assertThat(mine.get("override").get("basis").asString()).isEqualTo("TRANSFERRED");

        String csv = send(
                        "GET", "/api/training/completions?from=" + earned + "&to=" + earned.plusDays(1), HR, null, null)
                .body();
        assertThat(csv.lines().findFirst().orElseThrow()).endsWith(",basis,sourceOrganisation");
        assertThat(csv).contains("10000002").contains(",TRANSFERRED,\"Leeds Teaching Hospitals NHS Trust\"");
        assertThat(others.findAll(postRequestedFor(urlEqualTo("/api/audit/events"))).stream()
                        .map(r -> r.getBodyAsString())
                        .filter(b -> b.contains(id)))
                .anyMatch(b -> b.contains("training.override.recorded"))
                .anyMatch(b -> b.contains("training.override.approved"));
    }

    @Test
    void noMemberOfGovernanceDecidesAnOverrideOfTheirOwnTraining() throws Exception {
        String jo = TestTokens.person("jo.governance", "10000003", "Estates", "staff", "governance");
        HttpResponse<String> recorded =
                send("POST", "/api/training/overrides", MORGAN, transfer("10000003", LocalDate.now(ZoneOffset.UTC)));
        assertThat(recorded.statusCode()).as(recorded.body()).isEqualTo(201);
        String id = JSON.readTree(recorded.body()).get("id").asString();

        HttpResponse<String> approvingOwn = send("POST", "/api/training/overrides/" + id + "/approval", jo, null, null);
        assertThat(approvingOwn.statusCode()).as(approvingOwn.body()).isEqualTo(403);
        assertThat(approvingOwn.body()).contains("your own training");
        HttpResponse<String> refusingOwn =
                send("POST", "/api/training/overrides/" + id + "/refusal", jo, "{\"reason\":\"not needed\"}");
        assertThat(refusingOwn.statusCode()).as(refusingOwn.body()).isEqualTo(403);
        assertThat(moduleStanding("10000003").get("status").asString())
                .as("nothing counted")
                .isEqualTo("NOT_STARTED");

        HttpResponse<String> approved = send("POST", "/api/training/overrides/" + id + "/approval", SAM, null, null);
        assertThat(approved.statusCode()).as(approved.body()).isEqualTo(200);
        assertThat(moduleStanding("10000003").get("status").asString()).isEqualTo("COMPLIANT");
    }

    @Test
    void anExemptionCountsUntilItsDayAndNeverShortensWhatThePersonHas() throws Exception {
        // The nurse passed the module here: her completion runs a year.
        String attempt = JSON.readTree(
                        send("POST", "/api/training/modules/SMT-01/versions/1/attempts", NURSE, null, null)
                                .body())
                .get("attemptId")
                .asString();
        assertThat(send("POST", "/api/training/attempts/" + attempt + "/submit", NURSE, PASS)
                        .statusCode())
                .isEqualTo(200);
        LocalDate soon = LocalDate.now(ZoneOffset.UTC).plusMonths(1);
        String shorter = id(send("POST", "/api/training/overrides", MORGAN, exemption("10000001", soon)));
        assertThat(send("POST", "/api/training/overrides/" + shorter + "/approval", SAM, null, null)
                        .statusCode())
                .isEqualTo(200);
        assertThat(moduleStanding("10000001").get("latest").get("basis").isNull())
                .as("her own completion runs longer: it stays")
                .isTrue();

        String exempt = id(send("POST", "/api/training/overrides", SAM, exemption("10000003", soon)));
        assertThat(send("POST", "/api/training/overrides/" + exempt + "/approval", MORGAN, null, null)
                        .statusCode())
                .isEqualTo(200);
        JsonNode standing = moduleStanding("10000003");
        assertThat(standing.get("status").asString())
                .isNotEqualTo("NOT_STARTED")
                .isNotEqualTo("EXPIRED");
        assertThat(standing.get("latest").get("basis").asString()).isEqualTo("EXEMPT");
        assertThat(Instant.parse(standing.get("latest").get("expiresAt").asString()))
                .isEqualTo(soon.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant());

        String refused = id(send("POST", "/api/training/overrides", MORGAN, exemption("10000002", soon)));
        assertThat(send("POST", "/api/training/overrides/" + refused + "/refusal", SAM, "{}")
                        .statusCode())
                .isEqualTo(400);
        HttpResponse<String> refusal =
                send("POST", "/api/training/overrides/" + refused + "/refusal", SAM, "{\"reason\":\"No paper seen\"}");
        assertThat(refusal.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(refusal.body()).get("status").asString()).isEqualTo("REFUSED");
        assertThat(moduleStanding("10000002").get("status").asString()).isEqualTo("NOT_STARTED");
        assertThat(JSON.readTree(send("GET", "/api/training/overrides?status=REFUSED", MORGAN, null, null)
                        .body()))
                .hasSize(1);
        assertThat(send("GET", "/api/training/overrides", NURSE, null, null).statusCode())
                .isEqualTo(403);
    }

    @Test
    void everyMissingPieceIs400NamingItAndNothingIsWritten() throws Exception {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        Map<String, Map<String, Object>> refusals = new java.util.LinkedHashMap<>();
        refusals.put("evidenceReference", without(transferMap("10000002", today), "evidenceReference"));
        refusals.put("sourceOrganisation", without(transferMap("10000002", today), "sourceOrganisation"));
        refusals.put(
                "earnedOn",
                with(
                        transferMap("10000002", today),
                        "earnedOn",
                        today.plusDays(1).toString()));
        refusals.put("moduleCode", with(transferMap("10000002", today), "moduleCode", "NOPE-01"));
        refusals.put("staffNumber", with(transferMap("10000002", today), "staffNumber", "19999999"));
        refusals.put("reason", with(transferMap("10000002", today), "reason", "also exempt"));
        refusals.put(
                "expiresOn",
                with(
                        exemptionMap("10000002", today.plusYears(4)),
                        "expiresOn",
                        today.plusYears(4).toString()));
        for (Map.Entry<String, Map<String, Object>> refusal : refusals.entrySet()) {
            HttpResponse<String> answer =
                    send("POST", "/api/training/overrides", MORGAN, JSON.writeValueAsString(refusal.getValue()));
            assertThat(answer.statusCode())
                    .as(refusal.getKey() + " " + answer.body())
                    .isEqualTo(400);
            assertThat(answer.body()).contains(refusal.getKey());
        }
        assertThat(send("POST", "/api/training/overrides", NURSE, transfer("10000002", today))
                        .statusCode())
                .isEqualTo(403);
        assertThat(mongo.count(new Query(), TrainingOverride.class)).isZero();
    }

    @Test
    void hrSendsTransfersWithTheRosterEachRecordedOnceAndAGovernanceMemberApprovesThem() throws Exception {
        LocalDate earned = LocalDate.now(ZoneOffset.UTC).minusDays(20);
        String two = JSON.writeValueAsString(List.of(transferMap("10000001", earned), transferMap("10000003", earned)));
        HttpResponse<String> sent = send("POST", "/api/training/staff/transfers", HR, two);
        assertThat(sent.statusCode()).as(sent.body()).isEqualTo(200);
        assertThat(JSON.readTree(sent.body()).get("recorded").asInt()).isEqualTo(2);
        assertThat(JSON.readTree(send("POST", "/api/training/staff/transfers", HR, two)
                                .body())
                        .get("alreadyKnown")
                        .asInt())
                .as("sent again with the next roster")
                .isEqualTo(2);
        HttpResponse<String> oneBad = send(
                "POST",
                "/api/training/staff/transfers",
                HR,
                JSON.writeValueAsString(List.of(
                        transferMap("10000002", earned),
                        without(transferMap("10000002", earned), "evidenceReference"))));
        assertThat(oneBad.statusCode()).isEqualTo(400);
        assertThat(oneBad.body()).contains("[1].evidenceReference");
        assertThat(mongo.count(new Query(), TrainingOverride.class))
                .as("none of the refused")
                .isEqualTo(2);
        assertThat(send("POST", "/api/training/staff/transfers", MORGAN, two).statusCode())
                .isEqualTo(403);

        JsonNode awaiting =
                JSON.readTree(send("GET", "/api/training/overrides?status=AWAITING_APPROVAL", MORGAN, null, null)
                        .body());
        assertThat(awaiting).hasSize(2);
        assertThat(awaiting.get(0).get("origin").asString()).isEqualTo("HR");
        assertThat(send(
                                "POST",
                                "/api/training/overrides/"
                                        + awaiting.get(0).get("id").asString() + "/approval",
                                MORGAN,
                                null,
                                null)
                        .statusCode())
                .as("recorded by HR: one member of governance approves")
                .isEqualTo(200);
    }

    /** What the person's subject access bundle gets from training-service: their records, others by role only. */
    @Test
    void aPersonsRecordsForTheirSubjectAccessBundleNameOthersByRoleOnly() throws Exception {
        String attempt = JSON.readTree(
                        send("POST", "/api/training/modules/SMT-01/versions/1/attempts", NURSE, null, null)
                                .body())
                .get("attemptId")
                .asString();
        assertThat(send("POST", "/api/training/attempts/" + attempt + "/submit", NURSE, PASS)
                        .statusCode())
                .isEqualTo(200);
        String refused = id(send(
                "POST",
                "/api/training/overrides",
                MORGAN,
                exemption("10000001", LocalDate.now(ZoneOffset.UTC).plusMonths(2))));
        send("POST", "/api/training/overrides/" + refused + "/refusal", SAM, "{\"reason\":\"No paper seen\"}");

        String auditService = TestTokens.serviceAccount("audit-service", "service");
        HttpResponse<String> answer = send("GET", "/api/training/subject-access/10000001", auditService, null, null);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        JsonNode records = JSON.readTree(answer.body());
        assertThat(records.get("roster").get("name").asString()).isEqualTo("Alex Carter");
        assertThat(records.get("attempts").get(0).get("certificateId").asString())
                .isNotBlank();
        assertThat(records.get("attempts").get(0).get("completionEventId").isNull())
                .isFalse();
        JsonNode override = records.get("overrides").get(0);
        assertThat(override.get("recordedBy").asString()).isEqualTo("governance");
        assertThat(override.get("decidedBy").asString()).isEqualTo("governance");
        assertThat(override.get("refusal").asString()).isEqualTo("No paper seen");
        assertThat(answer.body()).doesNotContain("10000004").doesNotContain("10000008");
        assertThat(send("GET", "/api/training/subject-access/10000001", MORGAN, null, null)
                        .statusCode())
                .isEqualTo(403);
        assertThat(send(
                                "GET",
                                "/api/training/subject-access/10000001",
                                TestTokens.serviceAccount("policy-service", "service"),
                                null,
                                null)
                        .statusCode())
                .as("only audit-service assembles a bundle")
                .isEqualTo(403);
    }

    private JsonNode moduleStanding(String staffNumber) throws Exception {
        HttpResponse<String> record = send("GET", "/api/training/compliance/staff/" + staffNumber, MORGAN, null, null);
        assertThat(record.statusCode()).as(record.body()).isEqualTo(200);
        return JSON.readTree(record.body()).get("modules").get(0);
    }

    private static String id(HttpResponse<String> recorded) {
        assertThat(recorded.statusCode()).as(recorded.body()).isEqualTo(201);
        return JSON.readTree(recorded.body()).get("id").asString();
    }

    private static String transfer(String staffNumber, LocalDate earned) {
        return JSON.writeValueAsString(transferMap(staffNumber, earned));
    }

    private static String exemption(String staffNumber, LocalDate until) {
        return JSON.writeValueAsString(exemptionMap(staffNumber, until));
    }

    private static Map<String, Object> transferMap(String staffNumber, LocalDate earned) {
        return new HashMap<>(Map.of(
                "staffNumber", staffNumber,
                "moduleCode", "SMT-01",
                "kind", "TRANSFERRED",
                "sourceOrganisation", "Leeds Teaching Hospitals NHS Trust",
                "earnedOn", earned.toString(),
                "evidenceReference", "IAT-2026-44812"));
    }

    private static Map<String, Object> exemptionMap(String staffNumber, LocalDate until) {
        return new HashMap<>(Map.of(
                "staffNumber", staffNumber,
                "moduleCode", "SMT-01",
                "kind", "EXEMPT",
                "reason", "Long-term leave; the module is taken on return",
                "expiresOn", until.toString(),
                "evidenceReference", "HR case 7781"));
    }

    private static Map<String, Object> without(Map<String, Object> body, String field) {
        body.remove(field);
        return body;
    }

    private static Map<String, Object> with(Map<String, Object> body, String field, Object value) {
        body.put(field, value);
        return body;
    }

    private HttpResponse<String> send(String method, String path, String token, String body) throws Exception {
        return send(method, path, token, body, "application/json");
    }

    private HttpResponse<String> send(String method, String path, String token, String body, String type)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", "Bearer " + token)
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (type != null) {
            request.header("Content-Type", type);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
