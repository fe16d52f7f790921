package org.trustgov.gateway.security;

import org.springframework.http.HttpHeaders;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.BearerTokenErrors;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import org.springframework.security.web.server.authentication.ServerAuthenticationConverter;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Reads the bearer token from the {@code Authorization} header only, with the grammar and answers of Spring
 * Security's {@code ServerBearerTokenAuthenticationConverter} in its default settings (no token in the query string
 * or a form body): no such header, or another scheme, is no bearer token; {@code Bearer} followed by anything but
 * one RFC 6750 {@code b64token} is refused as malformed ({@code invalid_token}). It checks the characters in one
 * pass instead of a regular expression and three merged publishers, which were a sixteenth of the gateway's time
 * per request; {@code BearerTokenHeaderTest} holds it to the same answers as Spring's converter.
 */
final class BearerTokenHeader implements ServerAuthenticationConverter {

    private static final String SCHEME = "Bearer";

    @Override
    public Mono<Authentication> convert(ServerWebExchange exchange) {
        String header = exchange.getRequest().getHeaders().getFirst(HttpHeaders.AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
            return Mono.empty();
        }
        if (!isBearerCredentials(header)) {
            return Mono.error(
                    new OAuth2AuthenticationException(BearerTokenErrors.invalidToken("Bearer token is malformed")));
        }
        return Mono.just(new BearerTokenAuthenticationToken(header.substring(SCHEME.length() + 1)));
    }

    /** {@code Bearer 1*( ALPHA / DIGIT / "-" / "." / "_" / "~" / "+" / "/" ) *"="}, the scheme in any case. */
    static boolean isBearerCredentials(String header) {
        int start = SCHEME.length() + 1;
        if (header.length() <= start || header.charAt(SCHEME.length()) != ' ') {
            return false;
        }
        int i = start;
        while (i < header.length() && isTokenChar(header.charAt(i))) {
            i++;
        }
        if (i == start) {
            return false;
        }
        while (i < header.length() && header.charAt(i) == '=') {
            i++;
        }
        return i == header.length();
    }

    private static boolean isTokenChar(char c) {
        return (c >= 'a' && c <= 'z')
                || (c >= 'A' && c <= 'Z')
                || (c >= '0' && c <= '9')
                || c == '-'
                || c == '.'
                || c == '_'
                || c == '~'
                || c == '+'
                || c == '/';
    }
}
