package org.trustgov.audit;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
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
import org.trustgov.audit.retention.DisposalList;
import org.trustgov.audit.retention.Disposals;
import org.trustgov.keycloak.test.TestTokens;
import org.trustgov.test.IntegrationTest;
import org.trustgov.test.OtherServices;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Disposal, reviewed, with legal holds, over the running service (training-service and policy-service played by
 * WireMock): what reached the end of its retention is listed, unless held; the list is reviewed by one governance
 * member and approved by another (never the same, never twice); approval destroys every copy in every holder and the
 * record's key, and leaves a disposal record that names no one; a hold placed after listing still keeps its record;
 * lifting a hold takes two people; the log verifies throughout.
 */
@IntegrationTest
class DisposalTest {

    static final WireMockServer others = OtherServices.wireMock();
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final String NURSE = AuditServiceApplicationTest.NURSE;
    static final String GOVERNANCE = AuditServiceApplicationTest.GOVERNANCE;
    static final String OTHER_GOVERNANCE =
            TestTokens.person("sam.governance", "10000008", "Clinical Governance", "staff", "governance");
    static final String THIRD_GOVERNANCE =
            TestTokens.person("lee.governance", "10000009", "Clinical Governance", "staff", "governance");
    static final String AUDITOR = AuditServiceApplicationTest.AUDITOR;

    /** A leaver whose training record reached the end of its retention, and one a hold placed later keeps. */
    static final String LEAVER = "10000055";

    static final String LATER_HELD = "10000056";

    @LocalServerPort
    int port;

    @Autowired
    Disposals disposals;

    @Autowired
    AuditLog log;

    @Autowired
    RecordKeys keys;

    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void stubs() {
        others.stubFor(post("/token")
                .willReturn(json("{\"access_token\":\"service-token\",\"token_type\":\"Bearer\",\"expires_in\":300}")));
        others.stubFor(
                get("/api/policy/policies/SM-001/versions/1.0/clauses/4.2").willReturn(json("""
                {"policyCode":"SM-001","version":"1.0","versionStatus":"PUBLISHED","contentHash":"sha256:abc",
                 "clause":{"number":"4.2","heading":"Images of patients","text":"Never post images of patients."}}""")));
        others.stubFor(get(urlPathMatching("/api/training/compliance/staff/.*"))
                .willReturn(aResponse().withStatus(404)));
        others.stubFor(get(urlPathEqualTo("/api/training/retention/records"))
                .withQueryParam("recordClass", equalTo("training-record"))
                .willReturn(
                        json("[{\"reference\":\"" + LEAVER + "\",\"startedAt\":\"2015-03-01T00:00:00Z\",\"people\":[\""
                                + LEAVER + "\"],\"stillEmployed\":false},{\"reference\":\"" + LATER_HELD
                                + "\",\"startedAt\":\"2015-04-01T00:00:00Z\",\"people\":[\"" + LATER_HELD
                                + "\"],\"stillEmployed\":true}]")));
        others.stubFor(get(urlPathEqualTo("/api/training/retention/records"))
                .withQueryParam("recordClass", equalTo("staff-record"))
                .willReturn(json("[]")));
        others.stubFor(delete(urlPathMatching("/api/(training|policy)/retention/records/.*"))
                .willReturn(aResponse().withStatus(204)));
        employedNow(LATER_HELD);
    }

    /** Each training record's staff number on a list as read, to whether it says they are still employed. */
    private static Map<String, Boolean> employment(JsonNode list) {
        Map<String, Boolean> employed = new HashMap<>();
        for (JsonNode item : list.get("items")) {
            if (item.get("recordClass").asString().equals("training-record")
                    && item.get("stillEmployed") != null
                    && !item.get("stillEmployed").isNull()) {
                employed.put(
                        item.get("reference").asString(),
                        item.get("stillEmployed").asBoolean());
            }
        }
        return employed;
    }

    /** training-service's answer, as a list is read, of who is still employed now. */
    private void employedNow(String... staffNumbers) {
        others.stubFor(post(urlPathEqualTo("/api/training/retention/employment"))
                .willReturn(json("{\"stillEmployed\":["
                        + java.util.Arrays.stream(staffNumbers)
                                .map(n -> "\"" + n + "\"")
                                .collect(java.util.stream.Collectors.joining(","))
                        + "]}")));
    }

