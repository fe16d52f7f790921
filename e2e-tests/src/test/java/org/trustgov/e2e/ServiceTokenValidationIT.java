package org.trustgov.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.net.http.HttpResponse;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateKey;
import java.text.ParseException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Straight to a service, past the gateway: each service checks tokens itself, so a token the gateway might let
 * through is still refused there. Each refused token has a positive control: the same kind of token, valid, is
 * accepted, so the 401 is about the one property under test.
 */
@StartedPlatform
class ServiceTokenValidationIT {

    private static final String POLICIES = "http://localhost:" + Platform.POLICY_PORT + "/api/policy/policies";
    private final Http http = new Http();

    @Test
    void aValidTokenIsAcceptedDirectlyByTheService() {
        assertThat(http.get(POLICIES, http.personToken("alex.nurse")).statusCode())
                .isEqualTo(200);
    }

    @Test
    void aRealKeycloakTokenForAnotherAudienceIsRefused() {
        // admin-cli is Keycloak's own client in every realm; its tokens do not carry the trust-api audience.
        String token = http.personToken("admin-cli", "alex.nurse");

        HttpResponse<String> response = http.get(POLICIES, token);

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate"))
                .hasValueSatisfying(v -> assertThat(v).contains("invalid_token").contains("audience"));
    }

    @Test
    void anExpiredRealTokenIsRefused() {
        String token = shortLivedToken();
        assertThat(http.get(POLICIES, token).statusCode()).as("while fresh").isEqualTo(200);

        await().atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> http.get(POLICIES, token).statusCode() == 401);

        HttpResponse<String> response = http.get(POLICIES, token);
        assertThat(response.headers().firstValue("WWW-Authenticate"))
                .hasValueSatisfying(v -> assertThat(v).contains("invalid_token").containsIgnoringCase("expired"));
    }

    @Test
    void aTokenWithGenuineClaimsSignedByAnotherKeyIsRefused() throws Exception {
        SignedJWT genuine = SignedJWT.parse(http.personToken("morgan.governance"));
        String forged = resign(genuine);

        assertThat(http.get(POLICIES, genuine.serialize()).statusCode())
                .as("genuine")
                .isEqualTo(200);
        assertThat(http.get(POLICIES, forged).statusCode()).as("forged").isEqualTo(401);
    }

    /** Re-signs the real token's header and claims with a key Keycloak never published. */
    private static String resign(SignedJWT genuine) throws ParseException, JOSEException, Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        RSAPrivateKey otherKey = (RSAPrivateKey) generator.generateKeyPair().getPrivate();
        JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.RS256)
                .keyID(genuine.getHeader().getKeyID())
                .build();
        SignedJWT forged = new SignedJWT(
                header, JWTClaimsSet.parse(genuine.getJWTClaimsSet().toJSONObject()));
        forged.sign(new RSASSASigner(otherKey));
        return forged.serialize();
    }

    /**
     * A real token that lives 2 seconds: a throw-away client created through Keycloak's admin API with a short
     * access-token lifespan (and the API audience, so expiry is the only thing wrong with it later).
     */
    private String shortLivedToken() {
        HttpResponse<String> adminLogin = http.postForm(
                Platform.KEYCLOAK + "/realms/master/protocol/openid-connect/token",
                Map.of("grant_type", "password", "client_id", "admin-cli", "username", "admin", "password", "admin"));
        String admin = Http.json(adminLogin).get("access_token").asString();
        Map<String, Object> client = Map.of(
                "clientId",
                "e2e-short-lived",
                "publicClient",
                true,
                "directAccessGrantsEnabled",
                true,
                "standardFlowEnabled",
                false,
                "attributes",
                Map.of("access.token.lifespan", "2"),
                "protocolMappers",
                List.of(Map.of(
                        "name",
                        "audience",
                        "protocol",
                        "openid-connect",
                        "protocolMapper",
                        "oidc-audience-mapper",
                        "config",
                        Map.of("included.custom.audience", "trust-api", "access.token.claim", "true"))));
        int created = http.postJson(Platform.KEYCLOAK + "/admin/realms/nhs-trust/clients", admin, client)
                .statusCode();
        assertThat(created).as("creating the short-lived client").isIn(201, 409);
        return http.personToken("e2e-short-lived", "alex.nurse");
    }
}
