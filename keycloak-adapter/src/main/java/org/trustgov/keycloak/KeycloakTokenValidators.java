package org.trustgov.keycloak;

import java.util.List;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;

/**
 * The checks every platform application applies to an access token after its signature: it must come from the
 * configured realm (issuer), be meant for the platform's API (audience), carry an expiry and not be expired.
 */
public final class KeycloakTokenValidators {

    private KeycloakTokenValidators() {}

    public static OAuth2TokenValidator<Jwt> forProperties(KeycloakProperties properties) {
        return new DelegatingOAuth2TokenValidator<>(List.of(
                expiryRequired(),
                new JwtTimestampValidator(properties.clockSkew()),
                new JwtIssuerValidator(properties.issuerUri().toString()),
                audience(properties.audience()),
                refusedClients(properties.refusedClients())));
    }

    /** A token issued to one of these clients ({@code azp}) is refused, e.g. the demo password-grant client in production. */
    static OAuth2TokenValidator<Jwt> refusedClients(List<String> refused) {
        return jwt -> {
            String client = jwt.getClaimAsString("azp");
            return client != null && refused.contains(client)
                    ? OAuth2TokenValidatorResult.failure(new OAuth2Error(
                            OAuth2ErrorCodes.INVALID_TOKEN,
                            "Tokens of the client '" + client + "' are not accepted here",
                            null))
                    : OAuth2TokenValidatorResult.success();
        };
    }

    static OAuth2TokenValidator<Jwt> expiryRequired() {
        return jwt -> jwt.getExpiresAt() != null
                ? OAuth2TokenValidatorResult.success()
                : OAuth2TokenValidatorResult.failure(
                        new OAuth2Error(OAuth2ErrorCodes.INVALID_TOKEN, "The token has no expiry (exp)", null));
    }

    static OAuth2TokenValidator<Jwt> audience(String required) {
        return jwt -> jwt.getAudience() != null && jwt.getAudience().contains(required)
                ? OAuth2TokenValidatorResult.success()
                : OAuth2TokenValidatorResult.failure(new OAuth2Error(
                        OAuth2ErrorCodes.INVALID_TOKEN,
                        "The token is not meant for this API: audience '" + required + "' is missing",
                        null));
    }
}