    @Test
    void aHoldPlacedAgainWithItsKeyIsTheHoldTheFirstSendingPlaced(
            @Autowired org.springframework.data.mongodb.core.MongoTemplate mongo) throws Exception {
        String hold = "{\"scope\":{\"kind\":\"PERSON\",\"staffNumber\":\"10000091\"},\"reason\":\"Coroner's "
                + "request\",\"externalReference\":\"COR-2026-9\"}";
        String key = UUID.randomUUID().toString();
        HttpResponse<String> first = send("POST", "/api/audit/retention/holds", GOVERNANCE, hold, key);
        assertThat(first.statusCode()).as(first.body()).isEqualTo(201);
        assertThat(first.headers().firstValue("Idempotent-Replayed")).isEmpty();
        String id = JSON.readTree(first.body()).get("id").asString();
        long entries = mongo.getCollection("audit_log").countDocuments();

        HttpResponse<String> again = send("POST", "/api/audit/retention/holds", GOVERNANCE, hold, key);
        assertThat(again.statusCode()).as(again.body()).isEqualTo(201);
        assertThat(again.headers().firstValue("Idempotent-Replayed")).hasValue("true");
        assertThat(JSON.readTree(again.body()).get("id").asString()).isEqualTo(id);
        assertThat(again.body()).doesNotContain("placedWithKey");
        HttpResponse<String> other =
                send("POST", "/api/audit/retention/holds", GOVERNANCE, hold.replace("COR-2026-9", "COR-2026-10"), key);
        assertThat(other.statusCode()).as(other.body()).isEqualTo(422);
        assertThat(other.body()).contains("Idempotency-Key").contains(id);
        assertThat(mongo.getCollection("audit_log").countDocuments())
                .as("nothing logged for the sendings that placed nothing")
                .isEqualTo(entries);
        assertThat(JSON
                        .readTree(ok(send("GET", "/api/audit/retention/holds", AUDITOR, null)))
                        .findValues("externalReference")
                        .stream()
                        .map(JsonNode::asString)
                        .filter(r -> r.startsWith("COR-2026-"))
                        .toList())
                .containsExactly("COR-2026-9");
    }

