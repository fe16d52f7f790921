package org.trustgov.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.trustgov.audit.access.AccessBatch;
import org.trustgov.audit.access.AccessRecordStore;
import org.trustgov.auditclient.access.AccessLog;
import org.trustgov.keycloak.test.TestTokens;
import org.trustgov.test.IntegrationTest;
import org.trustgov.test.OtherServices;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Who read a case, over the running service: every read of an incident, its bundle and its outcome by someone other
 * than its subject is recorded, and every refusal; the subject sees them by role and department, governance in full,
 * the reporter not at all; another service's batches are taken once and only for what it serves; and the records are
 * checked against the Merkle roots the log binds, so an edited record is found, as is a batch a stop left unbound.
 */
@IntegrationTest
class AccessRecordsTest {

    static final WireMockServer others = OtherServices.wireMock();
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final String NURSE = AuditServiceApplicationTest.NURSE;
    static final String DOCTOR = AuditServiceApplicationTest.DOCTOR; // the subject
    static final String COLLEAGUE = AuditServiceApplicationTest.COLLEAGUE;
    static final String GOVERNANCE = AuditServiceApplicationTest.GOVERNANCE;
    static final String AUDITOR = AuditServiceApplicationTest.AUDITOR;
    static final String HR = AuditServiceApplicationTest.HR;
    static final String TRAINING_SERVICE = TestTokens.serviceAccount("training-service", "service");

    @LocalServerPort
    int port;

    @Autowired
    MongoTemplate mongo;

    @Autowired
    AccessLog accessLog;

    @Autowired
    AccessRecordStore store;

    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void stubs() {
        AuditServiceApplicationTest.stubPolicyAndTraining();
    }

