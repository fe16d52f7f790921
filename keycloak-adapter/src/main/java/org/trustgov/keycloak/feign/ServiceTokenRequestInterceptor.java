package org.trustgov.keycloak.feign;

import feign.RequestInterceptor;
import feign.RequestTemplate;

import org.springframework.http.HttpHeaders;
import org.springframework.security.oauth2.client.OAuth2AuthorizeRequest;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientManager;

/**
 * Attaches this service's own client-credentials access token to every Feign call, so the receiving service
 * can tell which service is calling (role {@code service}, {@code azp}). Tokens come from Spring Security's
 * {@link OAuth2AuthorizedClientManager}, which keeps the token and only asks Keycloak again when it is about to
 * expire; a call never waits for a token fetch while a good one is cached.
 */
public class ServiceTokenRequestInterceptor implements RequestInterceptor {

    private final OAuth2AuthorizedClientManager clients;
    private final String registrationId;

    public ServiceTokenRequestInterceptor(OAuth2AuthorizedClientManager clients, String registrationId) {
        this.clients = clients;
        this.registrationId = registrationId;
    }

    @Override
    public void apply(RequestTemplate template) {
        if (template.headers().containsKey(HttpHeaders.AUTHORIZATION)) {
            return; // the call already carries a token chosen on purpose (e.g. a relayed user token)
        }
        OAuth2AuthorizedClient client = clients.authorize(OAuth2AuthorizeRequest
                .withClientRegistrationId(registrationId)
                .principal(registrationId)
                .build());
        if (client == null) {
            throw new IllegalStateException("No service token for client registration '" + registrationId + "'");
        }
        template.header(HttpHeaders.AUTHORIZATION, "Bearer " + client.getAccessToken().getTokenValue());
    }
}