    @Test
    void aListIsReviewedByOneApprovedByAnotherAndDestroysEveryCopyButWhatAHoldKeeps() throws Exception {
        // The leaver's training events are in the log, sealed under their record's key.
        log.append(AuditRecord.of(
                "staff:" + LEAVER, "training.completion.recorded", "SMT-1/1", Map.of("staffNumber", LEAVER)));
        // A closed case, held for a tribunal claim.
        String ref = closedCase();
        JsonNode hold = JSON.readTree(ok(send(
                "POST",
                "/api/audit/retention/holds",
                GOVERNANCE,
                "{\"scope\":{\"kind\":\"INCIDENT\",\"reference\":\"" + ref + "\"},\"reason\":\"Tribunal claim "
                        + "about this case\",\"externalReference\":\"ET-2026-1234\"}")));
        String holdId = hold.get("id").asString();
        assertThat(hold.get("state").asString()).isEqualTo("ACTIVE");

        JsonNode standing =
                JSON.readTree(ok(send("GET", "/api/audit/retention/records/conduct-case/" + ref, AUDITOR, null)));
        assertThat(standing.get("heldBy").get(0).get("id").asString())
                .as("the case's page shows it is held")
                .isEqualTo(holdId);
        assertThat(standing.get("stillEmployed").isNull())
                .as("a case is not a person's record: no one's employment is asked")
                .isTrue();
        assertThat(standing.get("retentionEnds").asString())
                .isEqualTo(LocalDate.now(java.time.ZoneOffset.UTC).plusYears(10).toString());
        assertThat(send("GET", "/api/audit/retention/records/tweets/" + ref, AUDITOR, null)
                        .statusCode())
                .isEqualTo(400);
        assertThat(send("GET", "/api/audit/retention/records/conduct-case/SMB-1999-000001", AUDITOR, null)
                        .statusCode())
                .isEqualTo(404);

        Instant elevenYearsOn = Instant.now().plus(11 * 366, ChronoUnit.DAYS);
        DisposalList list = disposals.propose(elevenYearsOn).get(0);
        assertThat(list.getState()).isEqualTo(DisposalList.State.AWAITING_REVIEW);
        assertThat(list.getItems())
                .extracting(DisposalList.Item::reference)
                .contains(LEAVER, LATER_HELD)
                .as("a held record is never listed")
                .doesNotContain(ref);
        assertThat(list.getItems())
                .as("the list says whose training record belongs to someone still employed, as training-service found")
                .filteredOn(i -> i.recordClass().equals("training-record"))
                .extracting(DisposalList.Item::reference, DisposalList.Item::stillEmployed)
                .contains(
                        org.assertj.core.groups.Tuple.tuple(LEAVER, false),
                        org.assertj.core.groups.Tuple.tuple(LATER_HELD, true));
        assertThat(ok(send("GET", "/api/audit/retention/disposals", AUDITOR, null)))
                .contains("\"reference\":\"" + LATER_HELD + "\"")
                .contains("\"stillEmployed\":true");

        // Read while it is still to be decided, the list says who is employed now: training-service is asked again
        // (here the leaver came back, and the other has left since the list was made).
        employedNow(LEAVER);
        JsonNode readNow = JSON.readTree(ok(send("GET", base(list.getId()), AUDITOR, null)));
        assertThat(employment(readNow))
                .as("as training-service answers now")
                .containsEntry(LEAVER, true)
                .containsEntry(LATER_HELD, false);
        assertThat(readNow.get("employmentAsOf").isString()).isTrue();
        assertThat(readNow.get("employmentAsOf").asString())
                .as("and says when it asked")
                .isNotEqualTo(readNow.get("proposedAt").asString());
        JsonNode lists = JSON.readTree(ok(send("GET", "/api/audit/retention/disposals", AUDITOR, null)))
                .get("lists");
        assertThat(java.util.stream.StreamSupport.stream(lists.spliterator(), false)
                        .filter(l -> l.get("id").asString().equals(list.getId()))
                        .map(DisposalTest::employment)
                        .toList())
                .as("the lists read together, too")
                .singleElement()
                .satisfies(e -> assertThat(e).containsEntry(LEAVER, true));
        others.verify(postRequestedFor(urlPathEqualTo("/api/training/retention/employment"))
                .withRequestBody(com.github.tomakehurst.wiremock.client.WireMock.containing(LATER_HELD)));
        // training-service not answering: the list says what it said when it was made, and when that was.
        others.stubFor(post(urlPathEqualTo("/api/training/retention/employment"))
                .willReturn(aResponse().withStatus(503)));
        JsonNode asMade = JSON.readTree(ok(send("GET", base(list.getId()), AUDITOR, null)));
        assertThat(employment(asMade)).containsEntry(LEAVER, false).containsEntry(LATER_HELD, true);
        assertThat(asMade.get("employmentAsOf").asString())
                .isEqualTo(asMade.get("proposedAt").asString());
        employedNow(LATER_HELD);
        assertThat(disposals.propose(elevenYearsOn))
                .as("what an open list has is not listed again")
                .allSatisfy(l -> assertThat(l.getItems())
                        .extracting(DisposalList.Item::reference)
                        .doesNotContain(LEAVER));

        // Review: everything but the two training records is kept back (other tests' records share this store).
        String id = list.getId();
        Map<String, String> keep = keepAllBut(list, LEAVER, LATER_HELD);
        HttpResponse<String> approvedUnreviewed = send("POST", base(id) + "/approve", OTHER_GOVERNANCE, null);
        assertThat(approvedUnreviewed.statusCode()).isEqualTo(409);
        assertThat(approvedUnreviewed.body()).contains("reviewed first");
        ok(send("POST", base(id) + "/review", GOVERNANCE, JSON.writeValueAsString(Map.of("keep", keep))));
        HttpResponse<String> ownApproval = send("POST", base(id) + "/approve", GOVERNANCE, null);
        assertThat(ownApproval.statusCode()).as(ownApproval.body()).isEqualTo(409);
        assertThat(ownApproval.body()).contains("a second governance member approves it");
        assertThat(send("POST", base(id) + "/approve", NURSE, null).statusCode())
                .isEqualTo(403);

        // Between review and approval a hold is placed on one of the two people.
        ok(send(
                "POST",
                "/api/audit/retention/holds",
                GOVERNANCE,
                "{\"scope\":{\"kind\":\"PERSON\",\"staffNumber\":\"" + LATER_HELD + "\"},\"reason\":\"Coroner's "
                        + "request\",\"externalReference\":\"COR-77\"}"));
        long logFrom = log.readHead().getSequence();
        JsonNode approved = JSON.readTree(ok(send("POST", base(id) + "/approve", OTHER_GOVERNANCE, null)));
        assertThat(approved.get("state").asString()).isEqualTo("DONE");
        assertThat(send("POST", base(id) + "/approve", OTHER_GOVERNANCE, null).statusCode())
                .as("approving twice")
                .isEqualTo(409);

        DisposalList done = disposals.get(id);
        DisposalList.Item disposed = item(done, DisposalList.ItemState.DISPOSED, "training-record");
        String pseudonym = "record " + keys.keyIdOf(new RecordUnit(RecordUnit.TRAINING_RECORD, LEAVER));
        assertThat(disposed.reference()).as("the disposal record names no one").isEqualTo(pseudonym);
        assertThat(disposed.people()).isEmpty();
        assertThat(disposed.stillEmployed()).as("nor whether they worked here").isNull();
        assertThat(item(done, DisposalList.ItemState.HELD, "training-record").stillEmployed())
                .isTrue();
        assertThat(JSON.writeValueAsString(done)).doesNotContain(LEAVER);
        assertThat(item(done, DisposalList.ItemState.HELD, "training-record").note())
                .startsWith("held by HOLD-");
        others.verify(deleteRequestedFor(urlPathEqualTo("/api/training/retention/records/training-record/" + LEAVER)));
        others.verify(deleteRequestedFor(urlPathEqualTo("/api/policy/retention/records/training-record/" + LEAVER)));
        others.verify(
                0, deleteRequestedFor(urlPathMatching("/api/(training|policy)/retention/records/.*/" + LATER_HELD)));
        assertThat(keys.state(keys.keyIdOf(new RecordUnit(RecordUnit.TRAINING_RECORD, LEAVER))))
                .isInstanceOfSatisfying(
                        RecordKeys.Destroyed.class,
                        tombstone -> assertThat(tombstone.completedAt())
                                .as(
                                        "every copy gone, the record's life ended (what the person does after begins the next)")
                                .isAfterOrEqualTo(tombstone.destroyedAt()));

        // The log: the leaver's entries read [destroyed]; the disposal record names the rule; the chain is intact.
        String entries = ok(send("GET", "/api/audit/log?from=" + logFrom + "&size=1000", AUDITOR, null));
        List<Map<String, Object>> page = JSON.readValue(entries, new TypeReference<>() {});
        assertThat(page.stream()
                        .filter(e -> "retention.record.disposed".equals(e.get("action")))
                        .map(e -> String.valueOf(e.get("details"))))
                .anySatisfy(d -> assertThat(d).contains(pseudonym).contains("training-record: P10Y"));
        assertThat(JSON.readTree(ok(send("GET", "/api/audit/log/verify?from=1", AUDITOR, null)))
                        .get("intact")
                        .asBoolean())
                .isTrue();

        // Lifting the case's hold takes two people; then the case is listed, and disposed of on approval.
        assertThat(send("POST", "/api/audit/retention/holds/" + holdId + "/lift", THIRD_GOVERNANCE, null)
                        .statusCode())
                .as("confirming before anyone asked")
                .isEqualTo(409);
        ok(send(
                "POST",
                "/api/audit/retention/holds/" + holdId + "/lift-request",
                GOVERNANCE,
                "{\"reason\":\"The claim was withdrawn\"}"));
        HttpResponse<String> ownLift = send("POST", "/api/audit/retention/holds/" + holdId + "/lift", GOVERNANCE, null);
        assertThat(ownLift.statusCode()).isEqualTo(409);
        assertThat(ownLift.body()).contains("a second governance member confirms it");
        HttpResponse<String> investigatorsLift =
                send("POST", "/api/audit/retention/holds/" + holdId + "/lift", OTHER_GOVERNANCE, null);
        assertThat(investigatorsLift.statusCode())
                .as("the case's investigator: no one lifts a hold on a case that names them")
                .isEqualTo(403);
        assertThat(investigatorsLift.body()).contains("on your own records");
        assertThat(JSON.readTree(ok(
                                send("POST", "/api/audit/retention/holds/" + holdId + "/lift", THIRD_GOVERNANCE, null)))
                        .get("state")
                        .asString())
                .isEqualTo("LIFTED");
        DisposalList second = disposals.propose(elevenYearsOn).get(0);
        int place = second.getItems().stream()
                .map(DisposalList.Item::reference)
                .toList()
                .indexOf(ref);
        assertThat(place).as("listed once the hold is lifted").isGreaterThanOrEqualTo(0);
        Map<String, String> keepOthers = new HashMap<>();
        for (int i = 0; i < second.getItems().size(); i++) {
            if (i != place) {
                keepOthers.put(String.valueOf(i), "not this test's");
            }
        }
        HttpResponse<String> investigatorsReview = send(
                "POST",
                base(second.getId()) + "/review",
                OTHER_GOVERNANCE,
                JSON.writeValueAsString(Map.of("keep", keepOthers)));
        assertThat(investigatorsReview.statusCode())
                .as("the case's investigator does not decide on destroying it")
                .isEqualTo(403);
        ok(send(
                "POST",
                base(second.getId()) + "/review",
                THIRD_GOVERNANCE,
                JSON.writeValueAsString(Map.of("keep", keepOthers))));
        ok(send("POST", base(second.getId()) + "/approve", GOVERNANCE, null));
        assertThat(send("GET", "/api/audit/incidents/" + ref, AUDITOR, null).statusCode())
                .as("the incident is gone")
                .isEqualTo(404);
        assertThat(keys.state(keys.keyIdOf(new RecordUnit(RecordUnit.CONDUCT_CASE, ref))))
                .isInstanceOf(RecordKeys.Destroyed.class);
        String next = closedCase();
        assertThat(Long.parseLong(next.substring(next.lastIndexOf('-') + 1)))
                .as("a disposed incident's number is never given again")
                .isGreaterThan(Long.parseLong(ref.substring(ref.lastIndexOf('-') + 1)));
    }