    @Test
    void everyReadOfACaseButItsSubjectsIsRecordedAndTheSubjectSeesWhoByRoleAndDepartment() throws Exception {
        String reference = report();
        assertThat(send("GET", "/api/audit/incidents/" + reference, GOVERNANCE, null)
                        .statusCode())
                .isEqualTo(200);
        assertThat(send("GET", "/api/audit/incidents/" + reference, AUDITOR, null)
                        .statusCode())
                .isEqualTo(200);
        assertThat(send("GET", "/api/audit/incidents/" + reference, DOCTOR, null)
                        .statusCode())
                .isEqualTo(200);
        assertThat(send("GET", "/api/audit/incidents/" + reference, COLLEAGUE, null)
                        .statusCode())
                .isEqualTo(403);
        decideAnOutcome(reference);
        String today = LocalDate.now().toString();
        String tomorrow = LocalDate.now().plusDays(1).toString();
        assertThat(send("GET", "/api/audit/outcomes?from=" + today + "&to=" + tomorrow, HR, null)
                        .statusCode())
                .isEqualTo(200);
        accessLog.flush();

        JsonNode seenBySubject = page(send("GET", "/api/audit/incidents/" + reference + "/views", DOCTOR, null));
        List<String> reads = new ArrayList<>();
        for (JsonNode view : seenBySubject) {
            assertThat(view.get("viewer").isNull())
                    .as("the subject sees roles, not people")
                    .isTrue();
            reads.add(view.get("what").asString() + " " + view.get("viewerRole").asString() + " "
                    + view.get("viewerDepartment").asString("-") + " "
                    + view.get("outcome").asString());
        }
        assertThat(reads)
                .contains(
                        "INCIDENT governance Clinical Governance READ",
                        "INCIDENT auditor Internal Audit READ",
                        "INCIDENT staff Estates REFUSED",
                        "OUTCOME hr-integration - READ")
                .noneMatch(r -> r.contains("Emergency Department"))
                .as("the reporter's own view of their report is a read too, shown as the reporter's: their role and"
                        + " ward would say who reported")
                .anyMatch(r -> r.equals("INCIDENT reporter - READ"))
                .noneMatch(r -> r.contains("Acute Medicine"))
                .noneMatch(r -> r.startsWith("INCIDENT staff") && r.endsWith("READ"));

        // Nor the time of the reporter's reads: their day only, and placed by it, not among the others by its time.
        List<Instant> shown = new ArrayList<>();
        for (JsonNode view : seenBySubject) {
            Instant at = Instant.parse(view.get("at").asString());
            shown.add(at);
            boolean byReporter = view.get("viewerRole").asString().equals("reporter");
            assertThat(view.get("timeWithheld").asBoolean()).isEqualTo(byReporter);
            if (byReporter) {
                assertThat(at).isEqualTo(at.truncatedTo(java.time.temporal.ChronoUnit.DAYS));
            }
        }
        assertThat(shown)
                .as("newest first, by the times shown")
                .isSortedAccordingTo(java.util.Comparator.reverseOrder());

        JsonNode seenByGovernance = page(send("GET", "/api/audit/incidents/" + reference + "/views", GOVERNANCE, null));
        assertThat(seenByGovernance.findValuesAsString("viewer")).contains("staff:10000007", "client:hr-system");
        assertThat(seenByGovernance.findValuesAsString("timeWithheld")).containsOnly("false");
        assertThat(send("GET", "/api/audit/incidents/" + reference + "/views", NURSE, null)
                        .statusCode())
                .as("the reporter")
                .isEqualTo(403);
        assertThat(send("GET", "/api/audit/incidents/" + reference + "/views", COLLEAGUE, null)
                        .statusCode())
                .isEqualTo(403);

        JsonNode mine = page(send("GET", "/api/audit/access-records/mine", DOCTOR, null));
        assertThat(mine.findValuesAsString("recordId")).contains(reference);
        assertThat(mine.findValuesAsString("viewerRole")).contains("reporter");
        assertThat(mine.toString())
                .as("nothing of the reporter in the subject's own list either")
                .doesNotContain("Acute Medicine")
                .doesNotContain("10000001");
        assertThat(seenByGovernance.toString())
                .as("governance sees the reporter's read as it was")
                .contains("staff:10000001")
                .contains("Acute Medicine");
        JsonNode all =
                page(send("GET", "/api/audit/access-records?subject=10000002&recordId=" + reference, AUDITOR, null));
        assertThat(all.findValuesAsString("viewer")).contains("staff:10000004", "staff:10000006", "staff:10000007");
        assertThat(all.findValuesAsString("batchId")).doesNotContainNull();
        assertThat(send("GET", "/api/audit/access-records?subject=10000002", COLLEAGUE, null)
                        .statusCode())
                .isEqualTo(403);
        assertThat(send("GET", "/api/audit/access-records/mine", HR, null).statusCode())
                .as("a client has no records about it")
                .isEqualTo(403);
        HttpResponse<String> sorted = send("GET", "/api/audit/access-records?sort=viewer.$where,asc", AUDITOR, null);
        assertThat(sorted.statusCode())
                .as("a sort is a field name or a 400, never a query")
                .isEqualTo(400);
        assertThat(sorted.body()).contains("sort");
    }

    @Test
    void aServicesReadIsShownToThePersonByItsDayOnlyForItsTimeWouldSayWhenTheirCaseWasReported() throws Exception {
        // As training-service records them: audit-service's read of the doctor's training for a case's snapshot, at
        // the second the case was reported, and a governance member's reads of her staff record that morning and that
        // evening.
        String snapshotAt = "2026-01-15T14:32:05.123Z";
        String morningAt = "2026-01-15T09:10:11.456Z";
        String eveningAt = "2026-01-15T18:00:00.789Z";
        Map<String, Object> snapshot = record("COMPLIANCE_RECORD", null);
        snapshot.putAll(
                Map.of("at", snapshotAt, "viewer", "client:audit-service", "viewerRole", "service", "route", "API"));
        snapshot.remove("viewerDepartment");
        Map<String, Object> morning = record("STAFF_RECORD", null);
        morning.put("at", morningAt);
        Map<String, Object> evening = record("STAFF_RECORD", null);
        evening.put("at", eveningAt);
        String batch = JSON.writeValueAsString(
                Map.of("batchId", UUID.randomUUID().toString(), "records", List.of(morning, snapshot, evening)));
        assertThat(send("POST", "/api/audit/access-records", TRAINING_SERVICE, batch)
                        .statusCode())
                .isEqualTo(200);

        for (int size : new int[] {50, 1}) {
            List<String> thatDay = new ArrayList<>();
            for (JsonNode read : allPages("/api/audit/access-records/mine", DOCTOR, size)) {
                if (read.get("at").asString().startsWith("2026-01-15")) {
                    thatDay.add(read.get("at").asString() + " "
                            + read.get("viewerRole").asString() + " "
                            + read.get("what").asString() + " "
                            + read.get("timeWithheld").asBoolean());
                }
            }
            assertThat(thatDay)
                    .as("the service's read by its day only, after the day's other reads, not between them by its"
                            + " time, even read a page of " + size + " at a time")
                    .containsExactly(
                            eveningAt + " governance STAFF_RECORD false",
                            morningAt + " governance STAFF_RECORD false",
                            "2026-01-15T00:00:00Z service COMPLIANCE_RECORD true");
        }

        List<String> seenByAuditor = new ArrayList<>();
        for (JsonNode read : allPages(
                "/api/audit/access-records?subject=10000002&from=2026-01-15T00:00:00Z&to=2026-01-16T00:00:00Z",
                AUDITOR,
                50)) {
            seenByAuditor.add(
                    read.get("at").asString() + " " + read.get("viewer").asString());
        }
        assertThat(seenByAuditor)
                .as("governance and auditors see the time")
                .contains(snapshotAt + " client:audit-service", morningAt + " staff:10000004");
    }

