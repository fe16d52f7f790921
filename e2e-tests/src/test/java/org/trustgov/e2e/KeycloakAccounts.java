package org.trustgov.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.trustgov.e2e.Http.json;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/** People the demo realm does not have, made through Keycloak's admin API for one test, as a trust's IdM would. */
final class KeycloakAccounts {

    private KeycloakAccounts() {}

    /** Creates a person with the demo password and the given realm roles; answers their Keycloak user id. */
    static String create(
            Http http,
            String username,
            String firstName,
            String lastName,
            String email,
            String staffNumber,
            String department,
            String... realmRoles) {
        HttpResponse<String> adminLogin = http.postForm(
                Platform.KEYCLOAK + "/realms/master/protocol/openid-connect/token",
                Map.of("grant_type", "password", "client_id", "admin-cli", "username", "admin", "password", "admin"));
        String admin = json(adminLogin).get("access_token").asString();
        HttpResponse<String> created = http.postJson(
                Platform.KEYCLOAK + "/admin/realms/nhs-trust/users",
                admin,
                Map.of(
                        "username",
                        username,
                        "enabled",
                        true,
                        "emailVerified",
                        true,
                        "firstName",
                        firstName,
                        "lastName",
                        lastName,
                        "email",
                        email,
                        "attributes",
                        Map.of("staff_number", List.of(staffNumber), "department", List.of(department)),
                        "credentials",
                        List.of(Map.of("type", "password", "value", Http.PASSWORD, "temporary", false))));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String location = created.headers().firstValue("Location").orElseThrow();
        for (String role : realmRoles) {
            JsonNode realmRole = json(http.get(Platform.KEYCLOAK + "/admin/realms/nhs-trust/roles/" + role, admin));
            assertThat(http.postJson(
                                    location + "/role-mappings/realm",
                                    admin,
                                    List.of(Map.of("id", realmRole.get("id").asString(), "name", role)))
                            .statusCode())
                    .isEqualTo(204);
        }
        return location.substring(location.lastIndexOf('/') + 1);
    }
}
