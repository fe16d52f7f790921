package org.trustgov.keycloak.reactive;

import io.netty.channel.ChannelOption;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.ReactiveJwtAuthenticationConverterAdapter;
import org.springframework.web.reactive.function.client.WebClient;
import org.trustgov.keycloak.KeycloakJwtAuthenticationConverter;
import org.trustgov.keycloak.KeycloakProperties;
import org.trustgov.keycloak.KeycloakTokenValidators;
import org.trustgov.keycloak.ValidatedTokenCache;
import reactor.netty.http.client.HttpClient;

/** WebFlux applications (the gateway): the same token checks and role mapping as the servlet services. */
@AutoConfiguration(
        beforeName =
                "org.springframework.boot.security.oauth2.server.resource.autoconfigure.reactive.ReactiveOAuth2ResourceServerAutoConfiguration")
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
@EnableConfigurationProperties(KeycloakProperties.class)
public class KeycloakReactiveAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    ReactiveJwtDecoder keycloakReactiveJwtDecoder(KeycloakProperties properties) {
        NimbusReactiveJwtDecoder decoder = NimbusReactiveJwtDecoder.withJwkSetUri(
                        properties.effectiveJwkSetUri().toString())
                .jwsAlgorithm(SignatureAlgorithm.RS256)
                .webClient(keycloakWebClient(properties))
                .build();
        decoder.setJwtValidator(KeycloakTokenValidators.forProperties(properties));
        return ValidatedTokenCache.reactive(decoder, properties.tokenCache());
    }

    /** WebClient to Keycloak with the configured connect and answer time limits (keys, and the gateway's tokens). */
    public static WebClient keycloakWebClient(KeycloakProperties properties) {
        HttpClient http = HttpClient.create()
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int)
                        properties.connectTimeout().toMillis())
                .responseTimeout(properties.readTimeout());
        return WebClient.builder()
                .clientConnector(new ReactorClientHttpConnector(http))
                .build();
    }

    @Bean
    @ConditionalOnMissingBean
    ReactiveJwtAuthenticationConverterAdapter keycloakReactiveJwtAuthenticationConverter() {
        return new ReactiveJwtAuthenticationConverterAdapter(new KeycloakJwtAuthenticationConverter());
    }
}
