package org.trustgov.keycloak.servlet;

import java.util.List;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.trustgov.keycloak.KeycloakHttp;
import org.trustgov.keycloak.KeycloakJwtAuthenticationConverter;
import org.trustgov.keycloak.KeycloakProperties;
import org.trustgov.keycloak.KeycloakTokenValidators;
import org.trustgov.keycloak.ValidatedTokenCache;

/**
 * Servlet (Spring MVC) services: a JWT decoder that checks signature, issuer, audience and expiry (remembering the
 * tokens it accepted, {@link ValidatedTokenCache}), the Keycloak
 * role mapping, problem-body 401/403 handlers, and the {@code Caller} controller parameter.
 * Runs before Boot's resource-server auto-configuration, whose decoder then backs off.
 */
@AutoConfiguration(
        beforeName =
                "org.springframework.boot.security.oauth2.server.resource.autoconfigure.OAuth2ResourceServerAutoConfiguration")
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(WebMvcConfigurer.class)
@EnableConfigurationProperties(KeycloakProperties.class)
public class KeycloakServletAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    JwtDecoder keycloakJwtDecoder(KeycloakProperties properties) {
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSetUri(
                        properties.effectiveJwkSetUri().toString())
                .jwsAlgorithm(SignatureAlgorithm.RS256)
                .restOperations(KeycloakHttp.keys(properties))
                .build();
        decoder.setJwtValidator(KeycloakTokenValidators.forProperties(properties));
        return ValidatedTokenCache.blocking(decoder, properties.tokenCache());
    }

    @Bean
    @ConditionalOnMissingBean
    KeycloakJwtAuthenticationConverter keycloakJwtAuthenticationConverter() {
        return new KeycloakJwtAuthenticationConverter();
    }

    @Bean
    @ConditionalOnMissingBean
    KeycloakResourceServer keycloakResourceServer(JwtDecoder decoder, KeycloakJwtAuthenticationConverter converter) {
        return new KeycloakResourceServer(decoder, converter);
    }

    @Bean
    WebMvcConfigurer callerArgumentResolverConfigurer() {
        return new WebMvcConfigurer() {
            @Override
            public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
                resolvers.add(new CallerArgumentResolver());
            }
        };
    }
}
