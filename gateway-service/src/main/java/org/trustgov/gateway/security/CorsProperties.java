package org.trustgov.gateway.security;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Other web sites whose pages may call the API with a bearer token of their own ({@code trustgov.gateway.cors.*}),
 * for example the trust's intranet. None by default: the platform's pages are served by the gateway itself and
 * need no CORS. Cookies are never accepted cross-site, so a session cannot be used from another origin.
 *
 * @param allowedOrigins exact origins such as {@code https://intranet.trust.example.nhs.uk}
 */
@ConfigurationProperties("trustgov.gateway.cors")
public record CorsProperties(@DefaultValue List<String> allowedOrigins) {

    public CorsProperties {
        allowedOrigins = List.copyOf(allowedOrigins);
        if (allowedOrigins.stream().anyMatch(o -> o.contains("*") || o.equals("null"))) {
            throw new IllegalArgumentException(
                    "trustgov.gateway.cors.allowed-origins takes exact origins, not * or null");
        }
    }
}
