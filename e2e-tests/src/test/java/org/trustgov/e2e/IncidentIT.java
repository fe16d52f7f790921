package org.trustgov.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.trustgov.e2e.Http.json;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * A nurse reports a breach citing a real clause of the published policy; governance investigates and records an
 * outcome; the audit log verifies; HR reads the outcome. The other services' events reach the same log.
 */
@StartedPlatform
class IncidentIT {

    private static final String INCIDENTS = Platform.GATEWAY + "/api/audit/incidents";
    private final Http http = new Http();

    @Test
    void aReportedBreachIsInvestigatedTheOutcomeReachesHrAndTheLogVerifies() {
        String nurse = http.personToken("alex.nurse");
        // Sent with an Idempotency-Key, through the gateway, and sent again (its answer lost): one case.
        Map<String, String> key =
                Map.of("Idempotency-Key", java.util.UUID.randomUUID().toString());
        Map<String, Object> report = Map.of(
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
                "A photo of bay 3 was posted to a public group; a patient is recognisable in the background.",
                "evidence",
                List.of(Map.of("kind", "URL", "reference", "https://www.facebook.com/groups/example/posts/1")),
                "breachedClauses",
                List.of(Map.of("policyCode", "SM-001", "policyVersion", "1.0", "clauseNumber", "4.2")));
        HttpResponse<String> reported = http.postJsonWithHeaders(INCIDENTS, nurse, key, report);
        assertThat(reported.statusCode()).as(reported.body()).isEqualTo(201);
        String reference = json(reported).get("reference").asString();
        assertThat(reference).matches("SMB-\\d{4}-\\d{6}");
        HttpResponse<String> sentAgain = http.postJsonWithHeaders(INCIDENTS, nurse, key, report);
        assertThat(sentAgain.statusCode()).as(sentAgain.body()).isEqualTo(201);
        assertThat(json(sentAgain).get("reference").asString()).isEqualTo(reference);
        assertThat(sentAgain.headers().firstValue("Idempotent-Replayed")).hasValue("true");
        HttpResponse<String> unknownClause = http.postJson(
                INCIDENTS,
                nurse,
                Map.of(
                        "subjectStaffNumber",
                        "10000002",
                        "occurredAt",
                        "2026-11-20T21:30:00Z",
                        "platform",
                        "X",
                        "category",
                        "OTHER",
                        "severity",
                        "LOW",
                        "description",
                        "x",
                        "breachedClauses",
                        List.of(Map.of("policyCode", "SM-001", "policyVersion", "1.0", "clauseNumber", "99.9"))));
        assertThat(unknownClause.statusCode()).isEqualTo(400);
        assertThat(unknownClause.body()).contains("breachedClauses[0]");

        String governance = http.personToken("morgan.governance");
        String incident = INCIDENTS + "/" + reference;
        assertThat(http.postJson(incident + "/triage", governance, Map.of()).statusCode())
                .isEqualTo(200);
        HttpResponse<String> notOnTheRoster =
                http.postJson(incident + "/investigator", governance, Map.of("staffNumber", "99999999"));
        assertThat(notOnTheRoster.statusCode())
                .as("audit-service asks training-service's directory")
                .isEqualTo(400);
        assertThat(notOnTheRoster.body()).contains("not on the trust's roster");
        pushTheDemoRoster();
        assertThat(http.postJson(incident + "/investigator", governance, Map.of("staffNumber", "10000009"))
                        .body())
                .as("a leaver")
                .contains("has left the trust");
        assertThat(http.postJson(incident + "/investigator", governance, Map.of("staffNumber", "10000005"))
                        .statusCode())
                .isEqualTo(200);
        assertThat(http.post(incident + "/investigation", governance).statusCode())
                .isEqualTo(200);
        assertThat(http.postJson(incident + "/notes", governance, Map.of("text", "Interviewed the subject."))
                        .statusCode())
                .isEqualTo(200);
        HttpResponse<String> outcome = http.postJson(
                incident + "/outcome",
                governance,
                Map.of(
                        "type",
                        "FORMAL_WARNING",
                        "summary",
                        "Formal warning for 12 months",
                        "expiresOn",
                        LocalDate.now().plusYears(1).toString()));
        assertThat(outcome.statusCode()).as(outcome.body()).isEqualTo(200);
        // Closed with an Idempotency-Key, and sent again through the gateway (its answer lost): the case as it is.
        Map<String, String> closing =
                Map.of("Idempotency-Key", java.util.UUID.randomUUID().toString());
        assertThat(http.postJsonWithHeaders(incident + "/close", governance, closing, Map.of())
                        .statusCode())
                .isEqualTo(200);
        HttpResponse<String> closedAgain = http.postJsonWithHeaders(incident + "/close", governance, closing, Map.of());
        assertThat(closedAgain.statusCode()).as(closedAgain.body()).isEqualTo(200);
        assertThat(closedAgain.headers().firstValue("Idempotent-Replayed")).hasValue("true");
        assertThat(http.post(incident + "/close", governance).statusCode())
                .as("closed twice, without a key")
                .isEqualTo(409);
        JsonNode full = json(http.get(incident, governance));
        assertThat(full.get("trainingSnapshot").get("state").asString())
                .as("training-service answered")
                .isEqualTo("RECORDED");

        String auditor = http.personToken("taylor.auditor");
        JsonNode verification = json(http.get(Platform.GATEWAY + "/api/audit/log/verify", auditor));
        assertThat(verification.get("intact").asBoolean())
                .as(verification.toString())
                .isTrue();
        assertThat(http.get(Platform.GATEWAY + "/api/audit/log/verify", nurse).statusCode())
                .isEqualTo(403);

        String hr = http.clientToken("hr-system", "hr-system-secret");
        HttpResponse<String> outcomes = http.get(
                Platform.GATEWAY + "/api/audit/outcomes?from=" + LocalDate.now() + "&to="
                        + LocalDate.now().plusDays(1),
                hr);
        assertThat(outcomes.statusCode()).isEqualTo(200);
        assertThat(outcomes.body())
                .contains(reference)
                .contains("FORMAL_WARNING")
                .doesNotContain("Interviewed");

        // A regulator's auditor gets the case bundle and both verifier keys, and checks it offline with the JDK alone.
        HttpResponse<String> bundle = http.get(incident + "/bundle", auditor);
        assertThat(bundle.statusCode()).as(bundle.body()).isEqualTo(200);
        assertThat(json(bundle).get("entries").size())
                .as("reported, triaged, ... closed")
                .isGreaterThanOrEqualTo(7);
        String keys = http.get(Platform.GATEWAY + "/api/audit/log/checkpoint/key", auditor)
                        .body()
                        .strip() + ","
                + http.get(Platform.GATEWAY + "/api/witness/key", auditor)
                        .body()
                        .strip();
        assertThat(OfflineVerifier.run("bundle", bundle.body(), keys))
                .startsWith("OK: ")
                .contains("entries, each unchanged, are all in")
                .contains("complete and unedited as sealed in entry");
        assertThat(OfflineVerifier.run("bundle", bundle.body(), keys.substring(0, keys.indexOf(','))))
                .as("without the witness's key")
                .startsWith("NOT PROVED: ")
                .contains("no witness key");
        assertThat(json(bundle).get("checkpoint").asString())
                .as("the log's signature and the witness's cosignature")
                .contains("\u2014 trust.example.nhs.uk/audit-log ")
                .contains("\u2014 trust.example.nhs.uk/audit-witness ");
        tools.jackson.databind.node.ObjectNode altered = (tools.jackson.databind.node.ObjectNode) json(bundle);
        ((tools.jackson.databind.node.ObjectNode) altered.get("entries").get(1)).put("actor", "staff:10000099");
        assertThat(OfflineVerifier.run("bundle", altered.toString(), keys))
                .startsWith("FAILED: entry ")
                .contains("does not match its hash");
        assertThat(http.get(incident + "/bundle", nurse).statusCode()).isEqualTo(403);

        // HR's outcomes export: each outcome is the decision the log bound, checked offline against the same keys.
        HttpResponse<String> export = http.get(
                Platform.GATEWAY + "/api/audit/outcomes/export?from=" + LocalDate.now() + "&to="
                        + LocalDate.now().plusDays(1),
                hr);
        assertThat(export.statusCode()).as(export.body()).isEqualTo(200);
        assertThat(export.body())
                .contains(reference)
                .contains("Formal warning for 12 months")
                .doesNotContain("Interviewed");
        assertThat(OfflineVerifier.run("bundle", export.body(), keys))
                .startsWith("OK: ")
                .contains("records are the ones they logged");
        String softened = export.body().replace("Formal warning for 12 months", "Formal warning for 1 month");
        assertThat(OfflineVerifier.run("bundle", softened, keys))
                .startsWith("FAILED: the export's content is not what the log sealed");
        assertThat(http.get(
                                Platform.GATEWAY + "/api/audit/outcomes/export?from=" + LocalDate.now() + "&to="
                                        + LocalDate.now().plusDays(1),
                                nurse)
                        .statusCode())
                .isEqualTo(403);
    }

