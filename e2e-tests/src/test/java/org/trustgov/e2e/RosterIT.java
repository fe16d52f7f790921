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
        List<Map<String, Object>> roster = List.of(
                Map.of("staffNumber", "10000001", "name", "Alex Carter", "department", "Acute Medicine", "staffGroup", "Nursing and Midwifery Registered", "registrationBody", "NMC", "registrationNumber", "12A3456E"),
                Map.of("staffNumber", "10000005", "name", "Chris Okafor", "department", "Acute Medicine", "staffGroup", "Nursing and Midwifery Registered"),
                Map.of("staffNumber", "10000009", "name", "Sam Leaver", "department", "Acute Medicine", "staffGroup", "Nursing and Midwifery Registered", "active", false, "leavingDate", "2026-10-31"),
                Map.of("staffNumber", "10000002", "name", "Priya Shah", "department", "Emergency Department", "staffGroup", "Medical and Dental"),
                Map.of("staffNumber", "123", "name", "Bad Row", "department", "Acute Medicine", "staffGroup", "Nursing"));

        HttpResponse<String> pushed = http.postJson(Platform.GATEWAY + "/api/training/staff", hr, roster);

        assertThat(pushed.statusCode()).isEqualTo(200);
        assertThat(json(pushed).get("inserted").asInt()).isEqualTo(4);
        assertThat(json(pushed).get("rejected").get(0).get("row").asInt()).isEqualTo(5);

        String nurse = http.personToken("alex.nurse");
        assertThat(http.get(Platform.GATEWAY + "/api/training/staff/10000001", nurse).statusCode()).as("own record").isEqualTo(200);
        assertThat(http.get(Platform.GATEWAY + "/api/training/staff/10000002", nurse).statusCode()).as("a colleague's").isEqualTo(403);

        HttpResponse<String> coverage = http.get(Platform.GATEWAY + "/api/policy/policies/SM-001/coverage",
                http.personToken("morgan.governance"));
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