    /**
     * A hold placed while a record is being destroyed: the disposal run marks the item before it reads the holds, and
     * placing a hold stores it before it looks for items being destroyed, so the hold either keeps what is left or is
     * answered with the item as already being destroyed. Here the destruction began and training-service could not
     * finish it (503): the hold placed then is told, and the next run keeps the rest; a record a stopped run left half
     * destroyed with no hold on it is destroyed by the next.
     */
    @Test
    void aLeaverRehiredAfterTheListWasMadeKeepsTheirRosterRecord() throws Exception {
        String rehired = "10000086";
        onlyLeaverListed(rehired, "2019-05-01T00:00:00Z");
        employedNow();

        DisposalList list =
                disposals.propose(Instant.now().plus(11 * 366, ChronoUnit.DAYS)).get(0);
        Map<String, String> keep = keepAllBut(list, rehired);
        assertThat(list.getItems().size() - keep.size()).isEqualTo(1);
        String id = list.getId();
        ok(send("POST", base(id) + "/review", GOVERNANCE, JSON.writeValueAsString(Map.of("keep", keep))));

        // HR rehires them under the same staff number before the list is approved.
        employedNow(rehired);
        ok(send("POST", base(id) + "/approve", OTHER_GOVERNANCE, null));

        DisposalList done = disposals.get(id);
        assertThat(done.getState()).isEqualTo(DisposalList.State.DONE);
        DisposalList.Item kept = item(done, DisposalList.ItemState.KEPT, "staff-record");
        assertThat(kept.reference()).isEqualTo(rehired);
        assertThat(kept.note())
                .as("a current employee's roster record is not destroyed, and the list says why")
                .startsWith("not destroyed: employed again since it was listed");
        others.verify(
                0, deleteRequestedFor(urlPathMatching("/api/(training|policy)/retention/records/staff-record/.*")));
        assertThat(disposals.disposedOf("staff-record", List.of(rehired)))
                .as("no tombstone: HR's next roster may keep them")
                .isEmpty();
    }