    /**
     * Who reported a case is kept from its subject, and so is the second it was reported: someone who knew a colleague
     * was at a screen then would know. Here with every part real: training-service records audit-service's read of
     * the subject's training for the case's snapshot, at the report's second, and relays it.
     */
    @Test
    void theSubjectOfACaseIsNeverGivenTheSecondItWasReported() {
        pushTheDemoRoster();
        String nurse = http.personToken("alex.nurse");
        String priya = http.personToken("priya.doctor");
        HttpResponse<String> reported = http.postJson(
                INCIDENTS,
                nurse,
                Map.of(
                        "subjectStaffNumber", "10000002",
                        "occurredAt", "2026-11-21T08:00:00Z",
                        "platform", "INSTAGRAM",
                        "category", "CONFIDENTIALITY_BREACH",
                        "severity", "MODERATE",
                        "description", "A story showed the ward's handover board.",
                        "breachedClauses",
                                List.of(Map.of(
                                        "policyCode", "SM-001", "policyVersion", "1.0", "clauseNumber", "4.2"))));
        assertThat(reported.statusCode()).as(reported.body()).isEqualTo(201);
        String reference = json(reported).get("reference").asString();
        // The reporter's own view has the time (hers to see); the subject is shown her read by its day.
        String reportedAt = json(http.get(INCIDENTS + "/" + reference, nurse))
                .get("reportedAt")
                .asString();
        String itsSecond = reportedAt.substring(0, 19);
        String itsDay = reportedAt.substring(0, 10) + "T00:00:00Z";

        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(readsOfHerRecords(priya))
                        .as("the snapshot's read of her training, relayed by training-service")
                        .anyMatch(r -> r.get("viewerRole").asString().equals("service")
                                && r.get("what").asString().equals("COMPLIANCE_RECORD")
                                && r.get("at").asString().equals(itsDay)
                                && r.get("timeWithheld").asBoolean()));
        assertThat(readsOfHerRecords(priya))
                .as("no read by the reporter or a service at the report's second")
                .noneMatch(r -> r.get("at").asString().startsWith(itsSecond));
        assertThat(http.get(INCIDENTS + "/" + reference, priya).body()).doesNotContain(itsSecond);
        assertThat(http.get(INCIDENTS + "/" + reference + "/views", priya).body())
                .doesNotContain(itsSecond);

