package org.trustgov.training.hostile;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.trustgov.keycloak.test.TestTokens;
import org.trustgov.test.FuzzRun;
import org.trustgov.test.HostileRequests;
import org.trustgov.test.IntegrationTest;
import org.trustgov.test.OtherServices;
import org.trustgov.test.RawHttp;
import org.trustgov.training.attempts.ScoringAndStatusTest;
import org.trustgov.training.modules.PublishedModules;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every write endpoint (and every read with parameters) of training-service under hostile input, with a roster,
 * a published module and an attempt in place and policy-service (WireMock) answering, so requests reach the rules.
 */
@IntegrationTest
class HostileInputFuzzTest {

    @LocalServerPort
    int port;

    @Autowired
    MongoTemplate mongo;

    @Test
    void everyHostileRequestGetsA4xxProblemOrA2xxNeverAServerError() throws Exception {
        OtherServices.reset();
        OtherServices.wireMock()
                .stubFor(
                        get(urlPathMatching("/api/policy/policies/.*/versions/.*"))
                                .willReturn(
                                        aResponse()
                                                .withHeader("Content-Type", "application/json")
                                                .withBody(
                                                        "{\"policyCode\":\"SM-001\",\"number\":\"1.0\",\"status\":\"PUBLISHED\",\"contentHash\":\"sha256:abc\"}")));
        PublishedModules.clear(mongo);
        PublishedModules.publish(mongo, ScoringAndStatusTest.module(80, List.of(), List.of()), "sha256:abc");
        String everyRole = TestTokens.person(
                "fuzz.all",
                "10000099",
                "Clinical Governance",
                "staff",
                "governance",
                "policy-author",
                "line-manager",
                "auditor",
                "hr-integration");
        RawHttp http = new RawHttp("localhost", port);
        http.send(
                "POST",
                "/api/training/staff",
                List.of("Authorization: Bearer " + everyRole, "Content-Type: text/csv"),
                "staffNumber,name,department,staffGroup,lineManagerStaffNumber\n10000099,Fuzz Tester,Clinical Governance,Nursing,\n10000001,Alex Carter,Acute Medicine,Nursing,10000099\n"
                        .getBytes());
        String attempt = JsonMapper.builder()
                .build()
                .readTree(http.send(
                                "POST",
                                "/api/training/modules/SMT-01/versions/1/attempts",
                                List.of("Authorization: Bearer " + everyRole),
                                new byte[0])
                        .body())
                .get("attemptId")
                .asString();
        Random pick = new Random(11);

        HostileRequests.Report report = FuzzRun.against(
                "training-service", port, "/api/training/v3/api-docs", everyRole, 1200, name -> switch (name) {
                    case "code" -> pick.nextInt(4) == 0 ? "NO-01" : "SMT-01";
                    case "version" -> pick.nextInt(4) == 0 ? "7" : "1";
                    case "attemptId" -> attempt;
                    case "staffNumber" -> pick.nextBoolean() ? "10000001" : "10000099";
                    default -> null;
                });

        assertThat(report.findings().size()).as("findings (listed above)").isZero();
        assertThat(report.statuses().keySet())
                .as("the requests reached the rules")
                .contains(400);
    }
}
