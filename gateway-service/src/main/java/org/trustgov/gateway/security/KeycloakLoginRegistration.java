package org.trustgov.gateway.security;

import java.net.URI;
import java.util.Map;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.client.endpoint.OAuth2AuthorizationCodeGrantRequest;
import org.springframework.security.oauth2.client.endpoint.OAuth2RefreshTokenGrantRequest;
import org.springframework.security.oauth2.client.endpoint.ReactiveOAuth2AccessTokenResponseClient;
import org.springframework.security.oauth2.client.endpoint.WebClientReactiveAuthorizationCodeTokenResponseClient;
import org.springframework.security.oauth2.client.endpoint.WebClientReactiveRefreshTokenTokenResponseClient;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.InMemoryReactiveClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.ReactiveClientRegistrationRepository;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.oidc.IdTokenClaimNames;
import org.trustgov.keycloak.KeycloakProperties;
import org.trustgov.keycloak.reactive.KeycloakReactiveAutoConfiguration;

/**
 * The Keycloak client registration for browser login, built from the realm URL instead of OIDC discovery, so the
 * gateway starts even while Keycloak is still starting, and the browser-facing and server-facing Keycloak URLs
 * can differ (as they do behind a Kubernetes ingress).
 */
@Configuration(proxyBeanMethods = false)
class KeycloakLoginRegistration {

    static final String REGISTRATION_ID = "keycloak";

    @Bean
    ReactiveClientRegistrationRepository clientRegistrations(KeycloakProperties keycloak, LoginProperties login) {
        String issuer = trim(keycloak.issuerUri());
        String browser = login.browserIssuerUri() != null ? trim(login.browserIssuerUri()) : issuer;
        String oidc = "/protocol/openid-connect";
        ClientRegistration registration = ClientRegistration.withRegistrationId(REGISTRATION_ID)
                .clientId(login.clientId())
                .clientSecret(login.clientSecret())
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .redirectUri("{baseUrl}/login/oauth2/code/{registrationId}")
                .scope("openid", "profile", "email")
                .issuerUri(issuer)
                .authorizationUri(browser + oidc + "/auth")
                .tokenUri(issuer + oidc + "/token")
                .jwkSetUri(keycloak.effectiveJwkSetUri().toString())
                .userInfoUri(issuer + oidc + "/userinfo")
                .userNameAttributeName(IdTokenClaimNames.SUB)
                .providerConfigurationMetadata(Map.of("end_session_endpoint", browser + oidc + "/logout"))
                .clientName("Trust login")
                .build();
        return new InMemoryReactiveClientRegistrationRepository(registration);
    }

    /** The login's code-for-token exchange with Keycloak, time-limited like every call to it. */
    @Bean
    ReactiveOAuth2AccessTokenResponseClient<OAuth2AuthorizationCodeGrantRequest> authorizationCodeTokens(
            KeycloakProperties keycloak) {
        WebClientReactiveAuthorizationCodeTokenResponseClient client =
                new WebClientReactiveAuthorizationCodeTokenResponseClient();
        client.setWebClient(KeycloakReactiveAutoConfiguration.keycloakWebClient(keycloak));
        return client;
    }

    /** Refreshing a signed-in person's access token, time-limited too. */
    @Bean
    ReactiveOAuth2AccessTokenResponseClient<OAuth2RefreshTokenGrantRequest> refreshTokens(KeycloakProperties keycloak) {
        WebClientReactiveRefreshTokenTokenResponseClient client =
                new WebClientReactiveRefreshTokenTokenResponseClient();
        client.setWebClient(KeycloakReactiveAutoConfiguration.keycloakWebClient(keycloak));
        return client;
    }

    private static String trim(URI uri) {
        String s = uri.toString();
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }
}
