package org.trustgov.policy.attestations;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The Feign client to training-service against WireMock playing training-service and Keycloak's token endpoint:
 * what policy-service does with each answer and each fault.
 */
@SpringBootTest
@ActiveProfiles("test")
class RosterHeadcountsTest {

    static final WireMockServer training = new WireMockServer(options().dynamicPort());
    static final String PATH = "/api/training/staff/headcount";

    static {
        training.start();
    }

    @DynamicPropertySource
    static void urls(DynamicPropertyRegistry registry) {
        registry.add("trustgov.clients.training-url", training::baseUrl);
        registry.add("spring.security.oauth2.client.provider.keycloak.token-uri", () -> training.baseUrl() + "/token");
        registry.add("resilience4j.timelimiter.instances.training-roster.timeout-duration", () -> "500ms");
        registry.add("spring.cloud.openfeign.client.config.training-roster.read-timeout", () -> "3000");
    }

    @AfterAll
    static void stop() {
        training.stop();
    }

    @Autowired RosterHeadcounts roster;
    @Autowired CircuitBreakerRegistry breakers;

    @BeforeEach
    void reset() {
        training.resetAll();
        training.stubFor(post("/token").willReturn(aResponse().withHeader("Content-Type", "application/json")
                .withBody("{\"access_token\":\"policy-service-token\",\"token_type\":\"Bearer\",\"expires_in\":300}")));
        breakers.circuitBreaker(RosterHeadcounts.NAME).reset();
    }

    @Test
    void okGivesTheHeadcountsAndTheCallCarriesTheServicesOwnToken() {
        training.stubFor(get(PATH).willReturn(json("[{\"department\":\"Acute Medicine\",\"active\":40},{\"department\":\"Emergency Department\",\"active\":25}]")));

        assertThat(roster.byDepartment()).contains(Map.of("Acute Medicine", 40L, "Emergency Department", 25L));
        training.verify(getRequestedFor(urlEqualTo(PATH)).withHeader("Authorization", equalTo("Bearer policy-service-token")));
    }

    @Test
    void notFoundIsUnknownNotZero() {
        training.stubFor(get(PATH).willReturn(aResponse().withStatus(404)));

        assertThat(roster.byDepartment()).isEmpty();
    }

    @Test
    void aServerErrorIsRetriedThenUnknown() {
        training.stubFor(get(PATH).willReturn(aResponse().withStatus(500)));

        assertThat(roster.byDepartment()).isEmpty();
        training.verify(3, getRequestedFor(urlEqualTo(PATH)));
    }

    @Test
    void anAnswerSlowerThanTheTimeLimitIsCutOff() {
        training.stubFor(get(PATH).willReturn(json("[]").withFixedDelay(1500)));

        long started = System.nanoTime();
        assertThat(roster.byDepartment()).isEmpty();
        assertThat((System.nanoTime() - started) / 1_000_000).as("3 attempts of at most 500 ms, not 3 × 1.5 s")
                .isLessThan(3500);
    }

    @Test
    void aConnectionResetIsUnknown() {
        training.stubFor(get(PATH).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

        assertThat(roster.byDepartment()).isEmpty();
    }

    @Test
    void aMalformedBodyIsUnknown() {
        training.stubFor(get(PATH).willReturn(json("{\"not\": \"a list\"")));

        assertThat(roster.byDepartment()).isEmpty();
    }

    @Test
    void afterRepeatedFailuresTheBreakerOpensAndStopsCallingTrainingService() {
        training.stubFor(get(PATH).willReturn(aResponse().withStatus(503)));

        for (int i = 0; i < 5; i++) {
            roster.byDepartment();
        }
        assertThat(breakers.circuitBreaker(RosterHeadcounts.NAME).getState()).isEqualTo(CircuitBreaker.State.OPEN);
        int calls = training.findAll(getRequestedFor(urlEqualTo(PATH))).size();

        assertThat(roster.byDepartment()).isEmpty();
        assertThat(training.findAll(getRequestedFor(urlEqualTo(PATH)))).hasSize(calls);
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(String body) {
        return aResponse().withHeader("Content-Type", "application/json").withBody(body);
    }
}
