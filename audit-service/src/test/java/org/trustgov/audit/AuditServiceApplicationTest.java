package org.trustgov.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;
import org.trustgov.audit.incidents.Incident;
import org.trustgov.audit.incidents.IncidentRepository;
import org.trustgov.keycloak.test.TestJwtDecoderConfiguration;
import org.trustgov.keycloak.test.TestTokens;

/** The whole service on its embedded MongoDB: who may read incidents. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@Import(TestJwtDecoderConfiguration.class)
class AuditServiceApplicationTest {

    @LocalServerPort
    int port;

    @Autowired
    IncidentRepository incidents;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void governanceAndAuditorsReadIncidents() throws Exception {
        incidents.deleteAll();
        incidents.save(new Incident("SMB-2026-000001", "10000002", "CONFIDENTIALITY_BREACH", "HIGH"));

        HttpResponse<String> auditor = get(TestTokens.person("taylor.auditor", "10000006", "Internal Audit", "auditor"));

        assertThat(auditor.statusCode()).isEqualTo(200);
        assertThat(auditor.body()).contains("SMB-2026-000001").contains("\"status\":\"REPORTED\"");
        assertThat(get(TestTokens.person("morgan.governance", "10000004", "Clinical Governance", "staff", "governance"))
                .statusCode()).isEqualTo(200);
    }

    @Test
    void staffAndTheHrSystemMayNotListIncidents() throws Exception {
        assertThat(get(TestTokens.person("priya.doctor", "10000002", "Emergency Department", "staff")).statusCode()).isEqualTo(403);
        assertThat(get(TestTokens.serviceAccount("hr-system", "hr-integration")).statusCode()).isEqualTo(403);
    }

    private HttpResponse<String> get(String token) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/audit/incidents"))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
    }
}