    /** Every page of a paged list, {@code size} at a time. */
    private List<JsonNode> allPages(String path, String token, int size) throws Exception {
        List<JsonNode> all = new ArrayList<>();
        for (int number = 0; ; number++) {
            JsonNode content = page(send(
                    "GET", path + (path.contains("?") ? "&" : "?") + "size=" + size + "&page=" + number, token, null));
            if (content.isEmpty()) {
                return all;
            }
            content.forEach(all::add);
        }
    }

    @Test
    void anotherServicesBatchIsTakenOnceOnlyForWhatItServesAndAsItsOwn() throws Exception {
        String batchId = UUID.randomUUID().toString();
        Map<String, Object> record = record("COMPLIANCE_RECORD", "policy-service");
        Map<String, Object> batch = Map.of("batchId", batchId, "records", List.of(record));
        HttpResponse<String> taken =
                send("POST", "/api/audit/access-records", TRAINING_SERVICE, JSON.writeValueAsString(batch));
        assertThat(taken.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(taken.body()).get("records").asInt()).isEqualTo(1);
        assertThat(JSON.readTree(taken.body()).get("disposed").asInt())
                .as("no one it names was disposed of")
                .isZero();
        assertThat(send("POST", "/api/audit/access-records", TRAINING_SERVICE, JSON.writeValueAsString(batch))
                        .statusCode())
                .as("again")
                .isEqualTo(200);
        List<Document> kept = mongo.getCollection("access_records")
                .find(new Document("batchId", batchId))
                .into(new ArrayList<>());
        assertThat(kept).hasSize(1);
        assertThat(kept.get(0).getString("service")).as("whatever it said").isEqualTo("training-service");
        assertThat(mongo.getCollection("audit_log").countDocuments(new Document("eventId", "access-batch:" + batchId)))
                .isEqualTo(1);

        // A stop part-way through writing a batch's records, before the batch: sent again, the batch keeps each record
        // once, the one already kept as it was, and is bound once.
        String stopped = UUID.randomUUID().toString();
        Map<String, Object> keptBeforeTheStop = record("STAFF_RECORD", null);
        Map<String, Object> notYetKept = record("CERTIFICATE", null);
        mongo.getCollection("access_records")
                .insertOne(new Document("_id", keptBeforeTheStop.get("id"))
                        .append("at", java.util.Date.from(Instant.parse((String) keptBeforeTheStop.get("at"))))
                        .append("viewer", "staff:10000004")
                        .append("viewerRole", "governance")
                        .append("viewerDepartment", "Clinical Governance")
                        .append("what", "STAFF_RECORD")
                        .append("recordId", "10000002")
                        .append("subjectStaffNumber", "10000002")
                        .append("route", "PAGE")
                        .append("outcome", "READ")
                        .append("service", "training-service")
                        .append("batchId", stopped));
        assertThat(send(
                                "POST",
                                "/api/audit/access-records",
                                TRAINING_SERVICE,
                                JSON.writeValueAsString(
                                        Map.of("batchId", stopped, "records", List.of(keptBeforeTheStop, notYetKept))))
                        .statusCode())
                .isEqualTo(200);
        List<Document> retaken = mongo.getCollection("access_records")
                .find(new Document("batchId", stopped))
                .into(new ArrayList<>());
        assertThat(retaken)
                .extracting(d -> d.getString("_id"))
                .containsExactlyInAnyOrder((String) keptBeforeTheStop.get("id"), (String) notYetKept.get("id"));
        assertThat(mongo.getCollection("audit_log").countDocuments(new Document("eventId", "access-batch:" + stopped)))
                .isEqualTo(1);

        HttpResponse<String> incident = send(
                "POST",
                "/api/audit/access-records",
                TRAINING_SERVICE,
                JSON.writeValueAsString(
                        Map.of("batchId", UUID.randomUUID().toString(), "records", List.of(record("INCIDENT", null)))));
        assertThat(incident.statusCode()).isEqualTo(400);
        assertThat(incident.body()).contains("records[0].what");
        assertThat(send("POST", "/api/audit/access-records", GOVERNANCE, JSON.writeValueAsString(batch))
                        .statusCode())
                .isEqualTo(403);
        List<Map<String, Object>> tooMany = new ArrayList<>();
        for (int i = 0; i < 501; i++) {
            tooMany.add(record("STAFF_RECORD", null));
        }
        assertThat(send(
                                "POST",
                                "/api/audit/access-records",
                                TRAINING_SERVICE,
                                JSON.writeValueAsString(Map.of("batchId", "b-501", "records", tooMany)))
                        .statusCode())
                .isEqualTo(400);
    }

