package org.trustgov.policy.attestations;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.trustgov.test.IntegrationTest;
import org.trustgov.test.OtherServices;

/**
 * The Feign client to training-service against WireMock playing training-service and Keycloak's token endpoint:
 * what policy-service does with each answer and each fault.
 */
@IntegrationTest
class RosterHeadcountsTest {

    static final WireMockServer training = OtherServices.wireMock();
    static final String PATH = "/api/training/staff/headcount";

    @Autowired
    RosterHeadcounts roster;

    @Autowired
    CircuitBreakerRegistry breakers;

    @BeforeEach
    void reset() {
        OtherServices.reset();
        training.stubFor(post("/token")
                .willReturn(aResponse()
                        .withHeader("Content-Type", "application/json")
                        .withBody(
                                "{\"access_token\":\"service-token\",\"token_type\":\"Bearer\",\"expires_in\":300}")));
        breakers.circuitBreaker(RosterHeadcounts.NAME).reset();
    }

    @Test
    void okGivesTheHeadcountsAndTheCallCarriesTheServicesOwnToken() {
        training.stubFor(
                get(PATH)
                        .willReturn(
                                json(
                                        "[{\"department\":\"Acute Medicine\",\"active\":40},{\"department\":\"Emergency Department\",\"active\":25}]")));

        assertThat(roster.byDepartment()).contains(Map.of("Acute Medicine", 40L, "Emergency Department", 25L));
        training.verify(getRequestedFor(urlEqualTo(PATH)).withHeader("Authorization", equalTo("Bearer service-token")));
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
        assertThat((System.nanoTime() - started) / 1_000_000)
                .as("3 attempts of at most 500 ms, not 3 × 1.5 s")
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
