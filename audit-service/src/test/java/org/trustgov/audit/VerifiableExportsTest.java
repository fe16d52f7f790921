package org.trustgov.audit;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.trustgov.audit.log.chain.AuditLog;
import org.trustgov.audit.log.chain.AuditRecord;
import org.trustgov.audit.log.sealing.RecordKeys;
import org.trustgov.audit.log.sealing.RecordUnit;
import org.trustgov.keycloak.test.TestTokens;
import org.trustgov.test.IntegrationTest;
import org.trustgov.test.OtherServices;
import org.trustgov.transparency.SealedValues;
import org.trustgov.transparency.verifier.Verify;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The exports a tribunal or HR checks offline, made over HTTP by the running service and checked with the shipped
 * verifier: genuine ones verify (NOT PROVED only for want of a witness, which this test has none of); an edited
 * incident, cut entries, an invented outcome, an added field, each fail. The subject and the reporter of a case get
 * no bundle and do not see it in the trust's list, and no other service's event can slip into a bundle.
 */
@IntegrationTest
class VerifiableExportsTest {

    static final WireMockServer others = OtherServices.wireMock();
    static final JsonMapper JSON = JsonMapper.builder().build();
    // The same people as the service's full-context test.
    static final String NURSE = AuditServiceApplicationTest.NURSE;
    static final String GOVERNANCE = AuditServiceApplicationTest.GOVERNANCE;
    static final String OTHER_GOVERNANCE =
            TestTokens.person("sam.governance", "10000008", "Clinical Governance", "staff", "governance");
    static final String AUDITOR = AuditServiceApplicationTest.AUDITOR;
    static final String HR = AuditServiceApplicationTest.HR;

    @LocalServerPort
    int port;

    @Autowired
    AuditLog log;

    @Autowired
    RecordKeys recordKeys;

    @Autowired
    org.trustgov.audit.log.tree.AuditTree tree;

    @Autowired
    org.springframework.data.mongodb.core.MongoTemplate mongo;

    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void stubs() {
        others.stubFor(post("/token")
                .willReturn(json("{\"access_token\":\"service-token\",\"token_type\":\"Bearer\",\"expires_in\":300}")));
        others.stubFor(
                get("/api/policy/policies/SM-001/versions/1.0/clauses/4.2").willReturn(json("""
                {"policyCode":"SM-001","version":"1.0","versionStatus":"PUBLISHED","contentHash":"sha256:abc",
                 "clause":{"number":"4.2","heading":"Images of patients","text":"Never post images of patients."}}""")));
        others.stubFor(get(com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching(
                        "/api/training/compliance/staff/.*"))
                .willReturn(aResponse().withStatus(404)));
    }

    @Test
    void theSubjectAndTheReporterGetNoBundleAndDoNotSeeTheirCaseInTheTrustsList() throws Exception {
        // A nurse reports the governance lead himself.
        String ref = report(NURSE, "10000004");
        HttpResponse<String> asSubject = send("GET", "/api/audit/incidents/" + ref + "/bundle", GOVERNANCE, null);
        assertThat(asSubject.statusCode()).as(asSubject.body()).isEqualTo(403);
        assertThat(asSubject.body()).contains("subject").doesNotContain("10000001");
        assertThat(send("GET", "/api/audit/incidents?size=1000", GOVERNANCE, null)
                        .body())
                .as("not in his list")
                .doesNotContain(ref);
        assertThat(send("GET", "/api/audit/incidents/mine", GOVERNANCE, null).body())
                .as("but under mine, as its subject")
                .contains(ref)
                .doesNotContain("\"severity\"")
                .doesNotContain("10000001");

        // Governance reports someone: as the reporter, no bundle either; another member of governance gets one.
        String reported = report(GOVERNANCE, "10000002");
        assertThat(send("GET", "/api/audit/incidents/" + reported + "/bundle", GOVERNANCE, null)
                        .statusCode())
                .isEqualTo(403);
        assertThat(send("GET", "/api/audit/incidents?size=1000", GOVERNANCE, null)
                        .body())
                .doesNotContain(reported);
        assertThat(send("GET", "/api/audit/incidents?size=1000", OTHER_GOVERNANCE, null)
                        .body())
                .contains(ref)
                .contains(reported);
        assertThat(send("GET", "/api/audit/incidents/" + ref + "/bundle", OTHER_GOVERNANCE, null)
                        .statusCode())
                .isEqualTo(200);
        // Nothing is ever assigned to a client.
        assertThat(send("GET", "/api/audit/incidents/assigned", HR, null).statusCode())
                .isEqualTo(403);
        assertThat(send(
                                "GET",
                                "/api/audit/incidents/assigned",
                                TestTokens.serviceAccount("policy-service", "service"),
                                null)
                        .statusCode())
                .isEqualTo(403);
        assertThat(send("GET", "/api/audit/incidents/assigned", NURSE, null).statusCode())
                .isEqualTo(200);
    }

