package org.trustgov.keycloak.feign;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import feign.RequestTemplate;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.InMemoryClientRegistrationRepository;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.trustgov.keycloak.KeycloakHttp;
import org.trustgov.keycloak.KeycloakProperties;

/** The service token is fetched from the token endpoint once, reused, and replaced shortly before it expires. */
class ServiceTokenRequestInterceptorTest {

    private static final String TOKEN_PATH = "/realms/nhs-trust/protocol/openid-connect/token";
    private WireMockServer keycloak;

    @BeforeEach
    void start() {
        keycloak = new WireMockServer(options().dynamicPort());
        keycloak.start();
    }

    @AfterEach
    void stop() {
        keycloak.stop();
    }

    @Test
    void aCachedTokenIsReusedUntilItNearsExpiry() {
        tokenEndpointAnswers("first-token", 300);
        ServiceTokenRequestInterceptor interceptor = interceptor(Duration.ofSeconds(30));

        RequestTemplate one = new RequestTemplate();
        RequestTemplate two = new RequestTemplate();
        interceptor.apply(one);
        interceptor.apply(two);

        assertThat(one.headers().get("Authorization")).containsExactly("Bearer first-token");
        assertThat(two.headers().get("Authorization")).containsExactly("Bearer first-token");
        keycloak.verify(
                1,
                postRequestedFor(urlEqualTo(TOKEN_PATH)).withRequestBody(containing("grant_type=client_credentials")));
    }

    @Test
    void aTokenWithLessThanTheRefreshMarginLeftIsReplaced() {
        tokenEndpointAnswers("short-lived", 20); // 20 s left is inside the 30 s margin
        ServiceTokenRequestInterceptor interceptor = interceptor(Duration.ofSeconds(30));

        interceptor.apply(new RequestTemplate());
        interceptor.apply(new RequestTemplate());

        keycloak.verify(2, postRequestedFor(urlEqualTo(TOKEN_PATH)));
    }

    @Test
    void aCallThatAlreadyCarriesATokenKeepsIt() {
        tokenEndpointAnswers("service-token", 300);
        RequestTemplate relayed = new RequestTemplate().header("Authorization", "Bearer user-token");

        interceptor(Duration.ofSeconds(30)).apply(relayed);

        assertThat(relayed.headers().get("Authorization")).containsExactly("Bearer user-token");
        keycloak.verify(0, postRequestedFor(urlEqualTo(TOKEN_PATH)));
    }

    @Test
    void aRefusedTokenRequestFailsTheCallInsteadOfSendingItUnauthenticated() {
        keycloak.stubFor(
                post(TOKEN_PATH)
                        .willReturn(
                                aResponse()
                                        .withStatus(401)
                                        .withHeader("Content-Type", "application/json")
                                        .withBody(
                                                "{\"error\":\"unauthorized_client\",\"error_description\":\"Invalid client secret\"}")));

        RequestTemplate call = new RequestTemplate();
        assertThatThrownBy(() -> interceptor(Duration.ofSeconds(30)).apply(call))
                .isInstanceOf(RuntimeException.class);
        assertThat(call.headers()).doesNotContainKey("Authorization");
    }

    @Test
    void aKeycloakThatDoesNotAnswerFailsTheCallWithinTheReadTimeoutInsteadOfHangingIt() {
        keycloak.stubFor(post(TOKEN_PATH)
                .willReturn(aResponse()
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"access_token\":\"late\",\"token_type\":\"Bearer\",\"expires_in\":300}")
                        .withFixedDelay(5000)));
        KeycloakProperties limits = new KeycloakProperties(
                URI.create(keycloak.baseUrl() + "/realms/nhs-trust"),
                null,
                "trust-api",
                Duration.ofSeconds(30),
                new KeycloakProperties.ServiceClient("service", Duration.ofSeconds(30)),
                Duration.ofSeconds(1),
                Duration.ofMillis(500),
                new KeycloakProperties.TokenCache(0, Duration.ZERO),
                List.of());
        ServiceTokenRequestInterceptor interceptor = ServiceTokenRequestInterceptor.forRegistration(
                new InMemoryClientRegistrationRepository(registration()),
                "service",
                Duration.ofSeconds(30),
                KeycloakHttp.clientCredentials(limits));

        long started = System.nanoTime();
        assertThatThrownBy(() -> interceptor.apply(new RequestTemplate())).isInstanceOf(RuntimeException.class);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));
    }

    private void tokenEndpointAnswers(String token, int expiresIn) {
        keycloak.stubFor(post(TOKEN_PATH)
                .willReturn(aResponse()
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"access_token\":\"" + token + "\",\"token_type\":\"Bearer\",\"expires_in\":"
                                + expiresIn + "}")));
    }

    private ClientRegistration registration() {
        return ClientRegistration.withRegistrationId("service")
                .clientId("training-service")
                .clientSecret("secret")
                .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
                .tokenUri(keycloak.baseUrl() + TOKEN_PATH)
                .build();
    }

    private ServiceTokenRequestInterceptor interceptor(Duration refreshBeforeExpiry) {
        return ServiceTokenRequestInterceptor.forRegistration(
                new InMemoryClientRegistrationRepository(registration()), "service", refreshBeforeExpiry);
    }
}
