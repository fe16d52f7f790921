package org.trustgov.keycloak.servlet;

import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.trustgov.keycloak.KeycloakJwtAuthenticationConverter;

/**
 * Applies the platform's resource-server defaults to a service's filter chain: stateless, bearer tokens only
 * (no CSRF: there are no cookies to ride on), Keycloak roles, and problem bodies for 401 and 403.
 * A service keeps its own URL rules:
 * <pre>{@code
 * http.authorizeHttpRequests(a -> a.requestMatchers("/actuator/health/**").permitAll().anyRequest().authenticated());
 * resourceServer.applyTo(http);
 * }</pre>
 */
public class KeycloakResourceServer {

    private final JwtDecoder decoder;
    private final KeycloakJwtAuthenticationConverter converter;
    private final ProblemAuthenticationEntryPoint entryPoint = new ProblemAuthenticationEntryPoint();
    private final ProblemAccessDeniedHandler accessDenied = new ProblemAccessDeniedHandler();

    public KeycloakResourceServer(JwtDecoder decoder, KeycloakJwtAuthenticationConverter converter) {
        this.decoder = decoder;
        this.converter = converter;
    }

    public HttpSecurity applyTo(HttpSecurity http) throws Exception {
        return http.sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(AbstractHttpConfigurer::disable)
                .requestCache(AbstractHttpConfigurer::disable)
                .formLogin(AbstractHttpConfigurer::disable)
                .httpBasic(AbstractHttpConfigurer::disable)
                .oauth2ResourceServer(rs -> rs.jwt(jwt -> jwt.decoder(decoder).jwtAuthenticationConverter(converter))
                        .authenticationEntryPoint(entryPoint)
                        .accessDeniedHandler(accessDenied))
                .exceptionHandling(e -> e.authenticationEntryPoint(entryPoint).accessDeniedHandler(accessDenied));
    }
}
