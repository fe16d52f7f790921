package org.trustgov.keycloak;

import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.http.converter.FormHttpMessageConverter;
import org.springframework.security.oauth2.client.endpoint.RestClientClientCredentialsTokenResponseClient;
import org.springframework.security.oauth2.client.http.OAuth2ErrorResponseErrorHandler;
import org.springframework.security.oauth2.core.http.converter.OAuth2AccessTokenResponseHttpMessageConverter;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestTemplate;

/**
 * HTTP to Keycloak with explicit time limits ({@code trustgov.keycloak.connect-timeout}, {@code read-timeout}): the
 * realm's signing keys and the token endpoint. The libraries' defaults wait without end, so a Keycloak that stops
 * answering would hang every request that needs a key or a token.
 */
public final class KeycloakHttp {

    private KeycloakHttp() {}

    static SimpleClientHttpRequestFactory requestFactory(KeycloakProperties properties) {
        SimpleClientHttpRequestFactory factory = new SimpleClientHttpRequestFactory();
        factory.setConnectTimeout(properties.connectTimeout());
        factory.setReadTimeout(properties.readTimeout());
        return factory;
    }

    /** For fetching the realm's keys (the JWK set). */
    public static RestTemplate keys(KeycloakProperties properties) {
        return new RestTemplate(requestFactory(properties));
    }

    /** A client-credentials token client that waits at most the configured times. */
    public static RestClientClientCredentialsTokenResponseClient clientCredentials(KeycloakProperties properties) {
        RestClientClientCredentialsTokenResponseClient client = new RestClientClientCredentialsTokenResponseClient();
        client.setRestClient(RestClient.builder()
                .requestFactory(requestFactory(properties))
                .messageConverters(converters -> {
                    converters.clear();
                    converters.add(new FormHttpMessageConverter());
                    converters.add(new OAuth2AccessTokenResponseHttpMessageConverter());
                })
                .defaultStatusHandler(new OAuth2ErrorResponseErrorHandler())
                .build());
        return client;
    }
}