    @Test
    void aHoldPlacedWhileARecordIsBeingDestroyedKeepsWhatIsLeftAndSaysSo() throws Exception {
        String heldLate = "10000081";
        String leftHalfDone = "10000082";
        others.stubFor(get(urlPathEqualTo("/api/training/retention/records"))
                .withQueryParam("recordClass", equalTo("training-record"))
                .atPriority(1)
                .willReturn(json("[{\"reference\":\"" + heldLate
                        + "\",\"startedAt\":\"2015-05-01T00:00:00Z\",\"people\":[\"" + heldLate
                        + "\"]},{\"reference\":\"" + leftHalfDone
                        + "\",\"startedAt\":\"2015-05-02T00:00:00Z\",\"people\":[\"" + leftHalfDone + "\"]}]")));
        others.stubFor(delete(urlPathMatching("/api/training/retention/records/training-record/1000008[12]"))
                .atPriority(1)
                .willReturn(aResponse().withStatus(503)));

        DisposalList list =
                disposals.propose(Instant.now().plus(11 * 366, ChronoUnit.DAYS)).get(0);
        Map<String, String> keep = keepAllBut(list, heldLate, leftHalfDone);
        assertThat(list.getItems().size() - keep.size()).isEqualTo(2);
        String id = list.getId();
        ok(send("POST", base(id) + "/review", GOVERNANCE, JSON.writeValueAsString(Map.of("keep", keep))));
        ok(send("POST", base(id) + "/approve", OTHER_GOVERNANCE, null));
        DisposalList begun = disposals.get(id);
        assertThat(begun.getState())
                .as("not done while items are being destroyed")
                .isEqualTo(DisposalList.State.APPROVED);
        assertThat(begun.getItems())
                .filteredOn(i -> i.reference().equals(heldLate) || i.reference().equals(leftHalfDone))
                .allSatisfy(i -> {
                    assertThat(i.state()).isEqualTo(DisposalList.ItemState.DESTROYING);
                    assertThat(i.note()).startsWith("not yet: ");
                });

        JsonNode hold = JSON.readTree(ok(send(
                "POST",
                "/api/audit/retention/holds",
                GOVERNANCE,
                "{\"scope\":{\"kind\":\"PERSON\",\"staffNumber\":\"" + heldLate + "\"},\"reason\":\"Tribunal "
                        + "claim\",\"externalReference\":\"ET-2026-77\"}")));
        assertThat(hold.get("beingDestroyed").valueStream().map(JsonNode::asString))
                .as("the hold is placed, and its placer told what it may not keep whole")
                .singleElement()
                .asString()
                .startsWith(id + " item ")
                .endsWith(": training-record " + heldLate);
        JsonNode unrelated = JSON.readTree(ok(send(
                "POST",
                "/api/audit/retention/holds",
                GOVERNANCE,
                "{\"scope\":{\"kind\":\"PERSON\",\"staffNumber\":\"10000083\"},\"reason\":\"Claim\","
                        + "\"externalReference\":\"ET-2026-78\"}")));
        assertThat(unrelated.get("beingDestroyed")).isEmpty();
        assertThat(JSON.readTree(ok(send("GET", "/api/audit/retention/holds", AUDITOR, null)))
                        .findValues("beingDestroyed"))
                .as("an answer to placing it, not stored")
                .allSatisfy(v -> assertThat(v).isEmpty());

        others.stubFor(delete(urlPathMatching("/api/training/retention/records/training-record/1000008[12]"))
                .atPriority(1)
                .willReturn(aResponse().withStatus(204)));
        others.resetRequests(); // the attempts that failed before the hold are forgotten: none may come after it
        disposals.destroyPending();

        DisposalList done = disposals.get(id);
        assertThat(done.getState()).isEqualTo(DisposalList.State.DONE);
        assertThat(item(done, DisposalList.ItemState.HELD, "training-record").note())
                .as("kept, and what may be gone said")
                .isEqualTo("held by " + hold.get("id").asString()
                        + " after its destruction had begun: some copies may be gone");
        others.verify(
                0, deleteRequestedFor(urlPathMatching("/api/(training|policy)/retention/records/.*/" + heldLate)));
        assertThat(done.getItems())
                .as("the record a run left half destroyed, with no hold on it, is destroyed by the next")
                .filteredOn(i -> i.state() == DisposalList.ItemState.DISPOSED)
                .hasSize(1);
        others.verify(
                deleteRequestedFor(urlPathEqualTo("/api/policy/retention/records/training-record/" + leftHalfDone)));
    }

    /**
     * The daily look for closed incidents past their retention asks by status and by the date retention starts from,
     * sorted by that date: on MongoDB an index on both serves it in order, where without one it examined every
     * incident ever recorded. (The embedded store answers either way: it takes only unique indexes.)
     */
    @Test
    void theRetentionLooksAtIncidentsThroughIndexes(
            @Autowired org.springframework.data.mongodb.core.MongoTemplate mongo) {
        assertThat(mongo.indexOps(org.trustgov.audit.incidents.Incident.class).getIndexInfo())
                .extracting(index -> index.getIndexFields().stream()
                        .map(field -> field.getKey())
                        .toList())
                .contains(List.of("status", "closedAt"), List.of("status", "outcome.expiresOn"));
    }