    @Test
    void anEditedRecordIsFoundAgainstTheLogAndABatchAStopLeftUnboundIsBoundLater() throws Exception {
        since = Instant.now().minusMillis(1);
        String batchId = UUID.randomUUID().toString();
        send(
                "POST",
                "/api/audit/access-records",
                TRAINING_SERVICE,
                JSON.writeValueAsString(Map.of(
                        "batchId",
                        batchId,
                        "records",
                        List.of(record("STAFF_RECORD", null), record("CERTIFICATE", null)))));
        assertThat(verify().get("intact").asBoolean()).isTrue();

        mongo.getCollection("access_records")
                .updateOne(new Document("batchId", batchId), new Document("$set", new Document("viewerRole", "staff")));
        JsonNode edited = verify();
        assertThat(edited.get("intact").asBoolean()).isFalse();
        assertThat(edited.get("altered").toString()).contains(batchId);
        mongo.getCollection("access_records")
                .updateMany(
                        new Document("batchId", batchId),
                        new Document("$set", new Document("viewerRole", "governance")));
        assertThat(verify().get("intact").asBoolean()).isTrue();

        // A stop after the records and the batch were written, before the log's entry: the repair binds the batch
        // from its records as kept.
        String interrupted = UUID.randomUUID().toString();
        mongo.getCollection("access_records")
                .insertOne(new Document("_id", UUID.randomUUID().toString())
                        .append("at", new java.util.Date())
                        .append("viewer", "staff:10000004")
                        .append("what", "STAFF_RECORD")
                        .append("recordId", "10000002")
                        .append("subjectStaffNumber", "10000002")
                        .append("route", "API")
                        .append("outcome", "READ")
                        .append("service", "training-service")
                        .append("batchId", interrupted));
        mongo.insert(new AccessBatch(
                interrupted,
                1,
                "not yet known",
                "training-service",
                Instant.now().minus(Duration.ofMinutes(5)),
                false));
        Instant around = Instant.now().minus(Duration.ofMinutes(6));
        Instant after = Instant.now().minus(Duration.ofMinutes(4));
        assertThat(verify(around, after).get("notBoundYet").toString()).contains(interrupted);
        store.bindWhatAStopLeft();
        assertThat(mongo.getCollection("audit_log")
                        .countDocuments(new Document("eventId", "access-batch:" + interrupted)))
                .isEqualTo(1);
        JsonNode bound = verify(around, after);
        assertThat(bound.get("intact").asBoolean()).as(bound.toString()).isTrue();
        assertThat(bound.get("notBoundYet")).isEmpty();
    }

    @Autowired
    List<org.trustgov.audit.retention.RecordHolder> holders;

