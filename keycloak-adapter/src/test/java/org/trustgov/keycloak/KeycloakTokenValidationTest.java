package org.trustgov.keycloak;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidationException;
import org.trustgov.keycloak.test.TestTokens;

class KeycloakTokenValidationTest {

    private final JwtDecoder decoder = TestTokens.decoder();

    @Test
    void acceptsATokenFromTheRealmForTheApi() {
        Jwt jwt = decoder.decode(TestTokens.person("alex.nurse", "10000001", "Acute Medicine", "staff"));

        assertThat(jwt.getClaimAsString("preferred_username")).isEqualTo("alex.nurse");
    }

    @Test
    void refusesATokenForAnotherAudience() {
        String token = TestTokens.builder().audience("account").sign();

        assertThatThrownBy(() -> decoder.decode(token))
                .isInstanceOf(JwtValidationException.class)
                .hasMessageContaining("audience 'trust-api' is missing");
    }

    @Test
    void refusesATokenFromAnotherIssuer() {
        String token = TestTokens.builder()
                .issuer("http://localhost:8180/realms/master")
                .sign();

        assertThatThrownBy(() -> decoder.decode(token))
                .isInstanceOf(JwtValidationException.class)
                .hasMessageContaining("iss");
    }

    @Test
    void refusesAnExpiredTokenBeyondTheClockSkew() {
        String token =
                TestTokens.builder().expiresAt(Instant.now().minusSeconds(31)).sign();

        assertThatThrownBy(() -> decoder.decode(token))
                .isInstanceOf(JwtValidationException.class)
                .hasMessageContaining("expired");
    }

    @Test
    void toleratesExpiryWithinTheClockSkew() {
        String token =
                TestTokens.builder().expiresAt(Instant.now().minusSeconds(5)).sign();

        assertThat(decoder.decode(token).getExpiresAt()).isBefore(Instant.now());
    }

    @Test
    void refusesATokenWithoutExpiry() {
        String token = TestTokens.builder().expiresAt(null).sign();

        assertThatThrownBy(() -> decoder.decode(token))
                .isInstanceOf(JwtValidationException.class)
                .hasMessageContaining("no expiry");
    }

    @Test
    void refusesATokenSignedByAnotherKey() {
        String token = TestTokens.builder().signedByAnotherKey().sign();

        assertThatThrownBy(() -> decoder.decode(token))
                .isInstanceOf(BadJwtException.class)
                .hasMessageContaining("signature");
    }

    @Test
    void derivesTheJwkSetFromTheIssuerUnlessConfigured() {
        assertThat(TestTokens.properties().effectiveJwkSetUri())
                .hasToString("http://localhost:8180/realms/nhs-trust/protocol/openid-connect/certs");
    }
}