    @Test
    void noMemberOfGovernanceLiftsAHoldOnTheirOwnRecords() throws Exception {
        String held = THIRD_GOVERNANCE;
        String holdId = JSON.readTree(ok(send(
                        "POST",
                        "/api/audit/retention/holds",
                        GOVERNANCE,
                        "{\"scope\":{\"kind\":\"PERSON\",\"staffNumber\":\"10000009\"},\"reason\":"
                                + "\"Employment tribunal claim\",\"externalReference\":\"ET-8\"}")))
                .get("id")
                .asString();
        String lifting = "/api/audit/retention/holds/" + holdId;

        HttpResponse<String> askingOwn = send("POST", lifting + "/lift-request", held, "{\"reason\":\"It is over\"}");
        assertThat(askingOwn.statusCode()).as(askingOwn.body()).isEqualTo(403);
        assertThat(askingOwn.body()).contains("on your own records");
        ok(send("POST", lifting + "/lift-request", GOVERNANCE, "{\"reason\":\"The claim was withdrawn\"}"));
        HttpResponse<String> confirmingOwn = send("POST", lifting + "/lift", held, null);
        assertThat(confirmingOwn.statusCode()).as(confirmingOwn.body()).isEqualTo(403);
        assertThat(JSON.readTree(ok(send("GET", "/api/audit/retention/holds", GOVERNANCE, null)))
                        .get("holds")
                        .valueStream()
                        .filter(hold -> hold.get("id").asString().equals(holdId))
                        .map(hold -> hold.get("state").asString()))
                .as("still waiting for someone else to confirm")
                .containsExactly("LIFT_REQUESTED");
        assertThat(JSON.readTree(ok(send("POST", lifting + "/lift", OTHER_GOVERNANCE, null)))
                        .get("state")
                        .asString())
                .isEqualTo("LIFTED");
    }

    @Test
    void noMemberOfGovernanceReviewsOrApprovesTheDestructionOfTheirOwnRecords() throws Exception {
        String own = "10000009"; // THIRD_GOVERNANCE's own training record reached the end of its retention
        var ownRecord = others.stubFor(get(urlPathEqualTo("/api/training/retention/records"))
                .withQueryParam("recordClass", equalTo("training-record"))
                .atPriority(1)
                .willReturn(json("[{\"reference\":\"" + own + "\",\"startedAt\":\"2015-05-01T00:00:00Z\","
                        + "\"people\":[\"" + own + "\"]}]")));
        DisposalList list;
        try {
            list = disposals.propose(Instant.now().plus(11 * 366, ChronoUnit.DAYS)).stream()
                    .filter(l ->
                            l.getItems().stream().anyMatch(i -> i.reference().equals(own)))
                    .findFirst()
                    .orElseThrow();
        } finally {
            others.removeStub(ownRecord); // later proposals in this store do not find her record again
        }
        int item = list.getItems().stream()
                .map(DisposalList.Item::reference)
                .toList()
                .indexOf(own);

        HttpResponse<String> reviewingOwn = send("POST", base(list.getId()) + "/review", THIRD_GOVERNANCE, "{}");
        assertThat(reviewingOwn.statusCode()).as(reviewingOwn.body()).isEqualTo(403);
        assertThat(reviewingOwn.body())
                .contains("has records about you (item " + (item + 1) + ")")
                .contains("other members of governance review and approve it");
        assertThat(disposals.get(list.getId()).getState())
                .as("nothing changed")
                .isEqualTo(DisposalList.State.AWAITING_REVIEW);

        // Another member reviews it, keeping back every item but hers (other tests' records share this store).
        Map<String, String> keep = new HashMap<>();
        for (int i = 0; i < list.getItems().size(); i++) {
            if (i != item) {
                keep.put(String.valueOf(i), "not this test's");
            }
        }
        ok(send("POST", base(list.getId()) + "/review", GOVERNANCE, JSON.writeValueAsString(Map.of("keep", keep))));
        HttpResponse<String> approvingOwn = send("POST", base(list.getId()) + "/approve", THIRD_GOVERNANCE, null);
        assertThat(approvingOwn.statusCode()).as(approvingOwn.body()).isEqualTo(403);
        assertThat(disposals.get(list.getId()).getState()).isEqualTo(DisposalList.State.AWAITING_APPROVAL);
        others.verify(0, deleteRequestedFor(urlPathMatching("/api/training/retention/records/.*" + own + ".*")));

        JsonNode approved = JSON.readTree(ok(send("POST", base(list.getId()) + "/approve", OTHER_GOVERNANCE, null)));
        assertThat(approved.get("approvedBy").asString()).isEqualTo("staff:10000008");
    }

