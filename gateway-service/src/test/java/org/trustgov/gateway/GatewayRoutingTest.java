package org.trustgov.gateway;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.server.session.DefaultWebSessionManager;
import org.springframework.web.server.session.InMemoryWebSessionStore;
import org.springframework.web.server.session.WebSessionManager;
import org.trustgov.keycloak.test.TestReactiveJwtDecoderConfiguration;
import org.trustgov.keycloak.test.TestTokens;

/** The gateway in front of a WireMock "policy-service": what it lets through, what it adds, what it refuses. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(TestReactiveJwtDecoderConfiguration.class)
@AutoConfigureWebTestClient
class GatewayRoutingTest {

    static final WireMockServer policyService = new WireMockServer(options().dynamicPort());

    static {
        policyService.start();
    }

    @DynamicPropertySource
    static void routes(DynamicPropertyRegistry registry) {
        registry.add("POLICY_SERVICE_URL", policyService::baseUrl);
        registry.add("AUDIT_SERVICE_URL", () -> "http://127.0.0.1:1"); // nothing listens there
        registry.add("TRAINING_SERVICE_URL", policyService::baseUrl); // the unsubscribe test's one training call
        // Low limits, so the 429 test needs only a few requests (no other test here sends more than a few per caller).
        registry.add("trustgov.gateway.rate-limit.requests-per-second", () -> "1");
        registry.add("trustgov.gateway.rate-limit.burst", () -> "5");
    }

    @AfterAll
    static void stop() {
        policyService.stop();
    }

    @Autowired
    WebTestClient web;

    @Autowired
    WebSessionManager sessions;

    @Test
    void aBearerRequestIsRoutedWithItsTokenAndARequestIdButNotItsCookies() {
        policyService.stubFor(get("/api/policy/policies")
                .willReturn(aResponse()
                        .withStatus(200)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"content\":[]}")));
        String token = TestTokens.person("alex.nurse", "10000001", "Acute Medicine", "staff");

        var answer = web.get()
                .uri("/api/policy/policies")
                .header("Authorization", "Bearer " + token)
                .header("Cookie", "theme=dark; tracking=abc")
                .exchange()
                .expectStatus()
                .isOk()
                .returnResult(String.class);

        List<String> ids = answer.getResponseHeaders().get("X-Request-Id");
        assertThat(ids).hasSize(1);
        assertThat(ids.get(0)).matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
        policyService.verify(getRequestedFor(urlEqualTo("/api/policy/policies"))
                .withHeader("Authorization", equalTo("Bearer " + token))
                .withHeader("X-Request-Id", equalTo(ids.get(0)))
                .withoutHeader("Cookie"));
    }

    @Test
    void theCallersWellFormedRequestIdIsKeptAndAMalformedOneReplacedAndTheServicesEchoIsNotRepeated() {
        policyService.stubFor(get("/api/policy/policies/SM-009")
                .willReturn(aResponse()
                        .withStatus(200)
                        .withHeader("Content-Type", "application/json")
                        .withHeader("X-Request-Id", "the-service-echo")
                        .withBody("{}")));
        String token = TestTokens.person("alex.nurse", "10000001", "Acute Medicine", "staff");

        web.get()
                .uri("/api/policy/policies/SM-009")
                .header("Authorization", "Bearer " + token)
                .header("X-Request-Id", "hr-batch-2026-12-02.7")
                .exchange()
                .expectStatus()
                .isOk()
                .expectHeader()
                .valuesMatch("X-Request-Id", "hr-batch-2026-12-02\\.7");
        policyService.verify(getRequestedFor(urlEqualTo("/api/policy/policies/SM-009"))
                .withHeader("X-Request-Id", equalTo("hr-batch-2026-12-02.7")));

        var answer = web.get()
                .uri("/api/policy/policies/SM-009")
                .header("Authorization", "Bearer " + token)
                .header("X-Request-Id", "bad id;\u00e9")
                .exchange()
                .expectStatus()
                .isOk()
                .returnResult(String.class);
        List<String> ids = answer.getResponseHeaders().get("X-Request-Id");
        // a fresh id of the gateway's own (a UUID may well contain the letters "bad": the caller's text is what must
        // go)
        assertThat(ids)
                .hasSize(1)
                .allMatch(id -> id.matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"))
                .noneMatch(id -> id.equals("the-service-echo"));
        policyService.verify(getRequestedFor(urlEqualTo("/api/policy/policies/SM-009"))
                .withHeader("X-Request-Id", equalTo(ids.get(0))));
    }

    @Test
    void withTracingOffTheGatewayNeitherStartsNorContinuesATrace(
            @Autowired Tracer tracer, @Autowired Propagator propagator) {
        assertThat(tracer).isSameAs(Tracer.NOOP);
        assertThat(propagator).isSameAs(Propagator.NOOP);
    }

    @Test
    void apiCallsWithoutASessionCookieNeitherCreateNorLoadASession() {
        policyService.stubFor(get("/api/policy/resources")
                .willReturn(aResponse()
                        .withStatus(200)
                        .withHeader("Content-Type", "application/json")
                        .withBody("[]")));
        InMemoryWebSessionStore store =
                (InMemoryWebSessionStore) ((DefaultWebSessionManager) sessions).getSessionStore();
        int before = store.getSessions().size();
        String token = TestTokens.person("sam.hr", "10000008", "Human Resources", "staff");

        for (int i = 0; i < 3; i++) {
            web.get()
                    .uri("/api/policy/resources")
                    .header("Authorization", "Bearer " + token)
                    .exchange()
                    .expectStatus()
                    .isOk()
                    .expectHeader()
                    .doesNotExist("Set-Cookie");
            web.get()
                    .uri("/api/policy/resources")
                    .exchange()
                    .expectStatus()
                    .isUnauthorized()
                    .expectHeader()
                    .doesNotExist("Set-Cookie");
        }

        assertThat(store.getSessions()).hasSize(before);
    }

    @Test
    void aCallerBeyondTheBurstGets429WithRetryAfterAndAProblemBodyWhileOthersGoOn() {
        policyService.stubFor(get("/api/policy/policies")
                .willReturn(aResponse()
                        .withStatus(200)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"content\":[]}")));
        policyService.resetRequests();
        // Callers are counted by username: these two appear in no other test of this class.
        String eager = TestTokens.person("eager.tester", "10000077", "Acute Medicine", "staff");

        // This test runs the gateway at 1 request a second with bursts of 5 (see routes()): sent back to back, a 429
        // comes within a few requests.
        int sent = 0;
        int status = 200;
        while (status == 200 && sent < 20) {
            status = web.get()
                    .uri("/api/policy/policies")
                    .header("Authorization", "Bearer " + eager)
                    .exchange()
                    .returnResult(String.class)
                    .getStatus()
                    .value();
            sent++;
        }
        assertThat(status).isEqualTo(429);
        assertThat(sent).isGreaterThan(5);
        web.get()
                .uri("/api/policy/policies")
                .header("Authorization", "Bearer " + eager)
                .exchange()
                .expectStatus()
                .isEqualTo(429)
                .expectHeader()
                .contentType("application/problem+json")
                .expectHeader()
                .value(
                        "Retry-After",
                        seconds -> assertThat(Integer.parseInt(seconds)).isBetween(1, 2))
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo(429)
                .jsonPath("$.detail")
                .value(detail -> assertThat(detail.toString()).contains("1 a second"));
        policyService.verify(sent - 1, getRequestedFor(urlEqualTo("/api/policy/policies")));
        web.get()
                .uri("/api/policy/policies")
                .header(
                        "Authorization",
                        "Bearer " + TestTokens.person("patient.tester", "10000078", "Emergency Department", "staff"))
                .exchange()
                .expectStatus()
                .isOk();
    }

    @Test
    void anApiPathWithoutATokenIs401WithAProblemBodyAndNeverReachesTheService() {
        policyService.resetRequests();

        web.get()
                .uri("/api/policy/policies")
                .exchange()
                .expectStatus()
                .isUnauthorized()
                .expectHeader()
                .valueEquals("WWW-Authenticate", "Bearer")
                .expectHeader()
                .contentType("application/problem+json")
                .expectHeader()
                .valueEquals("X-RateLimit-Limit", "5")
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo(401);

        assertThat(policyService.getAllServeEvents()).isEmpty();
    }

    @Test
    void aWriteWithoutAnyCredentialsIs401NotACsrfRefusal() {
        web.post()
                .uri("/api/policy/policies")
                .exchange()
                .expectStatus()
                .isUnauthorized()
                .expectHeader()
                .valueEquals("WWW-Authenticate", "Bearer")
                .expectHeader()
                .contentType("application/problem+json");
    }

    @Test
    void aOneClickUnsubscribeReachesTheServiceWithoutCredentialsOrCsrfTokenEvenBesideASessionCookie() {
        policyService.stubFor(com.github.tomakehurst.wiremock.client.WireMock.post(
                        com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo(
                                "/api/training/notifications/unsubscribe"))
                .willReturn(com.github.tomakehurst.wiremock.client.WireMock.ok("Done")));

        // a mail client (RFC 8058): no token, no cookie; a browser that also holds a session of this gateway
        web.post()
                .uri("/api/training/notifications/unsubscribe?link=abc.def")
                .exchange()
                .expectStatus()
                .isOk();
        web.post()
                .uri("/api/training/notifications/unsubscribe?link=abc.def")
                .cookie("SESSION", "someone-elses-session")
                .exchange()
                .expectStatus()
                .isOk();
        // any other training path still needs a token
        web.post()
                .uri("/api/training/notifications/other")
                .exchange()
                .expectStatus()
                .isUnauthorized();
    }

    @Test
    void aWriteRidingOnASessionCookieNeedsTheCsrfToken() {
        policyService.resetRequests();

        web.post()
                .uri("/api/policy/policies")
                .cookie("SESSION", "someone-elses-session")
                .exchange()
                .expectStatus()
                .isForbidden();

        assertThat(policyService.getAllServeEvents()).isEmpty();
    }

    @Test
    void anExpiredTokenIs401AtTheGateway() {
        String expired = TestTokens.builder()
                .expiresAt(java.time.Instant.now().minusSeconds(120))
                .sign();

        web.get()
                .uri("/api/policy/policies")
                .header("Authorization", "Bearer " + expired)
                .exchange()
                .expectStatus()
                .isUnauthorized()
                .expectHeader()
                .value("WWW-Authenticate", v -> assertThat(v).contains("invalid_token"));
    }

    @Test
    void aProtectedPageWithoutASessionRedirectsToTheKeycloakLogin() {
        web.get()
                .uri("/some/page")
                .exchange()
                .expectStatus()
                .is3xxRedirection()
                .expectHeader()
                .location("/oauth2/authorization/keycloak");
    }

    @Test
    void theStaffPagesNeedASessionAndRunOnlyTheGatewaysOwnScripts() {
        web.get()
                .uri("/training.html")
                .exchange()
                .expectStatus()
                .is3xxRedirection()
                .expectHeader()
                .location("/oauth2/authorization/keycloak");
        web.get().uri("/js/trust.js").exchange().expectStatus().isOk();
        web.get()
                .uri("/")
                .exchange()
                .expectStatus()
                .isOk()
                .expectHeader()
                .value(
                        "Content-Security-Policy",
                        csp -> assertThat(csp).contains("script-src 'self'").contains("frame-ancestors 'none'"));
    }

    @Test
    void everyPageTakesItsHeadAndScriptsFromTheOneLayout() {
        String token = TestTokens.person("alex.nurse", "10000001", "Acute Medicine", "staff");

        web.get()
                .uri("/")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .value(html -> assertThat(html)
                        .contains("<title>Social media governance</title>")
                        .contains("<link rel=\"stylesheet\" href=\"/css/trust.css\">")
                        .contains("<script src=\"/js/trust.js\"></script>")
                        .contains("<script src=\"/js/index.js\"></script>")
                        .doesNotContain("th:"));
        web.get()
                .uri("/training.html")
                .header("Authorization", "Bearer " + token)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .value(html -> assertThat(html)
                        .contains("<title>My training - Social media governance</title>")
                        .contains("<meta name=\"viewport\"")
                        .contains("<script src=\"/js/training.js\"></script>"));
        web.get()
                .uri("/secrets.html")
                .header("Authorization", "Bearer " + token)
                .exchange()
                .expectStatus()
                .isNotFound();
    }

    @Test
    void theLoginRequestUsesPkceAgainstTheRealm() {
        web.get()
                .uri("/oauth2/authorization/keycloak")
                .exchange()
                .expectStatus()
                .is3xxRedirection()
                .expectHeader()
                .value(
                        "Location",
                        location -> assertThat(location)
                                .startsWith("http://localhost:8180/realms/nhs-trust/protocol/openid-connect/auth")
                                .contains("code_challenge_method=S256")
                                .contains("client_id=gateway"));
    }

    @Test
    void aServiceThatIsDownGives503AsAProblemNotAStackTrace() {
        String token = TestTokens.person("morgan.governance", "10000004", "Clinical Governance", "staff", "governance");

        // No audit-service runs at the configured address in this test.
        web.get()
                .uri("/api/audit/incidents")
                .header("Authorization", "Bearer " + token)
                .exchange()
                .expectStatus()
                .isEqualTo(503)
                .expectHeader()
                .exists("Retry-After")
                .expectHeader()
                .contentType("application/problem+json")
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo(503)
                .jsonPath("$.instance")
                .isEqualTo("/api/audit/incidents");
    }

    @Test
    void aGetWhoseConnectionIsResetIsTriedOnceMoreAndThenIs502WithRetryAfterNeverA500() {
        String token = TestTokens.person("retry.tester", "10000055", "Acute Medicine", "staff"); // its own rate limit
        // The instance dies under the first attempt; the second attempt reaches a live one.
        policyService.stubFor(get("/api/policy/policies/SM-010")
                .inScenario("dying")
                .whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER))
                .willSetStateTo("second"));
        policyService.stubFor(get("/api/policy/policies/SM-010")
                .inScenario("dying")
                .whenScenarioStateIs("second")
                .willReturn(aResponse()
                        .withStatus(200)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"code\":\"SM-010\"}")));
        web.get()
                .uri("/api/policy/policies/SM-010")
                .header("Authorization", "Bearer " + token)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("SM-010");

        // Every attempt broken off: 502, a problem, Retry-After; and a write is never sent twice.
        policyService.stubFor(
                get("/api/policy/policies/SM-011").willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        web.get()
                .uri("/api/policy/policies/SM-011")
                .header("Authorization", "Bearer " + token)
                .exchange()
                .expectStatus()
                .isEqualTo(502)
                .expectHeader()
                .exists("Retry-After")
                .expectHeader()
                .contentType("application/problem+json")
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo(502);
        policyService.verify(2, getRequestedFor(urlEqualTo("/api/policy/policies/SM-011")));
        policyService.stubFor(com.github.tomakehurst.wiremock.client.WireMock.post("/api/policy/policies/SM-011/retire")
                .willReturn(aResponse().withFault(Fault.EMPTY_RESPONSE)));
        web.post()
                .uri("/api/policy/policies/SM-011/retire")
                .header("Authorization", "Bearer " + token)
                .exchange()
                .expectStatus()
                .isEqualTo(502);
        policyService.verify(
                1,
                com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor(
                        urlEqualTo("/api/policy/policies/SM-011/retire")));
    }

    @Test
    void anUnknownPathForASignedInCallerIs404AsAProblem() {
        String token = TestTokens.person("alex.nurse", "10000001", "Acute Medicine", "staff");

        web.get()
                .uri("/no/such/page")
                .header("Authorization", "Bearer " + token)
                .exchange()
                .expectStatus()
                .isNotFound()
                .expectHeader()
                .contentType("application/problem+json");
    }

    @Test
    void theSwaggerUiAndTheLandingPageArePublic() {
        web.get().uri("/").exchange().expectStatus().isOk();
        web.get()
                .uri("/session/me")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.authenticated")
                .isEqualTo(false);
    }
}
