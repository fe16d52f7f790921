package org.trustgov.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.trustgov.e2e.Http.json;

import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Governance publishes a module bound to the published demo policy; training-service checks it with policy-service. */
@StartedPlatform
class TrainingModuleIT {

    private static final String MODULES = Platform.GATEWAY + "/api/training/modules";
    private final Http http = new Http();

    /** A module on SM-001 v1.0 as the end-to-end runs write it: one section and the ward-photo question (answer b). */
    static Map<String, Object> wardPhotoModule(String code, String title) {
        return Map.of(
                "code",
                code,
                "version",
                1,
                "title",
                title,
                "sections",
                List.of(Map.of("heading", "Why it matters", "markdown", "A ward photo can identify a patient.")),
                "policyCode",
                "SM-001",
                "policyVersion",
                "1.0",
                "questions",
                List.of(Map.of(
                        "id",
                        "q1",
                        "text",
                        "A colleague posts a ward photo. What do you do?",
                        "type",
                        "SINGLE_CHOICE",
                        "correct",
                        List.of("b"),
                        "options",
                        List.of(
                                Map.of("id", "a", "text", "Like it"),
                                Map.of("id", "b", "text", "Ask them to remove it and tell your manager")))),
                "passMark",
                80,
                "refresherPeriod",
                "P1Y");
    }

    @Test
    void aModuleBoundToThePublishedPolicyIsPublishedAndLearnersSeeItWithoutAnswers() {
        // HR's roster (RosterIT sends the same rows; the upsert is idempotent).
        HttpResponse<String> roster = http.postJson(
                Platform.GATEWAY + "/api/training/staff",
                http.clientToken("hr-system", "hr-system-secret"),
                DemoRoster.ROWS);
        assertThat(roster.statusCode()).as(roster.body()).isEqualTo(200);
        String governance = http.personToken("morgan.governance");
        Map<String, Object> module = wardPhotoModule("SMT-01", "Social media: safe and professional");
        Map<String, Object> wrongPolicy = new HashMap<>(module);
        wrongPolicy.put("version", 2);
        wrongPolicy.put("policyVersion", "9.9");

        assertThat(http.postJson(MODULES, governance, module).statusCode()).isEqualTo(201);
        assertThat(http.postJson(MODULES, governance, wrongPolicy).statusCode()).isEqualTo(201);

        HttpResponse<String> published = http.post(MODULES + "/SMT-01/versions/1/publish", governance);
        assertThat(published.statusCode()).as(published.body()).isEqualTo(200);
        assertThat(json(published).get("policyContentHash").asString()).startsWith("sha256:");
        assertThat(http.post(MODULES + "/SMT-01/versions/2/publish", governance).statusCode())
                .as("policy SM-001 has no version 9.9")
                .isEqualTo(409);

        String nurse = http.personToken("alex.nurse");
        HttpResponse<String> learner = http.get(MODULES, nurse);
        assertThat(learner.body())
                .contains("SMT-01")
                .contains("Ask them to remove it")
                .doesNotContain("correct");

        // The nurse takes the module and passes; the certificate is hers to read, not a colleague's.
        HttpResponse<String> attempt = http.post(MODULES + "/SMT-01/versions/1/attempts", nurse);
        assertThat(attempt.statusCode()).isEqualTo(201);
        assertThat(attempt.body()).doesNotContain("correct");
        String attemptId = json(attempt).get("attemptId").asString();
        HttpResponse<String> result = http.postJson(
                Platform.GATEWAY + "/api/training/attempts/" + attemptId + "/submit",
                nurse,
                Map.of("answers", Map.of("q1", List.of("b"))));
        assertThat(result.statusCode()).as(result.body()).isEqualTo(200);
        assertThat(json(result).get("passed").asBoolean()).isTrue();
        String certificate = json(result).get("completion").get("certificateId").asString();
        assertThat(http.get(Platform.GATEWAY + "/api/training/certificates/" + certificate, nurse)
                        .statusCode())
                .isEqualTo(200);
        assertThat(http.get(
                                Platform.GATEWAY + "/api/training/certificates/" + certificate,
                                http.personToken("priya.doctor"))
                        .statusCode())
                .isEqualTo(403);
        HttpResponse<String> again = http.postJson(
                Platform.GATEWAY + "/api/training/attempts/" + attemptId + "/submit",
                nurse,
                Map.of("answers", Map.of("q1", List.of("b"))));
        assertThat(again.statusCode())
                .as("the same answers sent again: the result recorded")
                .isEqualTo(200);
        assertThat(json(again).get("completion").get("certificateId").asString())
                .isEqualTo(certificate);
        assertThat(http.postJson(
                                Platform.GATEWAY + "/api/training/attempts/" + attemptId + "/submit",
                                nurse,
                                Map.of("answers", Map.of("q1", List.of("a"))))
                        .statusCode())
                .as("submitted twice, with other answers")
                .isEqualTo(409);
        assertThat(http.get(Platform.GATEWAY + "/api/training/my/modules", nurse)
                        .body())
                .contains("\"status\":\"COMPLIANT\"");

        // HR's completions export, verifiable offline: the completion is the record its audit event logged.
        String hr = http.clientToken("hr-system", "hr-system-secret");
        String exportUrl = Platform.GATEWAY + "/api/training/completions/export?from=" + java.time.LocalDate.now()
                + "&to=" + java.time.LocalDate.now().plusDays(1);
        org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(30))
                .pollInterval(java.time.Duration.ofSeconds(1))
                .untilAsserted(() -> {
                    JsonNode page = json(http.get(exportUrl, hr));
                    assertThat(page.get("bound").toString()).contains(certificate);
                    assertThat(page.get("unbound"))
                            .as("every completion's event has reached the log")
                            .isEmpty();
                });
        HttpResponse<String> export = http.get(exportUrl, hr);
        String auditor = http.personToken("taylor.auditor");
        String keys = http.get(Platform.GATEWAY + "/api/audit/log/checkpoint/key", auditor)
                        .body()
                        .strip() + ","
                + http.get(Platform.GATEWAY + "/api/witness/key", auditor)
                        .body()
                        .strip();
        assertThat(OfflineVerifier.run("bundle", export.body(), keys))
                .startsWith("OK: ")
                .contains("records are the ones they logged");
        tools.jackson.databind.node.ObjectNode altered = (tools.jackson.databind.node.ObjectNode) json(export);
        for (var bound : altered.get("bound")) {
            if (bound.get("record").get("certificateId").asString().equals(certificate)) {
                ((tools.jackson.databind.node.ObjectNode) bound.get("record")).put("score", 40);
            }
        }
        assertThat(OfflineVerifier.run("bundle", altered.toString(), keys))
                .startsWith("FAILED: the export's content is not what the log sealed");
        assertThat(http.get(exportUrl, nurse).statusCode()).isEqualTo(403);

