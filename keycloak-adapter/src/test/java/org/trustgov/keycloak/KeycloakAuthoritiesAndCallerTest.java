package org.trustgov.keycloak;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.trustgov.keycloak.test.TestTokens;

class KeycloakAuthoritiesAndCallerTest {

    private Jwt decode(String token) {
        return TestTokens.decoder().decode(token);
    }

    @Test
    void realmRolesClientRolesAndScopesBecomeAuthorities() {
        Jwt jwt = decode(TestTokens.builder()
                .claim("realm_access", Map.of("roles", List.of("staff", "governance")))
                .claim("resource_access", Map.of("training-service", Map.of("roles", List.of("governance"))))
                .sign());

        assertThat(new KeycloakAuthoritiesConverter().convert(jwt))
                .extracting(GrantedAuthority::getAuthority)
                .containsExactlyInAnyOrder(
                        "ROLE_staff",
                        "ROLE_governance",
                        "ROLE_training-service:governance",
                        "SCOPE_profile",
                        "SCOPE_email");
    }

    @Test
    void missingOrMisshapenRoleClaimsMeanNoRoles() {
        Jwt jwt = decode(TestTokens.builder()
                .claim("realm_access", "staff")
                .claim("resource_access", Map.of("x", "y"))
                .claim("scope", "")
                .sign());

        assertThat(new KeycloakAuthoritiesConverter().convert(jwt)).isEmpty();
    }

    @Test
    void aPersonIsNamedByUsernameAndCarriesStaffNumberAndDepartment() {
        Jwt jwt = decode(TestTokens.person("chris.manager", "10000005", "Acute Medicine", "staff", "line-manager"));

        Caller caller = Caller.from(jwt);

        assertThat(caller.username()).isEqualTo("chris.manager");
        assertThat(caller.staffNumber()).isEqualTo("10000005");
        assertThat(caller.department()).isEqualTo("Acute Medicine");
        assertThat(caller.realmRoles()).containsExactlyInAnyOrder("staff", "line-manager");
        assertThat(caller.isPerson()).isTrue();
        assertThat(caller.hasRole("line-manager")).isTrue();
        assertThat(caller.hasRole("governance")).isFalse();
        assertThat(caller.logName()).isEqualTo("staff:10000005");
        assertThat(new KeycloakJwtAuthenticationConverter().convert(jwt).getName())
                .isEqualTo("chris.manager");
    }

    @Test
    void twoPeopleWithoutAStaffNumberAreNeverOneIdentity() {
        Caller first = Caller.from(decode(TestTokens.builder()
                .claim("sub", "0b6f-aa")
                .claim("preferred_username", "ext.auditor1")
                .claim("azp", "trustgov-gateway")
                .sign()));
        Caller second = Caller.from(decode(TestTokens.builder()
                .claim("sub", "77c1-bb")
                .claim("preferred_username", "ext.auditor2")
                .claim("azp", "trustgov-gateway")
                .sign()));

        assertThat(first.logName()).isEqualTo("person:0b6f-aa");
        assertThat(second.logName()).isNotEqualTo(first.logName()).doesNotContain("unknown");
    }

    @Test
    void aServiceAccountIsRecognisedAndNeverPassesForAPerson() {
        // Even if a mapper put person claims on it, a service account has no staff number.
        Jwt jwt = decode(TestTokens.builder()
                .claim("preferred_username", "service-account-hr-system")
                .claim("azp", "hr-system")
                .claim("staff_number", "10000001")
                .claim("realm_access", Map.of("roles", List.of("hr-integration")))
                .sign());

        Caller caller = Caller.from(jwt);

        assertThat(caller.serviceAccount()).isTrue();
        assertThat(caller.clientId()).isEqualTo("hr-system");
        assertThat(caller.staffNumber()).isNull();
        assertThat(caller.logName()).isEqualTo("client:hr-system");
    }

    @Test
    void aPersonNamedLikeAServiceAccountOfAnotherClientIsStillAPerson() {
        Jwt jwt = decode(TestTokens.builder()
                .claim("preferred_username", "service-account-hr-system")
                .claim("azp", "demo-cli")
                .claim("staff_number", "10000009")
                .sign());

        assertThat(Caller.from(jwt).serviceAccount()).isFalse();
    }
}