    @Test
    void aCaseBundleVerifiesAndEveryEditOrCutFails() throws Exception {
        String ref = underInvestigation(report(NURSE, "10000002"));
        String base = "/api/audit/incidents/" + ref;
        ok(send("POST", base + "/notes", GOVERNANCE, "{\"text\":\"Interviewed; admits the post.\"}"));
        ok(send(
                "POST",
                base + "/outcome",
                GOVERNANCE,
                "{\"type\":\"FORMAL_WARNING\",\"summary\":\"Formal warning, 12 months\",\"expiresOn\":\""
                        + LocalDate.now().plusYears(1) + "\"}"));
        ok(send("POST", base + "/close", GOVERNANCE, null));
        // Another service's event about the incident: refused at the intake, and one already in the log is not taken.
        String policyService = TestTokens.serviceAccount("policy-service", "service");
        HttpResponse<String> smuggled = send(
                "POST",
                "/api/audit/events",
                policyService,
                "{\"eventId\":\"" + UUID.randomUUID()
                        + "\",\"source\":\"policy-service\",\"occurredAt\":\"2026-11-24T10:15:00Z\",\"actor\":\"staff:10000004\","
                        + "\"action\":\"policy.version.published\",\"target\":\"" + ref.toLowerCase()
                        + "\",\"details\":{\"outcome\":\"NO_CASE_TO_ANSWER\"}}");
        assertThat(smuggled.statusCode()).as(smuggled.body()).isEqualTo(403);
        assertThat(smuggled.body()).contains("names an incident");
        log.append(new AuditRecord(
                "staff:10000004",
                "policy.outcome",
                ref,
                Map.of("outcome", "NO_CASE_TO_ANSWER"),
                "policy-service",
                UUID.randomUUID().toString()));

        String bundle = ok(send("GET", base + "/bundle", AUDITOR, null));
        String keys =
                ok(send("GET", "/api/audit/log/checkpoint/key", AUDITOR, null)).strip();
        Verify.Verdict verdict = Verify.bundle(bundle, keys);
        assertThat(verdict.result())
                .contains("7 entries, each unchanged")
                .contains("the export is complete and unedited as sealed in entry");
        assertThat(verdict.reservations())
                .as("no witness in this test")
                .singleElement()
                .asString()
                .contains("no witness key");
        Map<String, Object> genuine = read(bundle);
        assertThat(list(genuine.get("entries")).stream()
                        .map(e -> map(e).get("action"))
                        .toList())
                .as("the workflow's own entries only")
                .containsExactly(
                        "incident.reported",
                        "incident.triaged",
                        "incident.investigator-assigned",
                        "incident.investigation-started",
                        "incident.note-added",
                        "incident.outcome-recorded",
                        "incident.closed");
        Map<?, ?> seal = (Map<?, ?>) ((Map<?, ?>) genuine.get("manifest")).get("entry");
        assertThat(raw(genuine.get("entries")) + raw(seal))
                .as("the entries hold personal values sealed, never in clear")
                .doesNotContain("10000001")
                .doesNotContain("10000002")
                .doesNotContain("10000006")
                .contains("sealed:v1:");
        Map<?, ?> openings = (Map<?, ?>) genuine.get("openings");
        assertThat(SealedValues.open((String) seal.get("actor"), (String) openings.get(seal.get("actor"))))
                .as("who made the bundle, opened with the bundle's opening")
                .isEqualTo("staff:10000006");
        assertThat(seal.get("action")).isEqualTo("export.sealed");

        // The incident edited: outcome softened, notes emptied, description rewritten.
        Map<String, Object> edited = read(bundle);
        Map<String, Object> incident = map(edited.get("incident"));
        map(incident.get("outcome")).put("type", "NO_CASE_TO_ANSWER");
        incident.put("notes", List.of());
        incident.put("description", "Nothing happened.");
        assertThat(failure(JSON.writeValueAsString(edited), keys)).contains("content is not what the log sealed");
        // The outcome, close and note entries dropped with their proofs.
        Map<String, Object> cut = read(bundle);
        List<Object> entries = list(cut.get("entries"));
        List<Object> proofs = list(cut.get("proofs"));
        for (int i : new int[] {6, 5, 4}) {
            entries.remove(i);
            proofs.remove(i);
        }
        assertThat(failure(JSON.writeValueAsString(cut), keys)).contains("entries were dropped, added or reordered");
        // An entry given a field its hash does not cover.
        Map<String, Object> added = read(bundle);
        map(list(added.get("entries")).get(0)).put("outcome", "NO_FURTHER_ACTION");
        assertThat(failure(JSON.writeValueAsString(added), keys))
                .contains("has a field its hash does not cover: outcome");
    }