        // Governance sees Acute Medicine at 50%: the nurse has passed, her manager has not, the leaver is not counted.
        String acuteMedicine = Platform.GATEWAY + "/api/training/compliance/departments/Acute%20Medicine";
        HttpResponse<String> report = http.get(acuteMedicine, governance);
        assertThat(report.statusCode()).as(report.body()).isEqualTo(200);
        var total = StreamSupport.stream(json(report).get("modules").spliterator(), false)
                .filter(m -> m.get("moduleCode").asString().equals("SMT-01"))
                .findFirst()
                .orElseThrow()
                .get("total");
        assertThat(total.get("assigned").asInt()).isEqualTo(2);
        assertThat(total.get("counts").get("COMPLIANT").asInt()).isEqualTo(1);
        assertThat(total.get("percentages").get("COMPLIANT").asDouble()).isEqualTo(50.0);
        assertThat(json(report).get("policyVersionMayBeStale").asBoolean()).isFalse();
        assertThat(report.body())
                .contains("\"staffNumber\":\"10000005\"")
                .doesNotContain("\"staffNumber\":\"10000009\"");
        // The ward manager sees his team (the nurse reports to him), not a whole department.
        String manager = http.personToken("chris.manager");
        HttpResponse<String> team = http.get(Platform.GATEWAY + "/api/training/compliance/team", manager);
        assertThat(team.statusCode()).as(team.body()).isEqualTo(200);
        var teamTotal = StreamSupport.stream(json(team).get("modules").spliterator(), false)
                .filter(m -> m.get("moduleCode").asString().equals("SMT-01"))
                .findFirst()
                .orElseThrow()
                .get("total");
        assertThat(teamTotal.get("assigned").asInt())
                .as("the nurse; the leaver is not counted")
                .isEqualTo(1);
        assertThat(teamTotal.get("counts").get("COMPLIANT").asInt()).isEqualTo(1);
        assertThat(http.get(acuteMedicine, manager).statusCode())
                .as("a department is governance's")
                .isEqualTo(403);
        assertThat(http.get(Platform.GATEWAY + "/api/training/compliance/staff/10000001", manager)
                        .statusCode())
                .as("his report's record")
                .isEqualTo(200);
        assertThat(http.get(Platform.GATEWAY + "/api/training/compliance/staff/10000002", manager)
                        .statusCode())
                .as("not his report")
                .isEqualTo(403);
    }
}
