package org.trustgov.keycloak.test;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.net.URI;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.trustgov.keycloak.KeycloakProperties;
import org.trustgov.keycloak.KeycloakTokenValidators;

/**
 * Keycloak-shaped access tokens minted in tests, signed with a key generated for the test run, and a decoder
 * that trusts that key but applies exactly the platform's validators (issuer, audience, expiry).
 */
public final class TestTokens {

    public static final String ISSUER = "http://localhost:8180/realms/nhs-trust";
    public static final String AUDIENCE = "trust-api";

    private static final KeyPair KEYS = generate();
    private static final KeyPair OTHER_KEYS = generate();

    private TestTokens() {}

    public static KeycloakProperties properties() {
        return new KeycloakProperties(
                URI.create(ISSUER),
                null,
                AUDIENCE,
                Duration.ofSeconds(30),
                new KeycloakProperties.ServiceClient(null, Duration.ofSeconds(30)),
                Duration.ofSeconds(2),
                Duration.ofSeconds(5),
                new KeycloakProperties.TokenCache(10_000, Duration.ofMinutes(5)),
                List.of());
    }

    /** The public half of the test key (X.509, base64), for a service started in another JVM to trust it. */
    public static String publicKeyBase64() {
        return Base64.getEncoder().encodeToString(KEYS.getPublic().getEncoded());
    }

    /** The decoder a service uses, trusting {@code publicKeyBase64} (from {@link #publicKeyBase64()} of another JVM). */
    public static JwtDecoder decoder(String publicKeyBase64) {
        try {
            RSAPublicKey key = (RSAPublicKey) KeyFactory.getInstance("RSA")
                    .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(publicKeyBase64)));
            NimbusJwtDecoder decoder = NimbusJwtDecoder.withPublicKey(key)
                    .signatureAlgorithm(SignatureAlgorithm.RS256)
                    .build();
            decoder.setJwtValidator(KeycloakTokenValidators.forProperties(properties()));
            return decoder;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The decoder a service uses, with the test key in place of Keycloak's published one. */
    public static JwtDecoder decoder() {
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withPublicKey((RSAPublicKey) KEYS.getPublic())
                .signatureAlgorithm(SignatureAlgorithm.RS256)
                .build();
        decoder.setJwtValidator(KeycloakTokenValidators.forProperties(properties()));
        return decoder;
    }

    /** A person's token as the demo-cli client would get it. */
    public static String person(String username, String staffNumber, String department, String... realmRoles) {
        return builder()
                .claim("preferred_username", username)
                .claim("azp", "demo-cli")
                .claim("staff_number", staffNumber)
                .claim("department", department)
                .claim("realm_access", Map.of("roles", List.of(realmRoles)))
                .sign();
    }

    /** A client's service-account token (client credentials). */
    public static String serviceAccount(String clientId, String... realmRoles) {
        return builder()
                .claim("preferred_username", "service-account-" + clientId)
                .claim("azp", clientId)
                .claim("realm_access", Map.of("roles", List.of(realmRoles)))
                .sign();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Starts from a valid token (issuer, audience, an expiry five minutes ahead) that a test can then spoil. */
    public static final class Builder {
        private final JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .audience(AUDIENCE)
                .subject(UUID.randomUUID().toString())
                .issueTime(Date.from(Instant.now()))
                .expirationTime(Date.from(Instant.now().plusSeconds(300)))
                .jwtID(UUID.randomUUID().toString())
                .claim("typ", "Bearer")
                .claim("scope", "profile email");
        private boolean otherKey;

        public Builder claim(String name, Object value) {
            claims.claim(name, value);
            return this;
        }

        public Builder issuer(String issuer) {
            claims.issuer(issuer);
            return this;
        }

        public Builder audience(String... audience) {
            claims.audience(List.of(audience));
            return this;
        }

        /** Expiry as given; the token is taken to have been issued five minutes before it, as Keycloak would. */
        public Builder expiresAt(Instant expiry) {
            claims.expirationTime(expiry == null ? null : Date.from(expiry));
            if (expiry != null) {
                claims.issueTime(Date.from(expiry.minusSeconds(300)));
            }
            return this;
        }

        public Builder signedByAnotherKey() {
            otherKey = true;
            return this;
        }

        public String sign() {
            try {
                SignedJWT jwt = new SignedJWT(
                        new JWSHeader.Builder(JWSAlgorithm.RS256)
                                .keyID("test-key")
                                .build(),
                        claims.build());
                jwt.sign(new RSASSASigner((RSAPrivateKey) (otherKey ? OTHER_KEYS : KEYS).getPrivate()));
                return jwt.serialize();
            } catch (JOSEException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private static KeyPair generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
