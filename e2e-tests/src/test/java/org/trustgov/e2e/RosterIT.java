package org.trustgov.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.trustgov.e2e.Http.json;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The HR system pushes the roster with its client-credentials token; the policy coverage report then counts it. */
@StartedPlatform
class RosterIT {

    private final Http http = new Http();

    @Test
    void hrPushesTheRosterAndPolicyCoverageSeesTheDepartmentsHeadcount() {
        String hr = http.clientToken("hr-system", "hr-system-secret");
        List<Map<String, Object>> roster = new java.util.ArrayList<>(DemoRoster.ROWS);
        roster.add(Map.of(
                "staffNumber", "123", "name", "Bad Row", "department", "Acute Medicine", "staffGroup", "Nursing"));

        HttpResponse<String> pushed = http.postJson(Platform.GATEWAY + "/api/training/staff", hr, roster);

        assertThat(pushed.statusCode()).isEqualTo(200);
        JsonNode report = json(pushed);
        assertThat(report.get("inserted").asInt()
                        + report.get("updated").asInt()
                        + report.get("unchanged").asInt())
                .as("TrainingModuleIT may have pushed the same rows first")
                .isEqualTo(4);
        assertThat(json(pushed).get("rejected").get(0).get("row").asInt()).isEqualTo(5);

        String nurse = http.personToken("alex.nurse");
        assertThat(http.get(Platform.GATEWAY + "/api/training/staff/10000001", nurse)
                        .statusCode())
                .as("own record")
                .isEqualTo(200);
        assertThat(http.get(Platform.GATEWAY + "/api/training/staff/10000002", nurse)
                        .statusCode())
                .as("a colleague's")
                .isEqualTo(403);

        HttpResponse<String> coverage = http.get(
                Platform.GATEWAY + "/api/policy/policies/SM-001/coverage", http.personToken("morgan.governance"));
        JsonNode acute = null;
        for (JsonNode department : json(coverage).get("departments")) {
            if (department.get("department").asString().equals("Acute Medicine")) {
                acute = department;
            }
        }
        assertThat(acute).as(coverage.body()).isNotNull();
        assertThat(acute.get("activeStaff").asLong()).as("leaver excluded").isEqualTo(2);
    }
}
