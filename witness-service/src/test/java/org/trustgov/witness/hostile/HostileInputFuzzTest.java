package org.trustgov.witness.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.trustgov.keycloak.test.TestTokens;
import org.trustgov.test.FuzzRun;
import org.trustgov.test.HostileRequests;
import org.trustgov.test.IntegrationTest;

/**
 * The witness's endpoints under hostile input, as audit-service's service account (the only caller that reaches the
 * checkpoint parser): every answer a 2xx or a 4xx problem, never a 5xx, a stack trace or a disguised error.
 */
@IntegrationTest
class HostileInputFuzzTest {

    @LocalServerPort
    int port;

    @Test
    void everyHostileRequestGetsA4xxProblemOrA2xxNeverAServerError() throws Exception {
        String auditService = TestTokens.serviceAccount("audit-service", "service");

        HostileRequests.Report report =
                FuzzRun.against("witness-service", port, "/api/witness/v3/api-docs", auditService, 300, name -> null);

        assertThat(report.findings().size()).as("findings (listed above)").isZero();
        assertThat(report.statuses().keySet())
                .as("the requests reached the checkpoint parser")
                .contains(400);
    }
}
