package org.trustgov.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.trustgov.e2e.Http.json;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * A member of staff with a training record, an acknowledgement, a closed conduct case with a training snapshot, a
 * lifted legal hold and log entries in all three services leaves; the trust rehearses eleven years on
 * ({@code trustgov.retention.rehearsal}); their records are listed, reviewed by one governance member and approved by
 * another, and destroyed. Then no file of the data folder holds their staff number, name, e-mail or the text written
 * about them; the log verifies from entry 1 and against the latest witnessed checkpoint; a bundle exported before the
 * disposal still passes {@code java Verify.java}; and the log shows their entries as destroyed under the rule. When
 * they come back, rehired under the same staff number, what they do then is theirs again in the log.
 */
@StartedPlatform
class RecordsDisposalIT {

    private static final String STAFF_NUMBER = "10000066";
    private static final String SURNAME = "Quillfeather";
    private static final String EMAIL = "robin.quillfeather@trust.example.nhs.uk";
    private static final String ABOUT_THEM = "Zephyrine day-room photograph";
    private static final String DEPARTMENT = "Estates and Facilities";
    private static final String MODULE = "RET-01";

    private final Http http = new Http();

    @Test
    void aLeaversRecordsAreDestroyedEverywhereTheDataFolderHoldsNoTraceAndTheLogStillVerifies() {
        String hr = http.clientToken("hr-system", "hr-system-secret");
        String governance = http.personToken("morgan.governance");
        String otherGovernance = http.personToken("sam.governance");
        String auditor = http.personToken("taylor.auditor");
        String nurse = http.personToken("alex.nurse");

        // Robin joins: an account at the trust's identity provider, and HR's roster record.
        createAccount();
        assertThat(http.postJson(Platform.GATEWAY + "/api/training/staff", hr, List.of(robin(true)))
                        .statusCode())
                .isBetween(200, 201);
        String robin = http.personToken("robin.estates");

        // Robin acknowledges the policy and completes a module bound to it.
        HttpResponse<String> acknowledged =
                http.post(Platform.GATEWAY + "/api/policy/policies/SM-001/versions/1.0/attestations", robin);
        assertThat(acknowledged.statusCode()).as(acknowledged.body()).isEqualTo(201);
        publishModule(governance);
        HttpResponse<String> attempt =
                http.post(Platform.GATEWAY + "/api/training/modules/" + MODULE + "/versions/1/attempts", robin);
        assertThat(attempt.statusCode()).as(attempt.body()).isEqualTo(201);
        HttpResponse<String> passed = http.postJson(
                Platform.GATEWAY + "/api/training/attempts/"
                        + json(attempt).get("attemptId").asString() + "/submit",
                robin,
                Map.of("answers", Map.of("q1", List.of("b"))));
        assertThat(json(passed).get("passed").asBoolean()).as(passed.body()).isTrue();

        // Robin's training record, as the records page shows it: Robin still works here.
        assertThat(json(http.get(
                                Platform.GATEWAY + "/api/audit/retention/records/training-record/" + STAFF_NUMBER,
                                governance))
                        .get("stillEmployed")
                        .asBoolean())
                .as("training-service answers that Robin is still employed")
                .isTrue();

        // A colleague reports Robin; governance works the case to its close (the snapshot holds Robin's training).
        String incident = reportAndClose(nurse, governance);
        JsonNode closed = json(http.get(Platform.GATEWAY + "/api/audit/incidents/" + incident, governance));
        assertThat(closed.get("trainingSnapshot").get("state").asString()).isEqualTo("RECORDED");

        // A hold on Robin, placed and lifted by two people, before Robin leaves.
        JsonNode hold = json(http.postJson(
                Platform.GATEWAY + "/api/audit/retention/holds",
                governance,
                Map.of(
                        "scope",
                        Map.of("kind", "PERSON", "staffNumber", STAFF_NUMBER),
                        "reason",
                        "Grievance raised by " + SURNAME,
                        "externalReference",
                        "GR-2026-0066")));
        String holdId = hold.get("id").asString();
        http.postJson(
                Platform.GATEWAY + "/api/audit/retention/holds/" + holdId + "/lift-request",
                governance,
                Map.of("reason", "The grievance was withdrawn"));
        assertThat(http.post(Platform.GATEWAY + "/api/audit/retention/holds/" + holdId + "/lift", otherGovernance)
                        .statusCode())
                .isEqualTo(200);

        // Robin leaves; the events of all three services reach the log.
        assertThat(http.postJson(Platform.GATEWAY + "/api/training/staff", hr, List.of(robin(false)))
                        .statusCode())
                .isBetween(200, 201);
        await().atMost(Duration.ofSeconds(60))
                .untilAsserted(() -> assertThat(entries(auditor).stream()
                                .filter(e -> e.toString().contains(STAFF_NUMBER))
                                .map(e -> e.get("action").asString()))
                        .as("Robin's acknowledgement, completion and case in the log")
                        .contains("policy.attestation.recorded", "training.completion.recorded", "incident.reported"));

        // A regulator took the case bundle before the disposal.
        String bundle = http.get(Platform.GATEWAY + "/api/audit/incidents/" + incident + "/bundle", auditor)
                .body();
        String keys = http.get(Platform.GATEWAY + "/api/audit/log/checkpoint/key", auditor)
                        .body()
                        .strip()
                + ","
                + http.get(Platform.GATEWAY + "/api/witness/key", auditor)
                        .body()
                        .strip();
        assertThat(OfflineVerifier.run("bundle", bundle, keys)).startsWith("OK: ");
        assertThat(scan()).as("before the disposal the data folder holds Robin").isNotEmpty();

        // Eleven years on (rehearsed): the case, the training record and the roster record are listed.
        LocalDate elevenYearsOn = LocalDate.now().plusYears(11);
        HttpResponse<String> listed = http.post(
                Platform.GATEWAY + "/api/audit/retention/disposals/proposals?asOf=" + elevenYearsOn, governance);
        assertThat(listed.statusCode()).as(listed.body()).isEqualTo(200);
        Set<String> robinsRecords =
                Set.of("conduct-case:" + incident, "training-record:" + STAFF_NUMBER, "staff-record:" + STAFF_NUMBER);
        // Governance looks at Robin's training record before the lists are approved: the record of that read is on its
        // way to audit-service (queued in training-service, or waiting in its outbox) while the disposal runs.
        assertThat(http.get(Platform.GATEWAY + "/api/training/compliance/staff/" + STAFF_NUMBER, governance)
                        .statusCode())
                .isEqualTo(200);
        List<String> lists = new ArrayList<>();
        List<String> found = new ArrayList<>();
        for (JsonNode list : json(listed).get("lists")) {
            if (!list.get("state").asString().equals("AWAITING_REVIEW")) {
                continue;
            }
            Map<String, String> keep = new LinkedHashMap<>();
            List<String> ours = new ArrayList<>();
            JsonNode items = list.get("items");
            for (int place = 0; place < items.size(); place++) {
                String record = items.get(place).get("recordClass").asString() + ":"
                        + items.get(place).get("reference").asString();
                if (robinsRecords.contains(record)) {
                    ours.add(record);
                    if (record.startsWith("training-record:")) {
                        assertThat(items.get(place).get("stillEmployed").asBoolean(true))
                                .as("Robin has left: the list does not say still employed")
                                .isFalse();
                    }
                } else {
                    keep.put(String.valueOf(place), "another test's record");
                }
            }
            if (ours.isEmpty()) {
                continue;
            }
            found.addAll(ours);
            assertThat(list.get("employmentAsOf").isString())
                    .as(list.toString())
                    .isTrue();
            assertThat(list.get("employmentAsOf").asString())
                    .as("a list still to be decided says who is employed as training-service answers when it is read")
                    .isNotEqualTo(list.get("proposedAt").asString());
            String id = list.get("id").asString();
            lists.add(id);
            HttpResponse<String> reviewed = http.postJson(
                    Platform.GATEWAY + "/api/audit/retention/disposals/" + id + "/review",
                    governance,
                    Map.of("keep", keep));
            assertThat(reviewed.statusCode()).as(reviewed.body()).isEqualTo(200);
            assertThat(http.post(Platform.GATEWAY + "/api/audit/retention/disposals/" + id + "/approve", governance)
                            .statusCode())
                    .as("the reviewer does not approve")
                    .isEqualTo(409);
            HttpResponse<String> approved =
                    http.post(Platform.GATEWAY + "/api/audit/retention/disposals/" + id + "/approve", otherGovernance);
            assertThat(approved.statusCode()).as(approved.body()).isEqualTo(200);
        }
        assertThat(found).containsExactlyInAnyOrderElementsOf(robinsRecords);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            for (String id : lists) {
                for (JsonNode item : json(http.get(
                                Platform.GATEWAY + "/api/audit/retention/disposals/" + id, governance))
                        .get("items")) {
                    assertThat(item.get("state").asString())
                            .as("every item not kept back is destroyed: %s", item)
                            .isIn("KEPT", "DISPOSED");
                }
            }
        });

        // Gone from every service.
        assertThat(http.get(Platform.GATEWAY + "/api/audit/incidents/" + incident, governance)
                        .statusCode())
                .isEqualTo(404);
        assertThat(http.get(Platform.GATEWAY + "/api/training/staff/" + STAFF_NUMBER, hr)
                        .statusCode())
                .isEqualTo(404);
        assertThat(http.get(Platform.GATEWAY + "/api/training/compliance/staff/" + STAFF_NUMBER, governance)
                        .statusCode())
                .isEqualTo(404);
        // HR's next roster still lists Robin as a leaver (HR keeps leavers for years): the record is not kept again.
        HttpResponse<String> nextRoster =
                http.postJson(Platform.GATEWAY + "/api/training/staff", hr, List.of(robin(false)));
        assertThat(nextRoster.statusCode()).as(nextRoster.body()).isEqualTo(200);
        assertThat(json(nextRoster).get("alreadyDisposed").asInt())
                .as(nextRoster.body())
                .isEqualTo(1);
        assertThat(json(nextRoster).get("inserted").asInt()).isZero();
        assertThat(http.get(Platform.GATEWAY + "/api/training/staff/" + STAFF_NUMBER, hr)
                        .statusCode())
                .as("the disposed roster record stays disposed")
                .isEqualTo(404);
        JsonNode liftedHold = null;
        for (JsonNode h : json(http.get(Platform.GATEWAY + "/api/audit/retention/holds", governance))
                .get("holds")) {
            if (h.get("id").asString().equals(holdId)) {
                liftedHold = h;
            }
        }
        assertThat(liftedHold).as("the hold is still listed").isNotNull();
        assertThat(liftedHold.toString())
                .as("the lifted hold names the record's pseudonym now")
                .doesNotContain(STAFF_NUMBER)
                .doesNotContain(SURNAME)
                .contains("GR-2026-0066");

        // The log: intact from entry 1, matching the witnessed checkpoint, and Robin's entries read as destroyed.
        JsonNode verification = json(http.get(Platform.GATEWAY + "/api/audit/log/verify", auditor));
        assertThat(verification.get("intact").asBoolean())
                .as(verification.toString())
                .isTrue();
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            JsonNode fast = json(http.get(Platform.GATEWAY + "/api/audit/log/verify/checkpoint", auditor));
            assertThat(fast.get("cosigned").asBoolean()).as(fast.toString()).isTrue();
            assertThat(fast.get("matches").asBoolean()).as(fast.toString()).isTrue();
        });
        // On either replica: the one that did not run the disposal empties its cache of keys within a second.
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            for (int replica = 0; replica < 2; replica++) {
                assertThat(opened(auditor))
                        .doesNotContain(STAFF_NUMBER)
                        .contains("[destroyed]")
                        .contains("conduct-case");
            }
        });
        assertThat(OfflineVerifier.run("bundle", bundle, keys))
                .as("the bundle exported before the disposal")
                .startsWith("OK: ");

        // And no file of the data folder holds Robin any more (the stores compact after erasure).
        await().atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofSeconds(3))
                .untilAsserted(
                        () -> assertThat(scan()).as("files still holding Robin").isEmpty());

        // Robin comes back, rehired under the same staff number: HR's roster keeps the record again, and what Robin
        // does now begins Robin's records again, readable, while what the disposal took stays destroyed.
        long rehiredFrom = entries(auditor).size() + 1L;
        HttpResponse<String> rehired =
                http.postJson(Platform.GATEWAY + "/api/training/staff", hr, List.of(robin(true)));
        assertThat(json(rehired).get("inserted").asInt()).as(rehired.body()).isEqualTo(1);
        HttpResponse<String> acknowledgedAgain = http.post(
                Platform.GATEWAY + "/api/policy/policies/SM-001/versions/1.0/attestations",
                http.personToken("robin.estates"));
        assertThat(acknowledgedAgain.statusCode()).as(acknowledgedAgain.body()).isEqualTo(201);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            List<JsonNode> all = entries(auditor);
            assertThat(all.subList(0, (int) rehiredFrom - 1).toString())
                    .as("what the disposal took")
                    .doesNotContain(STAFF_NUMBER);
            assertThat(all.subList((int) rehiredFrom - 1, all.size()).stream()
                            .filter(e -> e.toString().contains(STAFF_NUMBER))
                            .map(e -> e.get("action").asString()))
                    .as("Robin's acknowledgement after coming back, opened for auditors")
                    .contains("policy.attestation.recorded");
        });

        http.post(Platform.GATEWAY + "/api/training/modules/" + MODULE + "/versions/1/retire", governance);
    }

    /**
     * Every file of the data folder (the services' embedded stores, keys and key stores) that holds any of Robin's
     * identifiers or the text written about them, with what it holds (each with the characters around it). Keycloak's database is left out: it is the
     * trust's identity provider, where the leaver's account is removed by the trust's leavers process, not by the
     * platform's retention.
     */
    private static Map<String, List<String>> scan() {
        Path data = Platform.data();
        Map<String, List<String>> found = new HashMap<>();
        try (Stream<Path> files = Files.walk(data)) {
            for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                if (file.startsWith(data.resolve("keycloak")) || file.startsWith(data.resolve("run"))) {
                    continue;
                }
                String content = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
                List<String> hits = Stream.of(STAFF_NUMBER, SURNAME, EMAIL, ABOUT_THEM)
                        .map(identifier -> StoredText.around(content, identifier))
                        .filter(java.util.Objects::nonNull)
                        .toList();
                if (!hits.isEmpty()) {
                    found.put(data.relativize(file).toString(), hits);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return found;
    }

    /** The log as auditors read it, sealed values opened where their record still has its key. */
    private String opened(String auditor) {
        return entries(auditor).toString();
    }

    private List<JsonNode> entries(String auditor) {
        List<JsonNode> all = new ArrayList<>();
        for (long from = 1; ; from += 1000) {
            JsonNode page = json(http.get(Platform.GATEWAY + "/api/audit/log?from=" + from + "&size=1000", auditor));
            JsonNode entries = page.isArray() ? page : page.get("entries");
            entries.forEach(all::add);
            if (entries.size() < 1000) {
                return all;
            }
        }
    }

    private static Map<String, Object> robin(boolean active) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("staffNumber", STAFF_NUMBER);
        row.put("name", "Robin " + SURNAME);
        row.put("workEmail", EMAIL);
        row.put("department", DEPARTMENT);
        row.put("staffGroup", "Estates and Ancillary");
        row.put("active", active);
        if (!active) {
            row.put("leavingDate", LocalDate.now().toString());
        }
        return row;
    }

    private void createAccount() {
        KeycloakAccounts.create(http, "robin.estates", "Robin", SURNAME, EMAIL, STAFF_NUMBER, DEPARTMENT, "staff");
    }

    private void publishModule(String governance) {
        Map<String, Object> module =
                new HashMap<>(TrainingModuleIT.wardPhotoModule(MODULE, "Social media for estates staff"));
        module.put("audienceDepartments", List.of(DEPARTMENT));
        HttpResponse<String> created = http.postJson(Platform.GATEWAY + "/api/training/modules", governance, module);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        HttpResponse<String> published =
                http.post(Platform.GATEWAY + "/api/training/modules/" + MODULE + "/versions/1/publish", governance);
        assertThat(published.statusCode()).as(published.body()).isEqualTo(200);
    }

    private String reportAndClose(String nurse, String governance) {
        HttpResponse<String> reported = http.postJson(
                Platform.GATEWAY + "/api/audit/incidents",
                nurse,
                Map.of(
                        "subjectStaffNumber",
                        STAFF_NUMBER,
                        "occurredAt",
                        "2026-11-25T18:00:00Z",
                        "platform",
                        "INSTAGRAM",
                        "category",
                        "PATIENT_IMAGES_WITHOUT_CONSENT",
                        "severity",
                        "MODERATE",
                        "description",
                        "A " + ABOUT_THEM + " was posted; a patient's name is readable on the whiteboard.",
                        "breachedClauses",
                        List.of(Map.of("policyCode", "SM-001", "policyVersion", "1.0", "clauseNumber", "4.2"))));
        assertThat(reported.statusCode()).as(reported.body()).isEqualTo(201);
        String reference = json(reported).get("reference").asString();
        String incident = Platform.GATEWAY + "/api/audit/incidents/" + reference;
        assertThat(http.postJson(incident + "/triage", governance, Map.of()).statusCode())
                .isEqualTo(200);
        http.postJson(
                Platform.GATEWAY + "/api/training/staff",
                http.clientToken("hr-system", "hr-system-secret"),
                DemoRoster.ROWS); // the investigator, Chris Okafor, is on the roster
        assertThat(http.postJson(incident + "/investigator", governance, Map.of("staffNumber", "10000005"))
                        .statusCode())
                .isEqualTo(200);
        assertThat(http.post(incident + "/investigation", governance).statusCode())
                .isEqualTo(200);
        assertThat(http.postJson(incident + "/notes", governance, Map.of("text", "Spoke to " + SURNAME + " today."))
                        .statusCode())
                .isEqualTo(200);
        assertThat(http.postJson(
                                incident + "/outcome",
                                governance,
                                Map.of("type", "INFORMAL_ACTION", "summary", "Removed the photo at once"))
                        .statusCode())
                .isEqualTo(200);
        assertThat(http.post(incident + "/close", governance).statusCode()).isEqualTo(200);
        return reference;
    }
}
