package org.trustgov.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.trustgov.e2e.Http.json;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Reminders end to end: governance publishes a new policy and a module for the nurse's department and runs the day's
 * reminders; the real mail server of the run (GreenMail, started by start.sh) holds one message to her work address
 * naming both, with the sign-in link; her list on the home page shows them; once she has acknowledged the policy and
 * passed the module, running again tells her nothing new about either.
 */
@StartedPlatform
class RemindersIT {

    private static final String MODULES = Platform.GATEWAY + "/api/training/modules";
    private static final String NURSE_MAIL = "alex.carter@trust.example.nhs.uk";
    private final Http http = new Http();

    @Test
    void theNurseIsMailedOnceAboutANewPolicyAndModuleAndNotAgainOnceSheHasDoneBoth() {
        assertThat(http.postJson(
                                Platform.GATEWAY + "/api/training/staff",
                                http.clientToken("hr-system", "hr-system-secret"),
                                DemoRoster.ROWS)
                        .statusCode())
                .isEqualTo(200);
        String governance = http.personToken("morgan.governance");
        Map<String, Object> module = Map.of(
                "code",
                "RMD-01",
                "version",
                1,
                "title",
                "Reminders: posting from the ward",
                "sections",
                List.of(Map.of("heading", "Before you post", "markdown", "No patient in any picture.")),
                "policyCode",
                "SM-001",
                "policyVersion",
                "1.0",
                "questions",
                List.of(Map.of(
                        "id",
                        "q1",
                        "text",
                        "May a patient be in the background?",
                        "type",
                        "SINGLE_CHOICE",
                        "correct",
                        List.of("b"),
                        "options",
                        List.of(Map.of("id", "a", "text", "Yes"), Map.of("id", "b", "text", "No")))),
                "passMark",
                80,
                "refresherPeriod",
                "P1Y",
                "audienceDepartments",
                List.of("Acute Medicine"));
        assertThat(http.postJson(MODULES, governance, module).statusCode()).isEqualTo(201);
        assertThat(http.post(MODULES + "/RMD-01/versions/1/publish", governance).statusCode())
                .isEqualTo(200);

        // a new policy, drafted by its author, approved and published by governance
        String author = http.personToken("jordan.author");
        String policies = Platform.GATEWAY + "/api/policy/policies";
        String version = policies + "/RM-001/versions/1.0";
        assertThat(http.postJson(
                                policies,
                                author,
                                Map.of(
                                        "code",
                                        "RM-001",
                                        "title",
                                        "Reminders: patient privacy online",
                                        "audience",
                                        List.of("All staff")))
                        .statusCode())
                .isEqualTo(201);
        assertThat(http.postJson(
                                policies + "/RM-001/versions",
                                author,
                                Map.of(
                                        "number",
                                        "1.0",
                                        "content",
                                        Map.of(
                                                "clauses",
                                                List.of(Map.of(
                                                        "number", "1.1", "heading", "Purpose", "text", "Privacy.")),
                                                "changeSummary",
                                                "First issue",
                                                "effectiveDate",
                                                "2027-01-01")))
                        .statusCode())
                .isEqualTo(201);
        assertThat(http.post(version + "/submit", governance).statusCode()).isEqualTo(200);
        assertThat(http.post(version + "/approve", governance).statusCode()).isEqualTo(200);
        assertThat(http.post(version + "/publish", governance).statusCode()).isEqualTo(200);

        HttpResponse<String> run = http.post(Platform.GATEWAY + "/api/training/reminders/run", governance);
        assertThat(run.statusCode()).as(run.body()).isEqualTo(200);
        assertThat(http.post(Platform.GATEWAY + "/api/training/reminders/run", http.personToken("alex.nurse"))
                        .statusCode())
                .as("only governance runs it")
                .isEqualTo(403);

        // The run answers once the day is decided and composed; the message follows in the background.
        List<JsonNode> aboutIt = await().atMost(Duration.ofSeconds(30))
                .until(() -> messagesAbout("Reminders: posting from the ward"), messages -> !messages.isEmpty());
        assertThat(aboutIt).as("one message naming the module").hasSize(1);
        String raw = aboutIt.get(0).get("mimeMessage").asString();
        assertThat(raw)
                .as("and, in the same message, the policy")
                .contains("Reminders: patient privacy online (version 1.0)");
        assertThat(raw).contains("text/plain").contains("text/html").contains(Platform.GATEWAY + "/");

        String nurse = http.personToken("alex.nurse");
        JsonNode list = json(http.get(Platform.GATEWAY + "/api/training/my/notifications", nurse));
        assertThat(list.get("items").toString()).contains("Reminders: posting from the ward");

        // she acknowledges the policy and passes the module; the next run has nothing new for her about either
        assertThat(http.post(version + "/attestations", nurse).statusCode()).isEqualTo(201);
        String attemptId = json(http.post(MODULES + "/RMD-01/versions/1/attempts", nurse))
                .get("attemptId")
                .asString();
        HttpResponse<String> passed = http.postJson(
                Platform.GATEWAY + "/api/training/attempts/" + attemptId + "/submit",
                nurse,
                Map.of("answers", Map.of("q1", List.of("b"))));
        assertThat(json(passed).get("passed").asBoolean()).isTrue();
        assertThat(http.post(Platform.GATEWAY + "/api/training/reminders/run", governance)
                        .statusCode())
                .isEqualTo(200);
        // still one message about it, for as long as the background sending would take to send another
        await().during(Duration.ofSeconds(3))
                .atMost(Duration.ofSeconds(10))
                .until(() -> messagesAbout("Reminders: posting from the ward").size(), count -> count == 1);
        JsonNode after = json(http.get(Platform.GATEWAY + "/api/training/my/notifications?size=100", nurse));
        assertThat(after.get("items").toString())
                .as("one notice each, none added by the second run")
                .containsOnlyOnce("Reminders: posting from the ward")
                .containsOnlyOnce("Reminders: patient privacy online");
    }

    /** The nurse's messages that mention {@code text}. */
    private List<JsonNode> messagesAbout(String text) {
        return inbox(NURSE_MAIL).stream()
                .filter(m -> m.get("mimeMessage").asString().contains(text))
                .toList();
    }

    private List<JsonNode> inbox(String address) {
        HttpResponse<String> messages = http.get(
                "http://localhost:" + Platform.MAIL_WEB_PORT + "/api/user/" + address + "/messages/INBOX", null);
        if (messages.statusCode() == 400 && messages.body().contains("not found")) {
            return List.of(); // GreenMail knows an address once mail has come for it
        }
        assertThat(messages.statusCode()).as(messages.body()).isEqualTo(200);
        return StreamSupport.stream(json(messages).spliterator(), false).toList();
    }
}
