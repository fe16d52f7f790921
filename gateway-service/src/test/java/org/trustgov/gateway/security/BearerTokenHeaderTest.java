package org.trustgov.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import org.springframework.security.oauth2.server.resource.web.server.authentication.ServerBearerTokenAuthenticationConverter;
import org.springframework.security.web.server.authentication.ServerAuthenticationConverter;
import reactor.core.publisher.Mono;

/** The gateway's bearer-header reader answers every header exactly as Spring Security's converter does. */
class BearerTokenHeaderTest {

    private final ServerAuthenticationConverter spring = new ServerBearerTokenAuthenticationConverter();
    private final ServerAuthenticationConverter ours = new BearerTokenHeader();

    @ParameterizedTest
    @ValueSource(
            strings = {
                "Bearer eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhIn0.c2ln",
                "bearer abc",
                "BEARER abc",
                "Bearer abc==",
                "Bearer a-._~+/",
                "Bearer abc=",
                "Bearer =",
                "Bearer a=b",
                "Bearer",
                "Bearer ",
                "Bearer  abc",
                "Bearer abc ",
                "Bearer a b",
                "Bearer\tabc",
                "Bearerabc",
                "Bearer é",
                "Bearer abc,def",
                "Bearer abc;",
                "Basic dXNlcjpwYXNz",
                "Negotiate abc",
                "",
                "B",
                "Bearer 0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz",
                "bearerX abc",
                "Bearer abc==="
            })
    void answersAsSpringSecurityDoes(String header) {
        assertThat(outcome(ours, header)).isEqualTo(outcome(spring, header));
    }

    @ParameterizedTest
    @ValueSource(strings = {"Bearer a.b.c", "bearer a.b.c"})
    void aWellFormedHeaderGivesTheTokenAlone(String header) {
        assertThat(outcome(ours, header)).isEqualTo("token a.b.c");
    }

    private static String outcome(ServerAuthenticationConverter converter, String header) {
        MockServerWebExchange exchange = MockServerWebExchange.from(
                MockServerHttpRequest.get("/api/policy/policies").header("Authorization", header));
        try {
            Optional<Authentication> result = Optional.ofNullable(converter
                    .convert(exchange)
                    .onErrorResume(
                            OAuth2AuthenticationException.class,
                            e -> Mono.error(
                                    new IllegalStateException(e.getError().getErrorCode() + ": "
                                            + e.getError().getDescription())))
                    .block());
            return result.map(a -> "token " + ((BearerTokenAuthenticationToken) a).getToken())
                    .orElse("none");
        } catch (IllegalStateException refused) {
            return "refused " + refused.getMessage();
        }
    }
}