    /** A person disposed of: the records about them become tombstones, their reads lose their name, all verifies. */
    @Test
    void aPersonsDisposalTakesTheirAccessRecordsAndTheBatchesStillVerify() throws Exception {
        since = Instant.now().minusMillis(1);
        String batchId = UUID.randomUUID().toString();
        Map<String, Object> aboutThem = record("STAFF_RECORD", null);
        aboutThem.put("recordId", "10000033");
        aboutThem.put("subjectStaffNumber", "10000033");
        Map<String, Object> byThem = record("COMPLIANCE_RECORD", null);
        byThem.put("viewer", "staff:10000033");
        Map<String, Object> unrelated = record("CERTIFICATE", null);
        assertThat(send(
                                "POST",
                                "/api/audit/access-records",
                                TRAINING_SERVICE,
                                JSON.writeValueAsString(
                                        Map.of("batchId", batchId, "records", List.of(aboutThem, byThem, unrelated))))
                        .statusCode())
                .isEqualTo(200);

        org.trustgov.audit.retention.RecordHolder erasure = holders.stream()
                .filter(h -> h.name().contains("access records"))
                .findFirst()
                .orElseThrow();
        erasure.destroy("training-record", "10000033");
        erasure.destroy("training-record", "10000033"); // idempotent

        List<Document> kept = mongo.getCollection("access_records")
                .find(new Document("batchId", batchId))
                .into(new ArrayList<>());
        assertThat(kept).hasSize(3);
        assertThat(kept.toString()).doesNotContain("10000033");
        assertThat(kept).filteredOn(d -> Boolean.TRUE.equals(d.get("erased"))).hasSize(1);
        assertThat(kept).filteredOn(d -> "[destroyed]".equals(d.get("viewer"))).hasSize(1);
        JsonNode verified = verify();
        assertThat(verified.get("intact").asBoolean()).as(verified.toString()).isTrue();
        assertThat(page(send("GET", "/api/audit/access-records?viewer=staff:10000004", AUDITOR, null))
                        .findValuesAsString("id"))
                .doesNotContainNull();
    }

    /**
     * From when this test's own batches are checked: the context (and its log) is shared with other tests, some of
     * which rewrite the log for their own purposes.
     */
    private Instant since;

    private JsonNode verify() throws Exception {
        return verify(since);
    }

    private JsonNode verify(Instant from) throws Exception {
        return verify(from, Instant.now().plusSeconds(1));
    }

    private JsonNode verify(Instant from, Instant to) throws Exception {
        HttpResponse<String> answer =
                send("GET", "/api/audit/access-records/verify?from=" + from + "&to=" + to, AUDITOR, null);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return JSON.readTree(answer.body());
    }

    private static Map<String, Object> record(String what, String service) {
        Map<String, Object> r = new java.util.HashMap<>(Map.of(
                "id", UUID.randomUUID().toString(),
                "at", Instant.now().toString(),
                "viewer", "staff:10000004",
                "viewerRole", "governance",
                "viewerDepartment", "Clinical Governance",
                "what", what,
                "recordId", "10000002",
                "subjectStaffNumber", "10000002",
                "route", "PAGE",
                "outcome", "READ"));
        if (service != null) {
            r.put("service", service);
        }
        return r;
    }

    private String report() throws Exception {
        HttpResponse<String> sent = send(
                "POST",
                "/api/audit/incidents",
                NURSE,
                JSON.writeValueAsString(AuditServiceApplicationTest.request("https://x.example/access", "4.2")));
        assertThat(sent.statusCode()).as(sent.body()).isEqualTo(201);
        String reference = JSON.readTree(sent.body()).get("reference").asString();
        assertThat(send("GET", "/api/audit/incidents/mine", NURSE, null).statusCode())
                .isEqualTo(200);
        return reference;
    }

    private void decideAnOutcome(String reference) throws Exception {
        String base = "/api/audit/incidents/" + reference;
        for (String[] step : new String[][] {
            {"/triage", "{}"},
            {"/investigator", "{\"staffNumber\":\"10000005\"}"},
            {"/investigation", null},
            {"/outcome", "{\"type\":\"INFORMAL_ACTION\",\"summary\":\"Spoken to\"}"}
        }) {
            HttpResponse<String> done = send("POST", base + step[0], GOVERNANCE, step[1]);
            assertThat(done.statusCode()).as(step[0] + " " + done.body()).isEqualTo(200);
        }
    }

    private static JsonNode page(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body()).get("content");
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