    @Test
    void anOutcomesExportVerifiesAndAnInventedDismissalInPlaceOfTheBoundOutcomeFails() throws Exception {
        String ref = underInvestigation(report(NURSE, "10000002"));
        ok(send(
                "POST",
                "/api/audit/incidents/" + ref + "/outcome",
                GOVERNANCE,
                "{\"type\":\"INFORMAL_ACTION\",\"summary\":\"Reflective discussion\"}"));
        String export = ok(send(
                "GET",
                "/api/audit/outcomes/export?from=" + LocalDate.now() + "&to="
                        + LocalDate.now().plusDays(1),
                HR,
                null));
        String keys =
                ok(send("GET", "/api/audit/log/checkpoint/key", AUDITOR, null)).strip();
        assertThat(Verify.bundle(export, keys).result())
                .contains("records are the ones they logged")
                .contains("complete and unedited as sealed in entry");

        Map<String, Object> forged = read(export);
        List<Object> bound = list(forged.get("bound"));
        Map<String, Object> real = map(bound.stream()
                .filter(b -> ref.equals(map(map(b).get("record")).get("reference")))
                .findFirst()
                .orElseThrow());
        bound.remove(real);
        Map<String, Object> invented = new HashMap<>(map(real.get("record")));
        invented.put("outcome", "DISMISSAL");
        forged.put(
                "unbound",
                List.of(Map.of("record", invented, "reason", "decided before the log bound outcomes to its entries")));
        assertThat(failure(JSON.writeValueAsString(forged), keys)).contains("content is not what the log sealed");
        // A field beside the record (the department) edited.
        Map<String, Object> moved = read(export);
        map(list(moved.get("bound")).get(0)).put("subjectDepartment", "Estates");
        assertThat(failure(JSON.writeValueAsString(moved), keys)).contains("content is not what the log sealed");
    }

