package org.trustgov.audit.hostile;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.trustgov.keycloak.test.TestTokens;
import org.trustgov.test.FuzzRun;
import org.trustgov.test.HostileRequests;
import org.trustgov.test.IntegrationTest;
import org.trustgov.test.OtherServices;
import org.trustgov.test.RawHttp;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every write endpoint (and every read with parameters) of audit-service under hostile input, with an incident
 * in place and policy- and training-service (WireMock) answering, so requests reach the rules. Afterwards the log
 * still verifies: nothing hostile got into the chain in a form that breaks it.
 */
@IntegrationTest
class HostileInputFuzzTest {

    @LocalServerPort
    int port;

    @Test
    void everyHostileRequestGetsA4xxProblemOrA2xxNeverAServerError() throws Exception {
        OtherServices.reset();
        WireMockServer others = OtherServices.wireMock();
        others.stubFor(
                get(urlPathMatching("/api/policy/policies/.*/clauses/.*"))
                        .willReturn(
                                aResponse()
                                        .withHeader("Content-Type", "application/json")
                                        .withBody(
                                                "{\"policyCode\":\"SM-001\",\"version\":\"1.0\",\"clause\":{\"number\":\"4.2\",\"heading\":\"Images\"}}")));
        others.stubFor(get(urlPathMatching("/api/training/compliance/staff/.*"))
                .willReturn(aResponse().withStatus(404)));
        others.stubFor(get(urlPathMatching("/api/(training|policy)/subject-access/.*"))
                .willReturn(aResponse()
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"roster\":{\"name\":\"Priya Shah\"},\"attempts\":[]}")));
        String everyRole = TestTokens.person(
                "fuzz.all",
                "10000099",
                "Clinical Governance",
                "staff",
                "governance",
                "auditor",
                "hr-integration",
                "service");
        RawHttp http = new RawHttp("localhost", port);
        String incident = JsonMapper.builder()
                .build()
                .readTree(http.send(
                                "POST",
                                "/api/audit/incidents",
                                List.of(
                                        "Authorization: Bearer "
                                                + TestTokens.person(
                                                        "alex.nurse", "10000001", "Acute Medicine", "staff"),
                                        "Content-Type: application/json"),
                                ("{\"subjectStaffNumber\":\"10000002\",\"occurredAt\":\"2026-11-20T21:30:00Z\",\"platform\":\"FACEBOOK\","
                                                + "\"category\":\"OTHER\",\"severity\":\"LOW\",\"description\":\"d\",\"breachedClauses\":"
                                                + "[{\"policyCode\":\"SM-001\",\"policyVersion\":\"1.0\",\"clauseNumber\":\"4.2\"}]}")
                                        .getBytes())
                        .body())
                .get("reference")
                .asString();
        Random pick = new Random(13);

        HostileRequests.Report report = FuzzRun.against(
                "audit-service", port, "/api/audit/v3/api-docs", everyRole, 1200, name -> switch (name) {
                    case "reference" -> pick.nextInt(4) == 0 ? "SMB-2026-999999" : incident;
                    default -> null;
                });

        assertThat(report.findings().size()).as("findings (listed above)").isZero();
        assertThat(report.statuses().keySet())
                .as("the requests reached the rules")
                .contains(400);
        String verify = http.send("GET", "/api/audit/log/verify", List.of("Authorization: Bearer " + everyRole), null)
                .body();
        assertThat(verify).as("the chain survived the fuzzing").contains("\"intact\":true");
    }
}
