package org.trustgov.gateway.security;

import java.time.Duration;
import java.util.List;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.reactive.UrlBasedCorsConfigurationSource;

/** The CORS rules of the API paths, for the origins {@link CorsProperties} lists. */
final class ApiCors {

    /** What a page on an allowed origin may read besides the body: the request id and the rate limit. */
    static final List<String> EXPOSED =
            List.of("X-Request-Id", "X-RateLimit-Limit", "X-RateLimit-Remaining", "Retry-After", "Location");

    private ApiCors() {}

    static UrlBasedCorsConfigurationSource source(CorsProperties cors) {
        CorsConfiguration api = new CorsConfiguration();
        api.setAllowedOrigins(cors.allowedOrigins());
        api.setAllowedMethods(List.of("GET", "POST", "PUT", "PATCH", "DELETE"));
        api.setAllowedHeaders(List.of("Authorization", "Content-Type", "Accept", "X-Request-Id"));
        api.setExposedHeaders(EXPOSED);
        api.setAllowCredentials(false);
        api.setMaxAge(Duration.ofHours(1));
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        source.registerCorsConfiguration("/api/**", api);
        return source;
    }
}
