package org.trustgov.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.trustgov.e2e.Http.json;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A policy's whole life through the gateway, with real tokens: the author drafts, governance opens the review,
 * a nurse comments on a clause, the author answers and resolves, governance approves and publishes, the nurse
 * acknowledges. Also: the demo policy seeded by the start command is readable clause by clause.
 */
@StartedPlatform
class PolicyLifecycleIT {

    private static final String POLICIES = Platform.GATEWAY + "/api/policy/policies";
    private final Http http = new Http();

    @Test
    void draftReviewCommentResolveApprovePublishAcknowledge() {
        String author = http.personToken("jordan.author");
        String governance = http.personToken("morgan.governance");
        String nurse = http.personToken("alex.nurse");
        String code = "EW-001";
        String version = POLICIES + "/" + code + "/versions/1.0";

        assertThat(http.postJson(
                                POLICIES,
                                author,
                                Map.of(
                                        "code",
                                        code,
                                        "title",
                                        "Staff social media accounts",
                                        "audience",
                                        List.of("All staff")))
                        .statusCode())
                .isEqualTo(201);
        assertThat(http.postJson(
                                POLICIES + "/" + code + "/versions",
                                author,
                                Map.of(
                                        "number",
                                        "1.0",
                                        "content",
                                        Map.of(
                                                "clauses",
                                                List.of(
                                                        Map.of(
                                                                "number",
                                                                "1.1",
                                                                "heading",
                                                                "Purpose",
                                                                "text",
                                                                "How staff run accounts."),
                                                        Map.of(
                                                                "number",
                                                                "2.1",
                                                                "heading",
                                                                "Images",
                                                                "text",
                                                                "No patient images.")),
                                                "changeSummary",
                                                "First issue",
                                                "effectiveDate",
                                                "2027-01-01")))
                        .statusCode())
                .isEqualTo(201);

        assertThat(http.post(version + "/submit", governance).statusCode())
                .as("governance opens review")
                .isEqualTo(200);

        HttpResponse<String> comment = http.postJson(
                version + "/comments",
                nurse,
                Map.of("clauseNumber", "2.1", "text", "Does this cover photos of the ward corridor?"));
        assertThat(comment.statusCode()).isEqualTo(201);
        String commentId = json(comment).get("id").asString();

        HttpResponse<String> early = http.post(version + "/approve", governance);
        assertThat(early.statusCode()).as("approval with an open comment").isEqualTo(409);
        assertThat(json(early).get("detail").asString()).contains("not resolved");

        assertThat(http.postJson(
                        version + "/comments/" + commentId + "/replies",
                        author,
                        Map.of("text", "Yes: any clinical area. Clarified in 2.1.")))
                .extracting(HttpResponse::statusCode)
                .isEqualTo(200);
        assertThat(http.post(version + "/comments/" + commentId + "/resolve", author)
                        .statusCode())
                .isEqualTo(200);

        assertThat(http.post(version + "/approve", author).statusCode())
                .as("an author is not an approver")
                .isEqualTo(403);
        assertThat(http.post(version + "/approve", governance).statusCode()).isEqualTo(200);
        HttpResponse<String> published = http.post(version + "/publish", governance);
        assertThat(published.statusCode()).isEqualTo(200);
        assertThat(json(published).get("status").asString()).isEqualTo("PUBLISHED");
        assertThat(json(published).get("contentHash").asString()).startsWith("sha256:");

        HttpResponse<String> acknowledged = http.post(version + "/attestations", nurse);
        assertThat(acknowledged.statusCode()).isEqualTo(201);
        assertThat(json(acknowledged).get("staffNumber").asString())
                .as("from the token")
                .isEqualTo("10000001");
        assertThat(http.post(version + "/attestations", nurse).statusCode())
                .as("again: idempotent")
                .isEqualTo(200);

        HttpResponse<String> mine = http.get(Platform.GATEWAY + "/api/policy/attestations/mine", nurse);
        assertThat(mine.body()).doesNotContain("\"policyCode\":\"EW-001\",\"title\"");
        HttpResponse<String> coverage = http.get(POLICIES + "/" + code + "/coverage", governance);
        assertThat(json(coverage).get("departments").get(0).get("department").asString())
                .isEqualTo("Acute Medicine");
        assertThat(json(coverage).get("departments").get(0).get("acknowledged").asLong())
                .isEqualTo(1);
        // policy-service read the headcount from training-service with its own client-credentials token.
        assertThat(json(coverage).get("rosterAvailable").asBoolean()).isTrue();
    }

    @Test
    void theSeededDemoPolicyIsInForceAndCitableClauseByClause() {
        String nurse = http.personToken("alex.nurse");

        HttpResponse<String> clause = http.get(POLICIES + "/SM-001/versions/current/clauses/4.2", nurse);

        assertThat(clause.statusCode()).isEqualTo(200);
        assertThat(json(clause).get("version").asString()).isEqualTo("1.0");
        assertThat(json(clause).get("clause").get("heading").asString()).isEqualTo("Images of patients");
        assertThat(http.get(POLICIES + "/SM-001/versions/current/clauses/99.9", nurse)
                        .statusCode())
                .isEqualTo(404);
        assertThat(json(http.get(Platform.GATEWAY + "/api/policy/resources", nurse))
                        .size())
                .isGreaterThanOrEqualTo(4);
    }
}