    /**
     * A staff record's tombstone is stored before training-service destroys the roster record: an HR upload while the
     * disposal runs either still finds the record (and only updates it) or finds the tombstone when it asks.
     */
    @Test
    void aStaffRecordsTombstoneIsStoredBeforeTrainingServiceDestroysTheRosterRecord() throws Exception {
        String leaver = "10000084";
        onlyLeaverListed(leaver, "2015-06-01T00:00:00Z");
        others.stubFor(delete(urlPathEqualTo("/api/training/retention/records/staff-record/" + leaver))
                .atPriority(1)
                .willReturn(aResponse().withStatus(204).withTransformers(OtherServices.WhileAnswering.NAME)));
        List<Boolean> tombstoneStored = new java.util.concurrent.CopyOnWriteArrayList<>();
        OtherServices.whileAnswering(() ->
                tombstoneStored.add(!keys.destroyedAmong(List.of(new RecordUnit(RecordUnit.STAFF_RECORD, leaver)))
                        .isEmpty()));

        DisposalList list =
                disposals.propose(Instant.now().plus(11 * 366, ChronoUnit.DAYS)).get(0);
        Map<String, String> keep = keepAllBut(list, leaver);
        assertThat(list.getItems().size() - keep.size()).isEqualTo(1);
        ok(send("POST", base(list.getId()) + "/review", GOVERNANCE, JSON.writeValueAsString(Map.of("keep", keep))));
        ok(send("POST", base(list.getId()) + "/approve", OTHER_GOVERNANCE, null));

        assertThat(tombstoneStored)
                .as("training-service asked once, with the tombstone already stored")
                .containsExactly(true);
        assertThat(disposals.get(list.getId()).getItems())
                .filteredOn(i -> i.reference().equals(leaver) || i.reference().startsWith("record "))
                .extracting(DisposalList.Item::state)
                .contains(DisposalList.ItemState.DISPOSED);
    }

    @Test
    void aServiceAsksWhichLeaversRecordsWereDisposedOfBeforeKeepingThemAgain() throws Exception {
        String trainingService = TestTokens.serviceAccount("training-service", "service");
        keys.destroy(new RecordUnit(RecordUnit.STAFF_RECORD, "10000057"), "staff-record", "DL-asked-1");

        JsonNode answer = JSON.readTree(
                ok(askDisposed(trainingService, "staff-record", "\"10000058\",\"10000057\",\"10000057\"")));
        assertThat(answer.get("recordClass").asString()).isEqualTo("staff-record");
        assertThat(answer.get("disposed").toString())
                .as("the disposed one, once; not one whose record is kept")
                .isEqualTo("[\"10000057\"]");
        assertThat(JSON.readTree(ok(askDisposed(trainingService, "training-record", "\"10000057\"")))
                        .get("disposed")
                        .size())
                .as("the roster record's tombstone is not the training record's")
                .isZero();

        HttpResponse<String> untombstoned = askDisposed(trainingService, "incident-notes", "\"10000057\"");
        assertThat(untombstoned.statusCode()).isEqualTo(400);
        assertThat(untombstoned.body()).contains("recordClass").contains("staff-record");
        String tooMany = java.util.stream.IntStream.range(0, 1_001)
                .mapToObj(i -> "\"" + (20_000_000 + i) + "\"")
                .collect(java.util.stream.Collectors.joining(","));
        HttpResponse<String> tooLong = askDisposed(trainingService, "staff-record", tooMany);
        assertThat(tooLong.statusCode()).isEqualTo(400);
        assertThat(tooLong.body()).contains("references");
        HttpResponse<String> notAReference = askDisposed(trainingService, "staff-record", "\"10000057\",\"../x\"");
        assertThat(notAReference.statusCode()).isEqualTo(400);
        assertThat(notAReference.body()).contains("references[1]");
        assertThat(askDisposed(GOVERNANCE, "staff-record", "\"10000057\"").statusCode())
                .as("a question for services, not for people")
                .isEqualTo(403);
    }

    /** {@code POST /api/audit/retention/disposed} for {@code references} (JSON strings, comma-separated). */
    private HttpResponse<String> askDisposed(String token, String recordClass, String references) throws Exception {
        return send(
                "POST",
                "/api/audit/retention/disposed",
                token,
                "{\"recordClass\":\"" + recordClass + "\",\"references\":[" + references + "]}");
    }