    /**
     * Erasure by crypto-shredding: the case's record key destroyed, the bundle exported before still verifies, the
     * whole log and the fast check against the checkpoint still pass, readers see why its values are gone, and no
     * entry about it holds a staff number, opened or not. What is appended about it afterwards is born destroyed.
     */
    @Test
    void destroyingACasesKeyErasesItsPeopleFromTheLogAndEveryProofStillHolds() throws Exception {
        long from = log.readHead() == null ? 1 : log.readHead().getSequence() + 1;
        String page = "/api/audit/log?from=" + from + "&size=1000";
        String ref = underInvestigation(report(NURSE, "10000003"));
        ok(send(
                "POST",
                "/api/audit/incidents/" + ref + "/outcome",
                GOVERNANCE,
                "{\"type\":\"INFORMAL_ACTION\",\"summary\":\"Reflective discussion\"}"));
        String bundle = ok(send("GET", "/api/audit/incidents/" + ref + "/bundle", AUDITOR, null));
        String keys =
                ok(send("GET", "/api/audit/log/checkpoint/key", AUDITOR, null)).strip();
        assertThat(Verify.bundle(bundle, keys).result()).contains("each unchanged");
        String before = ok(send("GET", page, AUDITOR, null));
        assertThat(raw(aboutTheCase(before, ref))).as("opened for auditors").contains("\"subject\":\"10000003\"");

        long treeSize = ((Number) read(bundle).get("treeSize")).longValue();
        byte[] rootBefore = tree.rootFromEntries(treeSize).root();
        assertThat(rootBefore).isNotNull();
        RecordKeys.Destroyed destroyed = recordKeys.destroy(
                new RecordUnit(RecordUnit.CONDUCT_CASE, ref), "conduct-case: 6 years after closure", "DISPOSAL-TEST-1");
        log.append(AuditRecord.of(
                "staff:10000006", "incident.note-added", ref, Map.of("about", "staff:10000003"))); // born destroyed

        assertThat(Verify.bundle(bundle, keys).result())
                .as("the bundle exported before the disposal still verifies offline")
                .contains("each unchanged")
                .contains("complete and unedited");
        assertThat(JSON.readTree(ok(send("GET", "/api/audit/log/verify?from=1", AUDITOR, null)))
                        .get("intact")
                        .asBoolean())
                .isTrue();
        assertThat(java.util.Arrays.equals(tree.rootFromEntries(treeSize).root(), rootBefore))
                .as("the stored entries still give the root of the bundle's checkpoint")
                .isTrue();
        String after = ok(send("GET", page, AUDITOR, null));
        List<Map<String, Object>> caseEntries = aboutTheCase(after, ref);
        assertThat(caseEntries).hasSizeGreaterThanOrEqualTo(6);
        assertThat(JSON.writeValueAsString(caseEntries))
                .as("no staff number about the case, stored or opened")
                .doesNotContain("10000003")
                .doesNotContain("10000001")
                .doesNotContain("10000006");
        for (Map<String, Object> entry : caseEntries) {
            Map<String, Object> opened = map(entry.get("opened"));
            assertThat(opened.get("actor")).isEqualTo("[destroyed]");
            assertThat(list(opened.get("destroyed")))
                    .as("why, for auditors")
                    .singleElement()
                    .satisfies(d -> assertThat(map(d))
                            .containsEntry("rule", "conduct-case: 6 years after closure")
                            .containsEntry("disposal", "DISPOSAL-TEST-1")
                            .containsEntry("recordClass", "conduct-case")
                            .containsEntry(
                                    "destroyedAt", destroyed.destroyedAt().toString()));
        }
        assertThat(recordKeys.destroy(new RecordUnit(RecordUnit.CONDUCT_CASE, ref), "another rule", "DISPOSAL-TEST-2"))
                .as("destroying again keeps the first tombstone")
                .isEqualTo(destroyed);
        String stored = mongo.getCollection("audit_log").find().into(new java.util.ArrayList<>()).stream()
                .map(org.bson.Document::toJson)
                .collect(java.util.stream.Collectors.joining("\n"));
        assertThat(java.util.regex.Pattern.compile("staff:[0-9]{8}")
                        .matcher(stored)
                        .find())
                .as("no entry stores a staff reference in clear")
                .isFalse();
        assertThat(mongo.getCollection("record_keys").find().into(new java.util.ArrayList<>()).stream()
                        .map(org.bson.Document::toJson)
                        .collect(java.util.stream.Collectors.joining("\n")))
                .as("the key store names no one")
                .doesNotContain("10000003")
                .doesNotContain(ref);
    }

