package org.trustgov.keycloak.feign;

import feign.RequestInterceptor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.trustgov.keycloak.KeycloakHttp;
import org.trustgov.keycloak.KeycloakProperties;

/**
 * Service-to-service calls: when {@code trustgov.keycloak.service-client.registration-id} names a
 * client-credentials registration, every Feign client of the application sends that service's own token.
 */
@AutoConfiguration(
        afterName = "org.springframework.boot.security.oauth2.client.autoconfigure.OAuth2ClientAutoConfiguration")
@ConditionalOnClass({RequestInterceptor.class, ClientRegistrationRepository.class})
@ConditionalOnProperty(prefix = "trustgov.keycloak.service-client", name = "registration-id")
@EnableConfigurationProperties(KeycloakProperties.class)
public class ServiceTokenAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnBean(ClientRegistrationRepository.class)
    ServiceTokenRequestInterceptor serviceTokenRequestInterceptor(
            ClientRegistrationRepository registrations, KeycloakProperties properties) {
        return ServiceTokenRequestInterceptor.forRegistration(
                registrations,
                properties.serviceClient().registrationId(),
                properties.serviceClient().refreshBeforeExpiry(),
                KeycloakHttp.clientCredentials(properties));
    }
}
