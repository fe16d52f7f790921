package org.trustgov.starter.security;

import jakarta.servlet.DispatcherType;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.trustgov.keycloak.servlet.KeycloakResourceServer;
import org.trustgov.keycloak.servlet.KeycloakServletAutoConfiguration;

/**
 * Every service is a stateless resource server: health probes, the OpenAPI document and the error dispatch are
 * open; everything else needs a valid token, and each endpoint states the roles it accepts with
 * {@code @PreAuthorize}. A service may declare its own {@link SecurityFilterChain} instead.
 */
@AutoConfiguration(
        after = KeycloakServletAutoConfiguration.class,
        beforeName = {
            "org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration",
            "org.springframework.boot.security.oauth2.client.autoconfigure.servlet.OAuth2ClientWebSecurityAutoConfiguration",
            "org.springframework.boot.security.oauth2.server.resource.autoconfigure.web.OAuth2ResourceServerWebSecurityAutoConfiguration"
        })
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableWebSecurity
@EnableMethodSecurity
public class ServiceSecurityAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean(SecurityFilterChain.class)
    SecurityFilterChain serviceSecurityFilterChain(
            HttpSecurity http, KeycloakResourceServer resourceServer, Environment environment) throws Exception {
        // Prometheus scrapes the management port (management.server.port, set in every deployment), which only the
        // monitoring namespace reaches; on the service's own port nobody reads them.
        int managementPort = environment.getProperty("management.server.port", Integer.class, -1);
        // Paths whose request carries its own authority instead of a token (a signed one-click unsubscribe link).
        java.util.Set<String> publicPaths = java.util.Set.of(
                environment.getProperty("trustgov.security.public-paths", String[].class, new String[0]));
        http.authorizeHttpRequests(requests -> requests.dispatcherTypeMatchers(DispatcherType.ERROR)
                .permitAll()
                .requestMatchers(request -> managementPort > 0
                        && request.getLocalPort() == managementPort
                        && "/actuator/prometheus".equals(request.getRequestURI()))
                .permitAll()
                .requestMatchers("/error", "/actuator/health", "/actuator/health/**", "/actuator/info")
                .permitAll()
                // every other actuator endpoint, and the metrics on the API port: nobody
                .requestMatchers("/actuator/**")
                .denyAll()
                .requestMatchers("/api/*/v3/api-docs", "/api/*/v3/api-docs/**")
                .permitAll()
                .requestMatchers(request -> publicPaths.contains(request.getRequestURI()))
                .permitAll()
                .anyRequest()
                .authenticated());
        return resourceServer.applyTo(http).build();
    }

    /** 403 before 400: an endpoint's role rule is decided before its body is read ({@link RoleBeforeBodyInterceptor}). */
    @Bean
    WebMvcConfigurer roleBeforeBody() {
        return new WebMvcConfigurer() {
            @Override
            public void addInterceptors(InterceptorRegistry registry) {
                registry.addInterceptor(new RoleBeforeBodyInterceptor());
            }
        };
    }
}
