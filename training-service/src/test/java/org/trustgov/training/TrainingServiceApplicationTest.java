package org.trustgov.training;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.trustgov.keycloak.test.TestTokens;
import org.trustgov.test.IntegrationTest;
import org.trustgov.training.roster.StaffMember;
import org.trustgov.training.roster.StaffRepository;

/** The whole service on its embedded MongoDB: who may read the roster. */
@IntegrationTest
class TrainingServiceApplicationTest {

    @LocalServerPort
    int port;

    @Autowired
    StaffRepository staff;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void theHrSystemAndGovernanceReadTheRoster() throws Exception {
        staff.deleteAll();
        staff.save(new StaffMember("10000001", "Alex Carter", "Acute Medicine", "Nursing and Midwifery"));

        HttpResponse<String> hr = get(TestTokens.serviceAccount("hr-system", "hr-integration"));
        HttpResponse<String> governance =
                get(TestTokens.person("morgan.governance", "10000004", "Clinical Governance", "staff", "governance"));

        assertThat(hr.statusCode()).isEqualTo(200);
        assertThat(hr.body()).contains("\"staffNumber\":\"10000001\"");
        assertThat(governance.statusCode()).isEqualTo(200);
    }

    @Test
    void staffLineManagersAndOtherServicesMayNotReadTheWholeRoster() throws Exception {
        assertThat(get(TestTokens.person("alex.nurse", "10000001", "Acute Medicine", "staff"))
                        .statusCode())
                .isEqualTo(403);
        assertThat(get(TestTokens.person("chris.manager", "10000005", "Acute Medicine", "staff", "line-manager"))
                        .statusCode())
                .isEqualTo(403);
        HttpResponse<String> service = get(TestTokens.serviceAccount("audit-service", "service"));
        assertThat(service.statusCode()).isEqualTo(403);
        assertThat(service.headers().firstValue("Content-Type")).contains("application/problem+json");
    }

    @Test
    void otherServicesReadTheHeadcountPerDepartmentWithoutLeavers() throws Exception {
        staff.deleteAll();
        staff.save(new StaffMember("10000001", "Alex Carter", "Acute Medicine", "Nursing and Midwifery"));
        staff.save(new StaffMember("10000005", "Chris Okafor", "Acute Medicine", "Nursing and Midwifery"));
        StaffMember leaver = new StaffMember("10000009", "Sam Leaver", "Acute Medicine", "Nursing and Midwifery");
        org.springframework.test.util.ReflectionTestUtils.setField(leaver, "active", false);
        staff.save(leaver);
        staff.save(new StaffMember("10000002", "Priya Shah", "Emergency Department", "Medical and Dental"));

        HttpResponse<String> response =
                get("/api/training/staff/headcount", TestTokens.serviceAccount("policy-service", "service"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body())
                .isEqualTo("[{\"department\":\"Acute Medicine\",\"active\":2},"
                        + "{\"department\":\"Emergency Department\",\"active\":1}]");
        assertThat(get(
                                "/api/training/staff/headcount",
                                TestTokens.person("alex.nurse", "10000001", "Acute Medicine", "staff"))
                        .statusCode())
                .isEqualTo(403);
    }

    @Test
    void governancePreviewsASectionRenderedSafelyAndNothingElseMay() throws Exception {
        String governance =
                TestTokens.person("morgan.governance", "10000004", "Clinical Governance", "staff", "governance");
        String body =
                "{\"heading\":\"Wards\",\"markdown\":\"**Never** <script>alert(1)</script> [x](javascript:alert(2))\"}";

        HttpResponse<String> preview = post("/api/training/modules/preview", governance, body);
        assertThat(preview.statusCode()).as(preview.body()).isEqualTo(200);
        String html = preview.body().substring(preview.body().indexOf("\"html\":"));
        assertThat(html)
                .contains("<strong>Never</strong>")
                .contains("&lt;script&gt;")
                .doesNotContain("<script>")
                .doesNotContain("javascript:");
        assertThat(post("/api/training/modules/preview", governance, "{\"heading\":\"Wards\"}")
                        .statusCode())
                .as("no Markdown: 400")
                .isEqualTo(400);
        assertThat(post(
                                "/api/training/modules/preview",
                                TestTokens.person("alex.nurse", "10000001", "Acute Medicine", "staff"),
                                body)
                        .statusCode())
                .isEqualTo(403);
    }

    private HttpResponse<String> post(String path, String token, String json) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                        .header("Authorization", "Bearer " + token)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(json))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String token) throws Exception {
        return get("/api/training/staff", token);
    }

    private HttpResponse<String> get(String path, String token) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                        .header("Authorization", "Bearer " + token)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
