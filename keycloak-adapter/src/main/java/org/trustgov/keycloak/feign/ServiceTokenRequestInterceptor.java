package org.trustgov.keycloak.feign;

import feign.RequestInterceptor;
import feign.RequestTemplate;
import java.time.Duration;
import org.springframework.http.HttpHeaders;
import org.springframework.security.oauth2.client.AuthorizedClientServiceOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.ClientCredentialsOAuth2AuthorizedClientProvider;
import org.springframework.security.oauth2.client.InMemoryOAuth2AuthorizedClientService;
import org.springframework.security.oauth2.client.OAuth2AuthorizeRequest;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.endpoint.RestClientClientCredentialsTokenResponseClient;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;

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

    /**
     * An interceptor for a client-credentials registration whose token is kept in memory and replaced once it has
     * less than {@code refreshBeforeExpiry} left.
     */
    public static ServiceTokenRequestInterceptor forRegistration(
            ClientRegistrationRepository registrations, String registrationId, Duration refreshBeforeExpiry) {
        return forRegistration(registrations, registrationId, refreshBeforeExpiry, null);
    }

    /** As above, asking Keycloak with {@code tokens} (time-limited) when given. */
    public static ServiceTokenRequestInterceptor forRegistration(
            ClientRegistrationRepository registrations,
            String registrationId,
            Duration refreshBeforeExpiry,
            RestClientClientCredentialsTokenResponseClient tokens) {
        ClientCredentialsOAuth2AuthorizedClientProvider provider =
                new ClientCredentialsOAuth2AuthorizedClientProvider();
        provider.setClockSkew(refreshBeforeExpiry);
        if (tokens != null) {
            provider.setAccessTokenResponseClient(tokens);
        }
        AuthorizedClientServiceOAuth2AuthorizedClientManager manager =
                new AuthorizedClientServiceOAuth2AuthorizedClientManager(
                        registrations, new InMemoryOAuth2AuthorizedClientService(registrations));
        manager.setAuthorizedClientProvider(provider);
        return new ServiceTokenRequestInterceptor(manager, registrationId);
    }

    @Override
    public void apply(RequestTemplate template) {
        if (template.headers().containsKey(HttpHeaders.AUTHORIZATION)) {
            return; // the call already carries a token chosen on purpose (e.g. a relayed user token)
        }
        OAuth2AuthorizedClient client =
                clients.authorize(OAuth2AuthorizeRequest.withClientRegistrationId(registrationId)
                        .principal(registrationId)
                        .build());
        if (client == null) {
            throw new IllegalStateException("No service token for client registration '" + registrationId + "'");
        }
        template.header(
                HttpHeaders.AUTHORIZATION, "Bearer " + client.getAccessToken().getTokenValue());
    }
}
