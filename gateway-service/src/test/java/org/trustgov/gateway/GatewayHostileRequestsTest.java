package org.trustgov.gateway;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.trustgov.keycloak.test.TestReactiveJwtDecoderConfiguration;
import org.trustgov.keycloak.test.TestTokens;
import org.trustgov.test.RawHttp;

/**
 * What the gateway refuses before any route (a malformed path, a request line or headers too long) must be as
 * plain to a client as what the services refuse: an RFC 9457 problem body with the status, never an empty answer
 * or a server error; and the request id must appear once on every answer.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(TestReactiveJwtDecoderConfiguration.class)
@ExtendWith(OutputCaptureExtension.class)
class GatewayHostileRequestsTest {

    static final WireMockServer backend = new WireMockServer(options().dynamicPort());

    static {
        backend.start();
        backend.stubFor(any(anyUrl())
                .willReturn(aResponse()
                        .withStatus(200)
                        .withHeader("Content-Type", "application/json")
                        .withHeader("X-Request-Id", "from-the-service")
                        .withBody("{}")));
    }

    @DynamicPropertySource
    static void routes(DynamicPropertyRegistry registry) {
        registry.add("POLICY_SERVICE_URL", backend::baseUrl);
        registry.add("TRAINING_SERVICE_URL", backend::baseUrl);
        registry.add("AUDIT_SERVICE_URL", backend::baseUrl);
    }

    @AfterAll
    static void stop() {
        backend.stop();
    }

    @LocalServerPort
    int port;

    @Test
    void everyRefusalIsAProblemBodyAndNoneIsAServerError(CapturedOutput output) throws Exception {
        RawHttp http = new RawHttp("localhost", port);
        String token =
                "Authorization: Bearer " + TestTokens.person("alex.nurse", "10000001", "Acute Medicine", "staff");
        List<String> targets = List.of(
                "/api/policy/%zz",
                "/api/policy/..;/x",
                "/api/policy/x;jsessionid=1",
                "/api/policy/%00",
                "/api/policy/a%2Fb",
                "/api/policy/%2e%2e/%2e%2e/etc/passwd",
                "/api/policy/%c0%af",
                "/api/policy/" + "a".repeat(9000),
                "/api/policy/x?q=" + "b".repeat(9000),
                "/%",
                "/api/policy/%ff%fe",
                "/api/policy/x?a=%zz",
                "/no/such/page",
                "/api/nowhere");
        List<String> problems = new ArrayList<>();
        for (String target : targets) {
            RawHttp.Response answer = http.send("GET", target, List.of(token), null);
            String shown = target.length() > 60 ? target.substring(0, 60) + "…" : target;
            if (answer.status() >= 500) {
                problems.add(shown + " → " + answer.status());
            } else if (answer.status() >= 400
                    && !String.valueOf(answer.header("Content-Type")).startsWith("application/problem+json")) {
                problems.add(shown + " → " + answer.status() + " without a problem body ("
                        + answer.header("Content-Type") + ")");
            }
            if (answer.count("X-Request-Id") > 1) {
                problems.add(shown + " → X-Request-Id " + answer.count("X-Request-Id") + " times");
            }
        }
        RawHttp.Response hugeHeader =
                http.send("GET", "/api/policy/policies", List.of(token, "X-Big: " + "c".repeat(20_000)), null);
        if (hugeHeader.status() < 400
                || !String.valueOf(hugeHeader.header("Content-Type")).startsWith("application/problem+json")) {
            problems.add("a 20 kB header → " + hugeHeader.status() + " " + hugeHeader.header("Content-Type"));
        }
        RawHttp.Response relayed = http.send("GET", "/api/policy/policies", List.of(token), null);
        assertThat(relayed.status()).isEqualTo(200);
        assertThat(relayed.count("X-Request-Id"))
                .as("the service's and the gateway's id: one header")
                .isEqualTo(1);

        assertThat(problems).isEmpty();
        assertThat(output.getAll())
                .as("a request the server cannot decode is the caller's error: no warning, no caller's address logged")
                .doesNotContain("Decoding failed")
                .doesNotContain("R:/127.0.0.1");
    }
}
