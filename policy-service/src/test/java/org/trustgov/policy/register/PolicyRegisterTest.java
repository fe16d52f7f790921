package org.trustgov.policy.register;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.trustgov.keycloak.test.TestTokens;
import org.trustgov.test.IntegrationTest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The aggregate reads the pages use instead of one request per policy: the register (a page of policies with
 * versions in progress and my standing) and the open consultations, over HTTP on the whole service.
 */
@IntegrationTest
class PolicyRegisterTest {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final String AUTHOR =
            TestTokens.person("jordan.author", "10000003", "Communications", "staff", "policy-author");
    static final String GOVERNANCE =
            TestTokens.person("morgan.governance", "10000004", "Clinical Governance", "staff", "governance");
    static final String SECOND_GOVERNANCE =
            TestTokens.person("sam.governance", "10000010", "Clinical Governance", "staff", "governance");
    static final String NURSE = TestTokens.person("alex.nurse", "10000001", "Acute Medicine", "staff");

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newHttpClient();
    private static boolean seeded;

    @BeforeEach
    void seed() throws Exception {
        if (seeded) {
            return;
        }
        // RG-101 in force, RG-102 a draft only, RG-103 in consultation.
        create("RG-101", "Register social media policy");
        draft("RG-101");
        assertThat(post("/api/policy/policies/RG-101/versions/1.0/submit", GOVERNANCE))
                .isEqualTo(200);
        assertThat(post("/api/policy/policies/RG-101/versions/1.0/approve", SECOND_GOVERNANCE))
                .isEqualTo(200);
        assertThat(post("/api/policy/policies/RG-101/versions/1.0/publish", GOVERNANCE))
                .isEqualTo(200);
        create("RG-102", "Register photography on wards");
        draft("RG-102");
        create("RG-103", "Register personal accounts");
        draft("RG-103");
        assertThat(post("/api/policy/policies/RG-103/versions/1.0/submit", GOVERNANCE))
                .isEqualTo(200);
        seeded = true;
    }

    @Test
    void onePageCarriesTheVersionInForceTheWorkInProgressICanSeeAndMyStanding() throws Exception {
        Map<String, JsonNode> asNurse = entries(get("/api/policy/register?q=register", NURSE));
        assertThat(asNurse).containsOnlyKeys("RG-101", "RG-102", "RG-103");
        assertThat(asNurse.get("RG-101").get("publishedVersion").asString()).isEqualTo("1.0");
        assertThat(asNurse.get("RG-101").get("inForceSince").isNull()).isFalse();
        assertThat(asNurse.get("RG-101").get("takesEffect").asString())
                .as("published now, in force from its effective date")
                .isEqualTo("2027-01-01");
        assertThat(asNurse.get("RG-102").get("takesEffect").isNull()).isTrue();
        assertThat(asNurse.get("RG-101").get("you").get("toAcknowledge").asString())
                .isEqualTo("1.0");
        assertThat(asNurse.get("RG-102").get("inProgress"))
                .as("a draft is the authors'")
                .isEmpty();
        assertThat(asNurse.get("RG-103").get("inProgress").get(0).get("status").asString())
                .isEqualTo("IN_REVIEW");

        Map<String, JsonNode> asAuthor = entries(get("/api/policy/register?q=REGISTER", AUTHOR));
        assertThat(asAuthor.get("RG-102").get("inProgress").get(0).get("status").asString())
                .isEqualTo("DRAFT");

        assertThat(post("/api/policy/policies/RG-101/versions/1.0/attestations", NURSE))
                .isEqualTo(201);
        JsonNode you = entries(get("/api/policy/register?q=RG-101", NURSE))
                .get("RG-101")
                .get("you");
        assertThat(you.get("toAcknowledge").isNull()).isTrue();
        assertThat(you.get("lastAcknowledged").asString()).isEqualTo("1.0");
    }

    @Test
    void searchFiltersAndPagesOnTheServer() throws Exception {
        assertThat(entries(get("/api/policy/register?q=register&standing=IN_FORCE", NURSE)))
                .containsOnlyKeys("RG-101");
        assertThat(entries(get("/api/policy/register?q=register&standing=NOT_YET_PUBLISHED", NURSE)))
                .containsOnlyKeys("RG-102", "RG-103");
        JsonNode page = JSON.readTree(
                get("/api/policy/register?q=register&size=2&sort=title", NURSE).body());
        assertThat(page.get("page").get("totalElements").asLong()).isEqualTo(3);
        assertThat(page.get("content").get(0).get("code").asString())
                .as("by title")
                .isEqualTo("RG-103");
        assertThat(entries(get("/api/policy/register?q=" + enc(".*(["), NURSE)))
                .as("pattern characters are text")
                .isEmpty();
    }

    @Test
    void badSearchParametersAre400NamingTheParameter() throws Exception {
        HttpResponse<String> tooLong = get("/api/policy/register?q=" + "x".repeat(101), NURSE);
        assertThat(tooLong.statusCode()).isEqualTo(400);
        assertThat(tooLong.body()).contains("q");
        HttpResponse<String> nul = get("/api/policy/register?q=%00", NURSE);
        assertThat(nul.statusCode()).as(nul.body()).isEqualTo(400);
        assertThat(nul.body()).contains("\"q\"").contains("control characters");
        HttpResponse<String> unknown = get("/api/policy/register?standing=SOMETIMES", NURSE);
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(unknown.body()).contains("standing");
        assertThat(get("/api/policy/register", null).statusCode()).isEqualTo(401);
    }

    @Test
    void theOpenConsultationsAreOneRead() throws Exception {
        HttpResponse<String> open = get("/api/policy/consultations", NURSE);
        assertThat(open.statusCode()).isEqualTo(200);
        List<String> codes = new ArrayList<>();
        JSON.readTree(open.body())
                .forEach(c -> codes.add(
                        c.get("policyCode").asString() + " " + c.get("version").asString()));
        assertThat(codes).contains("RG-103 1.0").doesNotContain("RG-101 1.0", "RG-102 1.0");
    }

    private Map<String, JsonNode> entries(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        Map<String, JsonNode> byCode = new java.util.TreeMap<>();
        JSON.readTree(response.body())
                .get("content")
                .forEach(e -> byCode.put(e.get("code").asString(), e));
        return byCode;
    }

    private void create(String code, String title) throws Exception {
        assertThat(send("POST", "/api/policy/policies", GOVERNANCE, Map.of("code", code, "title", title))
                        .statusCode())
                .isEqualTo(201);
    }

    private void draft(String code) throws Exception {
        HttpResponse<String> created = send(
                "POST",
                "/api/policy/policies/" + code + "/versions",
                AUTHOR,
                Map.of(
                        "number",
                        "1.0",
                        "content",
                        Map.of(
                                "clauses",
                                List.of(Map.of("number", "1.1", "heading", "Purpose", "text", "Why.")),
                                "changeSummary",
                                "First issue",
                                "effectiveDate",
                                "2027-01-01")));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private int post(String path, String token) throws Exception {
        return send("POST", path, token, null).statusCode();
    }

    private HttpResponse<String> get(String path, String token) throws Exception {
        return send("GET", path, token, null);
    }

    private HttpResponse<String> send(String method, String path, String token, Object body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .method(
                        method,
                        body == null
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                .header("Content-Type", "application/json");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