    private static List<Map<String, Object>> aboutTheCase(String logPage, String ref) {
        List<Map<String, Object>> entries = JSON.readValue(logPage, new TypeReference<List<Map<String, Object>>>() {});
        return entries.stream().filter(e -> ref.equals(e.get("target"))).toList();
    }

    private static String raw(Object value) {
        return JSON.writeValueAsString(value);
    }

    /** Triaged, an investigator assigned, under investigation: the case, by governance. */
    private String underInvestigation(String ref) throws Exception {
        String base = "/api/audit/incidents/" + ref;
        ok(send("POST", base + "/triage", GOVERNANCE, "{}"));
        ok(send("POST", base + "/investigator", GOVERNANCE, "{\"staffNumber\":\"10000008\"}"));
        ok(send("POST", base + "/investigation", GOVERNANCE, null));
        return ref;
    }

    @Test
    void governanceNarrowsTheListByStatusSeverityDepartmentAndTheCasesTheyInvestigate() throws Exception {
        String reported = report(NURSE, "10000002");
        String triaged = report(NURSE, "10000002");
        ok(send("POST", "/api/audit/incidents/" + triaged + "/triage", GOVERNANCE, "{\"severity\":\"CRITICAL\"}"));
        ok(send(
                "POST",
                "/api/audit/incidents/" + triaged + "/investigator",
                GOVERNANCE,
                "{\"staffNumber\":\"10000008\"}"));

        String onlyReported = send("GET", "/api/audit/incidents?status=REPORTED&size=1000", AUDITOR, null)
                .body();
        assertThat(onlyReported).contains(reported).doesNotContain(triaged);
        assertThat(send("GET", "/api/audit/incidents?severity=CRITICAL&status=TRIAGED&size=1000", AUDITOR, null)
                        .body())
                .contains(triaged)
                .doesNotContain(reported);
        assertThat(send("GET", "/api/audit/incidents?assignedToMe=true&size=1000", OTHER_GOVERNANCE, null)
                        .body())
                .as("sam investigates it")
                .contains(triaged)
                .doesNotContain(reported);
        assertThat(send("GET", "/api/audit/incidents?assignedToMe=true&size=1000", AUDITOR, null)
                        .body())
                .doesNotContain(triaged);
        assertThat(send("GET", "/api/audit/incidents?department=Nowhere&size=1000", AUDITOR, null)
                        .body())
                .doesNotContain(reported)
                .doesNotContain(triaged);
        HttpResponse<String> unknown = send("GET", "/api/audit/incidents?status=SOMEWHERE", AUDITOR, null);
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(unknown.body()).contains("status");
    }

    private String report(String token, String subject) throws Exception {
        Map<String, Object> body = new HashMap<>(AuditServiceApplicationTest.request("https://x.example/p", "4.2"));
        body.put("subjectStaffNumber", subject);
        HttpResponse<String> response = send("POST", "/api/audit/incidents", token, JSON.writeValueAsString(body));
        return JSON.readTree(ok(response)).get("reference").asString();
    }

    private static String ok(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isBetween(200, 201);
        return response.body();
    }

    private static Map<String, Object> read(String json) {
        return JSON.readValue(json, new TypeReference<Map<String, Object>>() {});
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object value) {
        return (List<Object>) value;
    }

    private static String failure(String json, String keys) {
        try {
            return "no failure: " + Verify.bundle(json, keys).line();
        } catch (Verify.Failure e) {
            return e.getMessage();
        }
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

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(String body) {
        return aResponse().withHeader("Content-Type", "application/json").withBody(body);
    }
}