        HttpResponse<String> made = http.postJson(
                Platform.GATEWAY + "/api/audit/subject-access",
                http.personToken("morgan.governance"),
                Map.of(
                        "staffNumber",
                        "10000002",
                        "requestedOn",
                        LocalDate.now(java.time.ZoneOffset.UTC).toString()));
        assertThat(made.statusCode()).as(made.body()).isEqualTo(200);
        JsonNode bundle = json(made);
        JsonNode theCase = bundle.get("incidents")
                .valueStream()
                .filter(c -> c.get("reference").asString().equals(reference))
                .findFirst()
                .orElseThrow();
        assertThat(theCase.get("reportedAt").asString()).isEqualTo(itsDay);
        assertThat(theCase.toString()).as("nor the snapshot's time").doesNotContain(itsSecond);
        assertThat(bundle.get("readsOfTheirRecords").valueStream())
                .filteredOn(r -> List.of("reporter", "service")
                        .contains(r.get("viewerRole").asString()))
                .noneMatch(r -> r.get("at").asString().startsWith(itsSecond));
        assertThat(bundle.get("entries").valueStream())
                .as("nor a log entry stamped with it: the report's, or the batch holding the snapshot's read")
                .noneMatch(e -> e.get("at").asString().startsWith(itsSecond));
    }

    /** HR pushes the demo roster (again: unchanged rows are left as they are). */
    private void pushTheDemoRoster() {
        http.postJson(
                Platform.GATEWAY + "/api/training/staff",
                http.clientToken("hr-system", "hr-system-secret"),
                DemoRoster.ROWS);
    }

    /** Every read of records about the holder of {@code token}, as she sees them: a day-only read is after its day's. */
    private java.util.List<JsonNode> readsOfHerRecords(String token) {
        java.util.List<JsonNode> all = new java.util.ArrayList<>();
        for (int page = 0; ; page++) {
            JsonNode content = json(http.get(
                            Platform.GATEWAY + "/api/audit/access-records/mine?size=200&page=" + page, token))
                    .get("content");
            if (content.isEmpty()) {
                return all;
            }
            content.forEach(all::add);
        }
    }

    @Test
    void eventsFromPolicyAndTrainingServicesArriveInTheLogExactlyOnce() {
        pushTheDemoRoster();
        String auditor = http.personToken("taylor.auditor");

        // The demo policy was published by policy-service at start-up, possibly before audit-service was up.
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofSeconds(1))
                .untilAsserted(() -> {
                    String log = http.get(Platform.GATEWAY + "/api/audit/log?size=1000", auditor)
                            .body();
                    assertThat(log)
                            .contains("\"action\":\"policy.version.published\"")
                            .contains("\"action\":\"training.roster.upserted\"");
                });
        JsonNode entries = json(http.get(Platform.GATEWAY + "/api/audit/log?size=1000", auditor));
        java.util.Set<String> eventIds = new java.util.HashSet<>();
        for (JsonNode entry : entries) {
            if (entry.hasNonNull("eventId")) {
                assertThat(eventIds.add(entry.get("eventId").asString()))
                        .as("event appended twice")
                        .isTrue();
            }
        }
        assertThat(json(http.get(Platform.GATEWAY + "/api/audit/log/verify", auditor))
                        .get("intact")
                        .asBoolean())
                .isTrue();
    }
}
