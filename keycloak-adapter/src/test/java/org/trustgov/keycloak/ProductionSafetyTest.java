package org.trustgov.keycloak;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.mock.env.MockEnvironment;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.trustgov.keycloak.test.TestTokens;

class ProductionSafetyTest {

    private final ProductionSafety safety = new ProductionSafety();

    /** A service as start.sh runs it, with every local default. */
    private static MockEnvironment localDefaults() {
        MockEnvironment environment = new MockEnvironment()
                .withProperty("trustgov.mongodb.embedded.enabled", "true")
                .withProperty("spring.mongodb.uri", "")
                .withProperty("trustgov.keycloak.issuer-uri", "http://localhost:8180/realms/nhs-trust")
                .withProperty(
                        "spring.security.oauth2.client.registration.service.client-secret", "policy-service-secret")
                .withProperty("trustgov.witness.log-verifier-key", "");
        return environment;
    }

    @Test
    void withoutTheProdProfileNothingIsCheckedOrChanged() {
        MockEnvironment environment = localDefaults();

        safety.postProcessEnvironment(environment, new SpringApplication());

        assertThat(environment.getProperty("trustgov.keycloak.refused-clients")).isNull();
        assertThat(environment.getProperty("logging.structured.format.console")).isNull();
    }

    @Test
    void theProdProfileRefusesEveryLocalDefaultOneLineEachNamingTheVariable() {
        MockEnvironment environment = localDefaults();
        environment.setActiveProfiles("prod");

        assertThatThrownBy(() -> safety.postProcessEnvironment(environment, new SpringApplication()))
                .isInstanceOfSatisfying(
                        UnsafeProductionSettingsException.class,
                        e -> assertThat(e.refusals())
                                .hasSize(5)
                                .anySatisfy(line ->
                                        assertThat(line).startsWith("TRUSTGOV_MONGODB_EMBEDDED_ENABLED is true"))
                                .anySatisfy(line -> assertThat(line).startsWith("MONGODB_URI is not set"))
                                .anySatisfy(
                                        line -> assertThat(line).startsWith("KEYCLOAK_ISSUER_URI is the local default"))
                                .anySatisfy(line ->
                                        assertThat(line).startsWith("SERVICE_CLIENT_SECRET is the demo realm's secret"))
                                .anySatisfy(
                                        line -> assertThat(line).startsWith("TRUSTGOV_WITNESS_LOG_KEY is not set")));
    }

    @Test
    void theGatewaysDemoSecretIsRefusedToo() {
        MockEnvironment environment = new MockEnvironment()
                .withProperty("trustgov.keycloak.issuer-uri", "https://login.trust.example.nhs.uk/realms/nhs-trust")
                .withProperty("trustgov.login.client-secret", "gateway-secret");
        environment.setActiveProfiles("prod");

        assertThatThrownBy(() -> safety.postProcessEnvironment(environment, new SpringApplication()))
                .isInstanceOfSatisfying(
                        UnsafeProductionSettingsException.class,
                        e -> assertThat(e.refusals())
                                .containsExactly(
                                        "GATEWAY_CLIENT_SECRET is the demo realm's secret: set the client's secret from the trust's secret store"));
    }

    @Test
    void reminderMailGoesToAnotherHostOnlyOverTls() {
        MockEnvironment plain = new MockEnvironment()
                .withProperty("trustgov.keycloak.issuer-uri", "https://login.trust.example.nhs.uk/realms/nhs-trust")
                .withProperty("spring.mail.host", "smtp.trust.example.nhs.uk")
                .withProperty("spring.mail.properties[mail.smtp.starttls.required]", "false");
        plain.setActiveProfiles("prod");
        assertThatThrownBy(() -> safety.postProcessEnvironment(plain, new SpringApplication()))
                .isInstanceOfSatisfying(
                        UnsafeProductionSettingsException.class,
                        e -> assertThat(e.refusals())
                                .singleElement()
                                .asString()
                                .startsWith("SMTP_HOST smtp.trust.example.nhs.uk would be sent plain SMTP"));

        for (String tls : List.of("mail.smtp.starttls.required", "mail.smtp.ssl.enable")) {
            MockEnvironment safe = new MockEnvironment()
                    .withProperty("trustgov.keycloak.issuer-uri", "https://login.trust.example.nhs.uk/realms/nhs-trust")
                    .withProperty("spring.mail.host", "smtp.trust.example.nhs.uk")
                    .withProperty("spring.mail.properties[" + tls + "]", "true");
            safe.setActiveProfiles("prod");
            safety.postProcessEnvironment(safe, new SpringApplication());
        }
        MockEnvironment sidecar = new MockEnvironment()
                .withProperty("trustgov.keycloak.issuer-uri", "https://login.trust.example.nhs.uk/realms/nhs-trust")
                .withProperty("spring.mail.host", "localhost");
        sidecar.setActiveProfiles("prod");
        safety.postProcessEnvironment(sidecar, new SpringApplication());
    }

    @Test
    void aSafeProductionSetupStartsRefusesTheDemoClientsTokensAndLogsJson() {
        MockEnvironment environment = new MockEnvironment()
                .withProperty("trustgov.mongodb.embedded.enabled", "false")
                .withProperty("spring.mongodb.uri", "mongodb://mongo-0,mongo-1,mongo-2/policy?replicaSet=rs0")
                .withProperty("trustgov.keycloak.issuer-uri", "https://login.trust.example.nhs.uk/realms/nhs-trust")
                .withProperty("spring.security.oauth2.client.registration.service.client-secret", "c2f1a9e7d4b8")
                .withProperty("trustgov.witness.log-verifier-key", "trust.example.nhs.uk/audit-log+1234abcd+AAAA");
        environment.setActiveProfiles("prod");

        safety.postProcessEnvironment(environment, new SpringApplication());

        assertThat(environment.getProperty("trustgov.keycloak.refused-clients")).isEqualTo("demo-cli");
        assertThat(environment.getProperty("logging.structured.format.console")).isEqualTo("ecs");
    }

    @Test
    void aRefusedClientsTokenIsInvalidWhateverElseItCarries() {
        Jwt demo = Jwt.withTokenValue("t")
                .header("alg", "RS256")
                .claim("azp", "demo-cli")
                .build();
        Jwt gateway = Jwt.withTokenValue("t")
                .header("alg", "RS256")
                .claim("azp", "gateway")
                .build();

        OAuth2TokenValidatorResult refused =
                KeycloakTokenValidators.refusedClients(List.of("demo-cli")).validate(demo);

        assertThat(refused.hasErrors()).isTrue();
        assertThat(refused.getErrors().iterator().next().getDescription()).contains("'demo-cli'");
        assertThat(KeycloakTokenValidators.refusedClients(List.of("demo-cli"))
                        .validate(gateway)
                        .hasErrors())
                .isFalse();
        assertThat(KeycloakTokenValidators.forProperties(TestTokens.properties())
                        .validate(demo)
                        .getErrors())
                .noneMatch(error -> error.getDescription().contains("demo-cli"));
    }
}
