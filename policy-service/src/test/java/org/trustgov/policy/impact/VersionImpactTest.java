package org.trustgov.policy.impact;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.trustgov.keycloak.Caller;
import org.trustgov.keycloak.test.TestTokens;
import org.trustgov.policy.policies.PolicyRequest;
import org.trustgov.policy.policies.PolicyService;
import org.trustgov.policy.versions.Clause;
import org.trustgov.policy.versions.NewVersionRequest;
import org.trustgov.policy.versions.VersionContent;
import org.trustgov.policy.versions.VersionService;
import org.trustgov.test.IntegrationTest;
import org.trustgov.test.OtherServices;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What a draft's changes touch, across the three services (training-service and audit-service played by WireMock):
 * each changed, added and removed clause with the modules citing it and the open incidents citing it, beside the
 * acknowledgements of the wording in force; a service that cannot answer is named, and the rest still answers.
 */
@IntegrationTest
class VersionImpactTest {

    static final WireMockServer others = OtherServices.wireMock();
    static final String CODE = "IM-901";
    static final Caller AUTHOR = new Caller(
            "a", "jordan.author", "10000003", "Communications", Set.of("staff", "policy-author"), "t", false);
    static final Caller GOVERNANCE = new Caller(
            "g", "morgan.governance", "10000004", "Clinical Governance", Set.of("staff", "governance"), "t", false);

    @LocalServerPort
    int port;

    @Autowired
    PolicyService policies;

    @Autowired
    VersionService versions;

    @Autowired
    org.trustgov.policy.resources.ResourceService resources;

    @Test
    void eachTouchedClauseShowsTheModulesAndOpenIncidentsCitingItAndAServiceDownIsNamed() throws Exception {
        policies.create(
                new PolicyRequest(
                        CODE,
                        "Instant messaging",
                        "Director of IT",
                        "Policy Approval Group",
                        List.of(),
                        List.of(),
                        List.of()),
                AUTHOR);
        versions.createDraft(
                CODE,
                new NewVersionRequest(
                        "1.0",
                        new VersionContent(
                                List.of(
                                        new Clause("1.1", "Purpose", "Messaging apps at work."),
                                        new Clause("4.2", "Patient details", "Only on NHSmail or Teams.")),
                                "First issue",
                                LocalDate.now(),
                                null)),
                AUTHOR);
        versions.submitForReview(CODE, "1.0", AUTHOR);
        versions.approve(CODE, "1.0", GOVERNANCE);
        versions.publish(CODE, "1.0", GOVERNANCE);
        versions.createDraft(
                CODE,
                new NewVersionRequest(
                        "1.1",
                        new VersionContent(
                                List.of(
                                        new Clause("4.2", "Patient details", "Only on NHSmail, never on Teams chat."),
                                        new Clause("5.1", "Groups", "No ward WhatsApp groups.")),
                                "Teams chat excluded",
                                LocalDate.now().plusDays(30),
                                null)),
                AUTHOR);
        others.stubFor(post("/token")
                .willReturn(json("{\"access_token\":\"service-token\",\"token_type\":\"Bearer\",\"expires_in\":300}")));
        others.stubFor(
                get(urlPathEqualTo("/api/training/impact/clauses"))
                        .willReturn(
                                json(
                                        "{\"policyCode\":\"IM-901\",\"modules\":[{\"code\":\"IMT-01\",\"version\":2,"
                                                + "\"title\":\"Messaging\",\"policyVersion\":\"1.0\",\"clauses\":[\"4.2\"],\"completions\":37}]}")));
        others.stubFor(get(urlPathEqualTo("/api/audit/reports/clauses"))
                .willReturn(json("{\"policyCode\":\"IM-901\",\"openIncidents\":{\"4.2\":2,\"1.1\":0,\"5.1\":0}}")));
        String author = TestTokens.person("jordan.author", "10000003", "Communications", "staff", "policy-author");
        // a signposting resource linked to 4.2, and a retired one linked to 1.1 (not shown)
        String linked = resources
                .create(resource("Using NHSmail safely", "4.2"), GOVERNANCE, null)
                .made()
                .getId();
        String retired = resources
                .create(resource("Old messaging guide", "1.1"), GOVERNANCE, null)
                .made()
                .getId();
        resources.retire(retired, GOVERNANCE);

        JsonNode impact = JsonMapper.builder().build().readTree(impact(author).body());
        assertThat(impact.get("inForce").asString()).isEqualTo("1.0");
        assertThat(impact.get("missing")).isEmpty();
        assertThat(impact.get("clauses").toString())
                .contains("{\"number\":\"4.2\",\"change\":\"CHANGED\",\"modules\":[{\"code\":\"IMT-01\",\"version\":2,"
                        + "\"title\":\"Messaging\",\"policyVersion\":\"1.0\",\"clauses\":[\"4.2\"],\"completions\":37}],"
                        + "\"openIncidents\":2,\"resources\":[{\"id\":\"" + linked
                        + "\",\"name\":\"Using NHSmail safely\"}]}")
                .contains(
                        "{\"number\":\"5.1\",\"change\":\"ADDED\",\"modules\":[],\"openIncidents\":0,\"resources\":[]}")
                .contains(
                        "{\"number\":\"1.1\",\"change\":\"REMOVED\",\"modules\":[],\"openIncidents\":0,\"resources\":[]}");
        others.verify(getRequestedFor(urlPathEqualTo("/api/audit/reports/clauses"))
                .withQueryParam("policyCode", equalTo(CODE))
                .withHeader("Authorization", equalTo("Bearer service-token")));

        // audit-service down: its part is named as missing, and training's is still there.
        others.stubFor(get(urlPathEqualTo("/api/audit/reports/clauses"))
                .willReturn(aResponse().withStatus(503)));
        JsonNode partial = JsonMapper.builder().build().readTree(impact(author).body());
        assertThat(partial.get("missing").toString()).contains("audit-service");
        assertThat(partial.get("clauses").get(0).get("openIncidents").isNull()).isTrue();
        assertThat(partial.get("clauses")
                        .get(0)
                        .get("modules")
                        .get(0)
                        .get("completions")
                        .asLong())
                .isEqualTo(37);

        String nurse = TestTokens.person("alex.nurse", "10000001", "Acute Medicine", "staff");
        assertThat(impact(nurse).statusCode()).isEqualTo(403);
    }