    @Test
    void badRequestsAreRefusedNamingTheReasonAndChangeNothing() throws Exception {
        int listsBefore = disposals.recent().size();
        HttpResponse<String> early =
                send("POST", "/api/audit/retention/disposals/proposals?asOf=2040-01-01", GOVERNANCE, null);
        assertThat(early.statusCode())
                .as("listing as of a later day outside a rehearsal")
                .isEqualTo(400);
        assertThat(early.body()).contains("asOf").contains("rehearsal");
        assertThat(disposals.recent()).hasSize(listsBefore);
        HttpResponse<String> noReason = send(
                "POST",
                "/api/audit/retention/holds",
                GOVERNANCE,
                "{\"scope\":{\"kind\":\"PERSON\",\"staffNumber\":\"10000001\"},\"externalReference\":\"ET-1\"}");
        assertThat(noReason.statusCode()).isEqualTo(400);
        assertThat(noReason.body()).contains("reason");
        HttpResponse<String> unknownClass = send(
                "POST",
                "/api/audit/retention/holds",
                GOVERNANCE,
                "{\"scope\":{\"kind\":\"RECORD_CLASS\",\"recordClass\":\"tweets\",\"from\":\"2020-01-01\",\"to\":"
                        + "\"2021-01-01\"},\"reason\":\"x\",\"externalReference\":\"ET-1\"}");
        assertThat(unknownClass.statusCode()).isEqualTo(400);
        assertThat(unknownClass.body()).contains("scope.recordClass");
        HttpResponse<String> backwards = send(
                "POST",
                "/api/audit/retention/holds",
                GOVERNANCE,
                "{\"scope\":{\"kind\":\"RECORD_CLASS\",\"recordClass\":\"conduct-case\",\"from\":\"2021-01-01\","
                        + "\"to\":\"2020-01-01\"},\"reason\":\"x\",\"externalReference\":\"ET-1\"}");
        assertThat(backwards.statusCode()).isEqualTo(400);
        assertThat(backwards.body()).contains("scope.from");
        HttpResponse<String> farFuture = send(
                "POST",
                "/api/audit/retention/holds",
                GOVERNANCE,
                "{\"scope\":{\"kind\":\"RECORD_CLASS\",\"recordClass\":\"conduct-case\",\"from\":\"2020-01-01\","
                        + "\"to\":\"+999999999-12-31\"},\"reason\":\"x\",\"externalReference\":\"ET-1\"}");
        assertThat(farFuture.statusCode()).as(farFuture.body()).isEqualTo(400);
        assertThat(farFuture.body()).contains("scope.to");
        assertThat(send("POST", "/api/audit/retention/holds", AUDITOR, "{}").statusCode())
                .as("auditors read, governance acts")
                .isEqualTo(403);
        assertThat(send("GET", "/api/audit/retention/disposals/DL-none", AUDITOR, null)
                        .statusCode())
                .isEqualTo(404);
        assertThat(send("POST", "/api/audit/retention/disposals/DL-none/review", GOVERNANCE, null)
                        .statusCode())
                .isEqualTo(404);
        assertThat(JSON.readTree(ok(send("GET", "/api/audit/retention/holds", AUDITOR, null)))
                        .toString())
                .doesNotContain("ET-1");
    }

    /**
     * training-service lists one leaver's roster record, who left at {@code left}, and no training record (the other
     * tests' leavers stay unlisted).
     */
    private static void onlyLeaverListed(String leaver, String left) {
        others.stubFor(get(urlPathEqualTo("/api/training/retention/records"))
                .withQueryParam("recordClass", equalTo("training-record"))
                .atPriority(1)
                .willReturn(json("[]")));
        others.stubFor(get(urlPathEqualTo("/api/training/retention/records"))
                .withQueryParam("recordClass", equalTo("staff-record"))
                .atPriority(1)
                .willReturn(json("[{\"reference\":\"" + leaver + "\",\"startedAt\":\"" + left + "\",\"people\":[\""
                        + leaver + "\"],\"stillEmployed\":false}]")));
    }

    /** The review's keep-backs: every item but those of {@code ours} (other tests' records share this store). */
    private static Map<String, String> keepAllBut(DisposalList list, String... ours) {
        java.util.Set<String> mine = java.util.Set.of(ours);
        Map<String, String> keep = new HashMap<>();
        for (int i = 0; i < list.getItems().size(); i++) {
            if (!mine.contains(list.getItems().get(i).reference())) {
                keep.put(String.valueOf(i), "not this test's");
            }
        }
        return keep;
    }

    private static DisposalList.Item item(DisposalList list, DisposalList.ItemState state, String recordClass) {
        return list.getItems().stream()
                .filter(i -> i.state() == state && i.recordClass().equals(recordClass))
                .findFirst()
                .orElseThrow(
                        () -> new AssertionError("no " + state + " " + recordClass + " item in " + list.getItems()));
    }

    private String closedCase() throws Exception {
        Map<String, Object> body = new HashMap<>(AuditServiceApplicationTest.request("https://x.example/p", "4.2"));
        body.put("subjectStaffNumber", "10000057");
        String ref = JSON.readTree(ok(send("POST", "/api/audit/incidents", NURSE, JSON.writeValueAsString(body))))
                .get("reference")
                .asString();
        String base = "/api/audit/incidents/" + ref;
        ok(send("POST", base + "/triage", GOVERNANCE, "{}"));
        ok(send("POST", base + "/investigator", GOVERNANCE, "{\"staffNumber\":\"10000008\"}"));
        ok(send("POST", base + "/investigation", GOVERNANCE, null));
        ok(send(
                "POST",
                base + "/outcome",
                GOVERNANCE,
                "{\"type\":\"FORMAL_WARNING\",\"summary\":\"Formal warning\",\"expiresOn\":\""
                        + LocalDate.now().plusMonths(6) + "\"}"));
        ok(send("POST", base + "/close", GOVERNANCE, null));
        return ref;
    }

    private static String base(String id) {
        return "/api/audit/retention/disposals/" + id;
    }

    private static String ok(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isBetween(200, 201);
        return response.body();
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

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(String body) {
        return aResponse().withHeader("Content-Type", "application/json").withBody(body);
    }
}
