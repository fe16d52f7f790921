package org.trustgov.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.trustgov.keycloak.test.TestTokens;
import org.trustgov.policy.policies.Policy;
import org.trustgov.policy.policies.PolicyRepository;
import org.trustgov.test.IntegrationTest;

/**
 * The whole service on its embedded MongoDB (in memory here), over real HTTP: security, persistence through the
 * real driver, problem bodies, health. Tokens are signed by a test key; every other check is the production one.
 */
@IntegrationTest
class PolicyServiceApplicationTest {

    @LocalServerPort
    int port;

    @Autowired
    PolicyRepository policies;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void anyStaffMemberListsPoliciesStoredInMongo() throws Exception {
        policies.findByCode("SM-001").ifPresent(policies::delete);
        policies.save(new Policy("SM-001", "Social media policy", "jordan.author"));

        HttpResponse<String> response =
                get("/api/policy/policies", TestTokens.person("alex.nurse", "10000001", "Acute Medicine", "staff"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"code\":\"SM-001\"");
    }

    @Test
    void withoutATokenTheAnswerIs401WithABearerChallengeAndProblemBody() throws Exception {
        HttpResponse<String> response = get("/api/policy/policies", null);

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate"))
                .hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
        assertThat(response.headers().firstValue("Content-Type")).contains("application/problem+json");
    }

    @Test
    void aTokenForAnotherAudienceIs401() throws Exception {
        HttpResponse<String> response = get(
                "/api/policy/policies",
                TestTokens.builder()
                        .audience("account")
                        .claim("realm_access", java.util.Map.of("roles", java.util.List.of("staff")))
                        .sign());

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.body()).contains("audience");
    }

