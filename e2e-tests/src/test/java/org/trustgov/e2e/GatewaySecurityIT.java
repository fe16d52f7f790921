package org.trustgov.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.trustgov.e2e.Http.json;

import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Through the gateway, with real tokens from the real Keycloak: who may reach what. */
@StartedPlatform
class GatewaySecurityIT {

    private final Http http = new Http();

    @Test
    void anApiPathWithoutATokenGets401WithABearerChallengeAndAProblemBodyNotARedirect() {
        HttpResponse<String> response = http.get(Platform.GATEWAY + "/api/policy/policies", null);

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate"))
                .hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
        assertThat(response.headers().firstValue("Content-Type")).contains("application/problem+json");
        assertThat(json(response).get("status").asInt()).isEqualTo(401);
        assertThat(json(response).get("instance").asString()).isEqualTo("/api/policy/policies");
    }

    @Test
    void aStaffMemberReadsThePolicies() {
        HttpResponse<String> response =
                http.get(Platform.GATEWAY + "/api/policy/policies", http.personToken("alex.nurse"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json(response).has("content")).isTrue();
    }

    @Test
    void aStaffMemberIsRefusedTheGovernanceOnlyIncidentList() {
        HttpResponse<String> response =
                http.get(Platform.GATEWAY + "/api/audit/incidents", http.personToken("priya.doctor"));

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(json(response).get("title").asString()).isEqualTo("Forbidden");
    }

    @Test
    void governanceAndTheAuditorReadIncidents() {
        assertThat(http.get(Platform.GATEWAY + "/api/audit/incidents", http.personToken("morgan.governance"))
                        .statusCode())
                .isEqualTo(200);
        assertThat(http.get(Platform.GATEWAY + "/api/audit/incidents", http.personToken("taylor.auditor"))
                        .statusCode())
                .isEqualTo(200);
    }

    @Test
    void theHrSystemsClientCredentialsTokenIsAcceptedOnTheRosterAndNowhereItHasNoRole() {
        String hr = http.clientToken("hr-system", "hr-system-secret");

        assertThat(http.get(Platform.GATEWAY + "/api/training/staff", hr).statusCode())
                .isEqualTo(200);
        assertThat(http.get(Platform.GATEWAY + "/api/audit/incidents", hr).statusCode())
                .isEqualTo(403);
    }

    @Test
    void aStaffMemberCannotReadTheRoster() {
        assertThat(http.get(Platform.GATEWAY + "/api/training/staff", http.personToken("alex.nurse"))
                        .statusCode())
                .isEqualTo(403);
    }

    @Test
    void anUnknownApiPathIs404WithAProblemBody() {
        HttpResponse<String> response =
                http.get(Platform.GATEWAY + "/api/policy/no-such-thing", http.personToken("alex.nurse"));

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("Content-Type")).contains("application/problem+json");
    }

    @Test
    void theGatewayKeepsAWellFormedRequestIdAndMakesOneWhenAbsent() {
        String token = http.personToken("alex.nurse");

        HttpResponse<String> given =
                http.get(Platform.GATEWAY + "/api/policy/policies", token, Map.of("X-Request-Id", "e2e-req-42"));
        HttpResponse<String> absent = http.get(Platform.GATEWAY + "/api/policy/policies", token);
        HttpResponse<String> hostile = http.get(
                Platform.GATEWAY + "/api/policy/policies", token, Map.of("X-Request-Id", "bad id with spaces"));

        assertThat(given.headers().firstValue("X-Request-Id")).contains("e2e-req-42");
        assertThat(absent.headers().firstValue("X-Request-Id"))
                .hasValueSatisfying(id -> assertThat(id).hasSize(36));
        assertThat(hostile.headers().firstValue("X-Request-Id"))
                .hasValueSatisfying(id -> assertThat(id).doesNotContain(" "));
    }

    @Test
    void eachServicePublishesItsOpenApiDocumentThroughTheGateway() {
        for (String service : new String[] {"policy", "training", "audit", "witness"}) {
            HttpResponse<String> response = http.get(Platform.GATEWAY + "/api/" + service + "/v3/api-docs", null);
            assertThat(response.statusCode()).as(service).isEqualTo(200);
            assertThat(json(response)
                            .get("paths")
                            .has("/api/" + service + "/"
                                    + switch (service) {
                                        case "policy" -> "policies";
                                        case "training" -> "staff";
                                        case "witness" -> "add-checkpoint";
                                        default -> "incidents";
                                    }))
                    .as(service)
                    .isTrue();
        }
        assertThat(http.get(Platform.GATEWAY + "/swagger-ui.html", null).statusCode())
                .isIn(200, 302);
    }
}
