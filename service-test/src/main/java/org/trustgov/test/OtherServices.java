package org.trustgov.test;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.support.TestPropertySourceUtils;

/**
 * One WireMock server per test JVM that plays everything outside the service under test: the other services
 * (policy-, training-, audit- and witness-service) and Keycloak's token endpoint. A service's integration-test annotation points
 * the service at it with {@link Initializer}, so every integration test of the service shares one Spring context
 * (the same configuration) and stubs what it needs after {@link #reset()}.
 */
public final class OtherServices {

    private static final WireMockServer SERVER = start();

    private OtherServices() {}

    private static WireMockServer start() {
        WireMockServer server = new WireMockServer(options().dynamicPort().extensions(new WhileAnswering()));
        server.start();
        Runtime.getRuntime().addShutdownHook(new Thread(server::stop));
        return server;
    }

    public static WireMockServer wireMock() {
        return SERVER;
    }

    /**
     * Forgets every stub and request, then answers as healthy neighbours do: the token endpoint gives a token, the
     * audit log takes events (201) and access records (200), audit-service names no record disposed of, training-service's directory names every staff number
     * asked for as active staff. A test stubs anything else it needs, or a fault.
     */
    public static void reset() {
        WhileAnswering.action = () -> {};
        SERVER.resetAll();
        SERVER.stubFor(post("/token")
                .willReturn(aResponse()
                        .withHeader("Content-Type", "application/json")
                        .withBody(
                                "{\"access_token\":\"service-token\",\"token_type\":\"Bearer\",\"expires_in\":300}")));
        SERVER.stubFor(post("/api/audit/events").willReturn(aResponse().withStatus(201)));
        SERVER.stubFor(post("/api/audit/access-records").willReturn(aResponse().withStatus(200)));
        // audit-service's disposals: nothing asked about was disposed of.
        SERVER.stubFor(post("/api/audit/retention/disposed")
                .willReturn(aResponse()
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"recordClass\":\"staff-record\",\"disposed\":[]}")));
        // training-service's directory names whoever is asked for as active staff (one number a call).
        SERVER.stubFor(get(urlPathEqualTo("/api/training/directory/people"))
                .willReturn(aResponse()
                        .withHeader("Content-Type", "application/json")
                        .withBody("[{\"staffNumber\":\"{{request.query.number}}\",\"name\":\"Colleague "
                                + "{{request.query.number}}\",\"department\":\"Acute Medicine\",\"active\":true}]")
                        .withTransformers("response-template")));
    }

    /**
     * Runs {@code action} as the other side takes a request to a stub that names {@link WhileAnswering#NAME} among
     * its transformers, before it answers: what happens elsewhere while the service under test waits for an answer
     * (until {@link #reset()}).
     */
    public static void whileAnswering(Runnable action) {
        WhileAnswering.action = action;
    }

    /** The transformer of {@link #whileAnswering}: it changes no answer. */
    public static final class WhileAnswering
            implements com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2 {

        public static final String NAME = "while-answering";

        private static volatile Runnable action = () -> {};

        @Override
        public com.github.tomakehurst.wiremock.http.ResponseDefinition transform(
                com.github.tomakehurst.wiremock.stubbing.ServeEvent serveEvent) {
            action.run();
            return serveEvent.getResponseDefinition();
        }

        @Override
        public boolean applyGlobally() {
            return false;
        }

        @Override
        public String getName() {
            return NAME;
        }
    }

    /** Resets the WireMock server ({@link #reset()}) before each test, before the test's own set-up stubs it. */
    public static final class ResetBeforeEach implements BeforeEachCallback {
        @Override
        public void beforeEach(ExtensionContext context) {
            reset();
        }
    }

    /** Points every client of the service at the one WireMock server. */
    public static final class Initializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {
        @Override
        public void initialize(ConfigurableApplicationContext context) {
            String base = SERVER.baseUrl();
            TestPropertySourceUtils.addInlinedPropertiesToEnvironment(
                    context,
                    "trustgov.clients.policy-url=" + base,
                    "trustgov.clients.training-url=" + base,
                    "trustgov.clients.witness-url=" + base,
                    "trustgov.clients.audit-url=" + base,
                    "trustgov.outbox.audit-url=" + base,
                    "spring.security.oauth2.client.provider.keycloak.token-uri=" + base + "/token");
        }
    }
}
