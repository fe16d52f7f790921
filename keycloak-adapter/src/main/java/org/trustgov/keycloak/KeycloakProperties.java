package org.trustgov.keycloak;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How a platform application trusts Keycloak tokens ({@code trustgov.keycloak.*}).
 *
 * @param issuerUri   the realm's issuer, e.g. {@code http://localhost:8180/realms/nhs-trust}; tokens from any
 *                    other issuer are refused
 * @param jwkSetUri   where the realm's signing keys are published; defaults to the issuer's
 *                    {@code /protocol/openid-connect/certs}
 * @param audience    the audience every accepted access token must carry (the realm's audience mapper adds it)
 * @param clockSkew   tolerance when checking {@code exp} and {@code nbf}
 * @param serviceClient the Spring Security OAuth2 client registration this application uses for its own
 *                    client-credentials token when it calls another service
 * @param connectTimeout how long connecting to Keycloak (its keys, its token endpoint) may take
 * @param readTimeout    how long Keycloak may take to answer; a call never hangs on it
 * @param tokenCache     how many validated tokens each application remembers, and for how long ({@code max-size}
 *                       0 turns it off)
 * @param refusedClients clients ({@code azp}) whose tokens are refused whatever else they carry; the {@code prod}
 *                       profile refuses {@code demo-cli}, the password-grant client for demos and tests
 */
@ConfigurationProperties("trustgov.keycloak")
public record KeycloakProperties(
        URI issuerUri,
        URI jwkSetUri,
        @DefaultValue("trust-api") String audience,
        @DefaultValue("30s") Duration clockSkew,
        @DefaultValue ServiceClient serviceClient,
        @DefaultValue("2s") Duration connectTimeout,
        @DefaultValue("5s") Duration readTimeout,
        @DefaultValue TokenCache tokenCache,
        List<String> refusedClients) {

    public KeycloakProperties {
        if (issuerUri == null) {
            throw new IllegalArgumentException("trustgov.keycloak.issuer-uri must be set (the realm's issuer URL)");
        }
        refusedClients = refusedClients == null ? List.of() : List.copyOf(refusedClients);
        if (audience == null || audience.isBlank()) {
            throw new IllegalArgumentException("trustgov.keycloak.audience must not be blank");
        }
        if (connectTimeout == null
                || readTimeout == null
                || connectTimeout.isNegative()
                || connectTimeout.isZero()
                || readTimeout.isNegative()
                || readTimeout.isZero()) {
            throw new IllegalArgumentException("trustgov.keycloak.connect-timeout and read-timeout must be positive");
        }
    }

    /** The JWK set URI, derived from the issuer when not configured. */
    public URI effectiveJwkSetUri() {
        if (jwkSetUri != null) {
            return jwkSetUri;
        }
        String issuer = issuerUri.toString();
        return URI.create((issuer.endsWith("/") ? issuer : issuer + "/") + "protocol/openid-connect/certs");
    }

    /**
     * @param maxSize tokens remembered at most (0 turns the cache off: every request is verified in full)
     * @param maxAge  the longest a token is remembered, however long it has left to live
     */
    public record TokenCache(
            @DefaultValue("10000") int maxSize,
            @DefaultValue("5m") Duration maxAge) {
        public TokenCache {
            if (maxSize < 0 || maxAge == null || maxAge.isNegative()) {
                throw new IllegalArgumentException(
                        "trustgov.keycloak.token-cache.max-size and max-age must not be negative");
            }
        }

        public boolean enabled() {
            return maxSize > 0 && !maxAge.isZero();
        }
    }

    /**
     * @param registrationId       id under {@code spring.security.oauth2.client.registration}; blank disables the
     *                             service-token interceptor
     * @param refreshBeforeExpiry  a cached token is replaced when it has less than this left to live
     */
    public record ServiceClient(
            String registrationId, @DefaultValue("30s") Duration refreshBeforeExpiry) {
        public boolean enabled() {
            return registrationId != null && !registrationId.isBlank();
        }
    }
}