    /**
     * A change touching more clauses than a service takes in one request (its repeated-parameter limit, 20) asks each
     * service in turns and answers every clause; found by the impact benchmark, where 50 clauses were refused whole.
     */
    @Test
    void aChangeTouchingMoreClausesThanOneRequestTakesIsAskedInTurns() throws Exception {
        String code = "IM-902";
        policies.create(
                new PolicyRequest(
                        code,
                        "Many clauses",
                        "Director of IT",
                        "Policy Approval Group",
                        List.of(),
                        List.of(),
                        List.of()),
                AUTHOR);
        java.util.function.Function<String, List<Clause>> clauses =
                text -> java.util.stream.IntStream.rangeClosed(1, 45)
                        .mapToObj(n -> new Clause("2." + n, "Clause " + n, text + " " + n))
                        .toList();
        versions.createDraft(
                code,
                new NewVersionRequest("1.0", new VersionContent(clauses.apply("Old"), "First", LocalDate.now(), null)),
                AUTHOR);
        versions.submitForReview(code, "1.0", AUTHOR);
        versions.approve(code, "1.0", GOVERNANCE);
        versions.publish(code, "1.0", GOVERNANCE);
        versions.createDraft(
                code,
                new NewVersionRequest("1.1", new VersionContent(clauses.apply("New"), "All", LocalDate.now(), null)),
                AUTHOR);
        others.resetRequests();
        others.stubFor(post("/token")
                .willReturn(json("{\"access_token\":\"service-token\",\"token_type\":\"Bearer\",\"expires_in\":300}")));
        others.stubFor(get(urlPathEqualTo("/api/training/impact/clauses"))
                .willReturn(json("{\"policyCode\":\"IM-902\",\"modules\":[]}")));
        others.stubFor(get(urlPathEqualTo("/api/audit/reports/clauses"))
                .willReturn(json("{\"policyCode\":\"IM-902\",\"openIncidents\":{\"2.45\":4}}")));

        HttpResponse<String> answer = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/policy/policies/" + code
                                        + "/versions/1.1/impact"))
                                .header(
                                        "Authorization",
                                        "Bearer "
                                                + TestTokens.person(
                                                        "jordan.author",
                                                        "10000003",
                                                        "Communications",
                                                        "staff",
                                                        "policy-author"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        JsonNode impact = JsonMapper.builder().build().readTree(answer.body());
        assertThat(impact.get("missing")).as(answer.body()).isEmpty();
        assertThat(impact.get("clauses")).hasSize(45);
        assertThat(impact.get("clauses").get(44).get("openIncidents").asLong()).isEqualTo(4);
        others.verify(3, getRequestedFor(urlPathEqualTo("/api/training/impact/clauses")));
        others.verify(3, getRequestedFor(urlPathEqualTo("/api/audit/reports/clauses")));
    }

    private HttpResponse<String> impact(String token) throws Exception {
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/policy/policies/" + CODE
                                        + "/versions/1.1/impact"))
                                .header("Authorization", "Bearer " + token)
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(String body) {
        return aResponse().withHeader("Content-Type", "application/json").withBody(body);
    }

    private static org.trustgov.policy.resources.ResourceRequest resource(String name, String clause) {
        return new org.trustgov.policy.resources.ResourceRequest(
                name,
                "https://www.example.nhs.uk/" + name.replace(' ', '-'),
                "Guidance",
                org.trustgov.policy.resources.Topic.PROFESSIONAL_GUIDANCE,
                List.of("staff"),
                LocalDate.now().plusMonths(6),
                List.of(new org.trustgov.policy.resources.ResourceRequest.CitedClause(CODE, clause)));
    }
}