    @Test
    void anUnknownPathIs404AsAProblem() throws Exception {
        HttpResponse<String> response =
                get("/api/policy/unknown", TestTokens.person("alex.nurse", "10000001", "Acute Medicine", "staff"));

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("Content-Type")).contains("application/problem+json");
        assertThat(response.body()).doesNotContain("Exception").doesNotContain("at org.");
    }

    @Test
    void readinessIncludesTheDatabaseAndTheOpenApiDocumentIsPublic() throws Exception {
        assertThat(get("/actuator/health/readiness", null).body()).contains("\"status\":\"UP\"");
        // The metrics are for Prometheus on the management port only: on the API port nobody reads them, token or not.
        assertThat(get(
                                "/actuator/prometheus",
                                TestTokens.person(
                                        "morgan.governance", "10000004", "Clinical Governance", "staff", "governance"))
                        .statusCode())
                .isEqualTo(403);
        HttpResponse<String> docs = get("/api/policy/v3/api-docs", null);
        assertThat(docs.statusCode()).isEqualTo(200);
        assertThat(docs.body())
                .contains("/api/policy/policies")
                .contains("bearer-jwt")
                .contains("\"example\":\"SM-001\"")
                .contains("Social media policy");
        // A change that takes an Idempotency-Key documents the header, and no parameter of its own for it.
        tools.jackson.databind.JsonNode reply = new tools.jackson.databind.ObjectMapper()
                .readTree(docs.body())
                .get("paths")
                .get("/api/policy/policies/{code}/versions/{number}/comments/{commentId}/replies")
                .get("post");
        assertThat(reply.get("parameters")
                        .valueStream()
                        .filter(p -> !p.get("in").asString().equals("path"))
                        .map(p -> p.get("in").asString() + " " + p.get("name").asString())
                        .toList())
                .containsExactly("header Idempotency-Key");
    }

    @Test
    void theRequestIdIsEchoedAndAMalformedOneReplaced() throws Exception {
        HttpResponse<String> kept = http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/health"))
                        .header("X-Request-Id", "abc-123")
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> replaced = http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/health"))
                        .header("X-Request-Id", "bad id!")
                        .build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(kept.headers().firstValue("X-Request-Id")).contains("abc-123");
        assertThat(replaced.headers().firstValue("X-Request-Id"))
                .hasValueSatisfying(v -> assertThat(v).hasSize(36));
    }

    @Test
    void aBodyOverTheLimitIs413AndNothingIsStored() throws Exception {
        String huge = "{\"code\":\"SM-777\",\"title\":\"" + "x".repeat(1_100_000) + "\"}";
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/policy/policies"))
                        .header(
                                "Authorization",
                                "Bearer "
                                        + TestTokens.person(
                                                "morgan.governance",
                                                "10000004",
                                                "Clinical Governance",
                                                "staff",
                                                "governance"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(huge))
                        .build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.headers().firstValue("Content-Type")).contains("application/problem+json");
        assertThat(policies.findByCode("SM-777")).isEmpty();
    }

    @Test
    void aMongoOperatorInsideAStringIsStoredAsPlainText() throws Exception {
        String governance =
                TestTokens.person("morgan.governance", "10000004", "Clinical Governance", "staff", "governance");
        HttpResponse<String> created = http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/policy/policies"))
                        .header("Authorization", "Bearer " + governance)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(
                                "{\"code\":\"OP-001\",\"title\":\"{\\\"$ne\\\": null}\",\"tags\":[\"$where\"]}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(policies.findByCode("OP-001")).hasValueSatisfying(p -> {
            assertThat(p.getTitle()).isEqualTo("{\"$ne\": null}");
            assertThat(p.getTags()).containsExactly("$where");
        });
        policies.findByCode("OP-001").ifPresent(policies::delete);
    }

    @Test
    void aCallerWithoutTheRoleIsRefusedBeforeTheirBodyIsRead() throws Exception {
        String nurse = TestTokens.person("alex.nurse", "10000001", "Acute Medicine", "staff");
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/policy/resources"))
                        .header("Authorization", "Bearer " + nurse)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"name\": 12, \"url\": \"javascript:alert(1)\"}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode())
                .as("403, not a 400 that describes the fields")
                .isEqualTo(403);
        assertThat(response.body()).doesNotContain("url").doesNotContain("name");
    }

    @Test
    void aServerFaultIsA500ProblemAndTheErrorPathItselfAnswers() throws Exception {
        HttpResponse<String> error = get("/error", null);
        assertThat(error.statusCode()).isNotEqualTo(404);
        assertThat(error.headers().firstValue("Content-Type")).contains("application/problem+json");
        assertThat(error.body()).doesNotContain("No static resource");
    }

    @Test
    void aStringLongerThanAnyFieldAllowsIsRefusedByTheReaderAsA400() throws Exception {
        String token = TestTokens.person("jordan.author", "10000004", "Information Governance", "policy-author");
        String body = "{\"code\":\"SM-009\",\"title\":\"" + "x".repeat(50_001) + "\"}";

        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/policy/policies"))
                        .header("Authorization", "Bearer " + token)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).contains("application/problem+json");
        assertThat(policies.findByCode("SM-009")).isEmpty();
    }

    @Test
    void aPathSegmentOrQueryValueOverTheParameterLimitIsA400NamingIt() throws Exception {
        String token = TestTokens.person("alex.nurse", "10000001", "Acute Medicine", "staff");

        HttpResponse<String> segment = get("/api/policy/policies/" + "A".repeat(201), token);
        HttpResponse<String> query = get("/api/policy/policies?sort=" + "a".repeat(201), token);
        HttpResponse<String> repeated = get("/api/policy/policies?" + "sort=code&".repeat(21), token);
        HttpResponse<String> fine = get("/api/policy/policies?sort=" + "code,asc", token);
        HttpResponse<String> notASort = get("/api/policy/policies?sort=%00", token);
        HttpResponse<String> unknownSort = get("/api/policy/policies?sort=secret", token);

        assertThat(segment.statusCode()).isEqualTo(400);
        assertThat(segment.body()).contains("path segment is longer than 200 characters");
        assertThat(query.statusCode()).isEqualTo(400);
        assertThat(query.body()).contains("'sort' is longer than 200 characters");
        assertThat(repeated.statusCode()).isEqualTo(400);
        assertThat(repeated.body()).contains("'sort' is given more than 20 times");
        assertThat(fine.statusCode()).isEqualTo(200);
        assertThat(notASort.statusCode()).isEqualTo(400);
        assertThat(notASort.body()).contains("\"field\":\"sort\"").contains("names properties and a direction");
        assertThat(unknownSort.statusCode()).isEqualTo(400);
        assertThat(unknownSort.body()).contains("\"field\":\"sort\"").contains("can sort by code, title");
        // Bytes that are not UTF-8 (Tomcat threw on reading them, logging a stack trace, and answered a bare 400).
        for (String undecodable : new String[] {"q=%FF", "q=abc%C3", "q=%ED%A0%80", "sort=%C0%AF"}) {
            HttpResponse<String> refused = get("/api/policy/policies?" + undecodable, token);
            assertThat(refused.statusCode()).as(undecodable).isEqualTo(400);
            assertThat(refused.body())
                    .as(undecodable)
                    .contains("\"field\":\"" + undecodable.substring(0, undecodable.indexOf('=')) + "\"")
                    .contains("is not percent-encoded UTF-8 text");
        }
        HttpResponse<String> undecodableName = get("/api/policy/policies?%FF=1", token);
        assertThat(undecodableName.statusCode()).isEqualTo(400);
        assertThat(undecodableName.body()).contains("name is not percent-encoded UTF-8 text");
        assertThat(get("/api/policy/policies?q=%C3%A9t%C3%A9+%F0%9F%98%80", token)
                        .statusCode())
                .as("UTF-8, two and four bytes")
                .isEqualTo(200);
        // A parameter read as one value, given twice: which one was meant is not the service's guess.
        for (String twice :
                new String[] {"q=a&q=b", "page=0&page=1", "size=5&size=5", "standing=IN_FORCE&standing=DRAFT"}) {
            HttpResponse<String> refused = get("/api/policy/register?" + twice, token);
            assertThat(refused.statusCode()).as(twice).isEqualTo(400);
            assertThat(refused.body())
                    .as(twice)
                    .contains("\"field\":\"" + twice.substring(0, twice.indexOf('=')) + "\"")
                    .contains("is given more than once; give it once");
        }
        assertThat(get("/api/policy/policies?sort=title&sort=code", token).statusCode())
                .as("sort takes several properties")
                .isEqualTo(200);
        for (String paging : new String[] {"sort=%25zz", "page=-1", "page=abc", "page=99999999999", "size=0"}) {
            HttpResponse<String> refused = get("/api/policy/policies?" + paging, token);
            assertThat(refused.statusCode()).as(paging).isEqualTo(400);
            assertThat(refused.body())
                    .as(paging)
                    .contains("\"field\":\"" + paging.substring(0, paging.indexOf('=')) + "\"");
        }
    }

    private HttpResponse<String> get(String path, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
