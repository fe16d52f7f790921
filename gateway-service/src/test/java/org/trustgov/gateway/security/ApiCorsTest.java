package org.trustgov.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.web.cors.reactive.DefaultCorsProcessor;
import org.springframework.web.cors.reactive.UrlBasedCorsConfigurationSource;

class ApiCorsTest {

    private final UrlBasedCorsConfigurationSource source =
            ApiCors.source(new CorsProperties(List.of("https://intranet.trust.example.nhs.uk")));

    @Test
    void anAllowedOriginMayReadAnswersAndTheRateLimitButNotWithCookies() {
        MockServerWebExchange exchange =
                MockServerWebExchange.from(MockServerHttpRequest.get("https://trust.example.nhs.uk/api/policy/policies")
                        .header("Origin", "https://intranet.trust.example.nhs.uk"));

        boolean allowed = new DefaultCorsProcessor().process(source.getCorsConfiguration(exchange), exchange);

        assertThat(allowed).isTrue();
        assertThat(exchange.getResponse().getHeaders().getAccessControlAllowOrigin())
                .isEqualTo("https://intranet.trust.example.nhs.uk");
        assertThat(exchange.getResponse().getHeaders().getAccessControlExposeHeaders())
                .contains("X-RateLimit-Remaining");
        assertThat(exchange.getResponse().getHeaders().getAccessControlAllowCredentials())
                .isFalse();
    }

    @Test
    void anyOtherOriginIsRefusedAndPagesHaveNoCorsRules() {
        MockServerWebExchange preflight = MockServerWebExchange.from(
                MockServerHttpRequest.options("https://trust.example.nhs.uk/api/policy/policies")
                        .header("Origin", "https://evil.example")
                        .header("Access-Control-Request-Method", HttpMethod.POST.name()));

        boolean allowed = new DefaultCorsProcessor().process(source.getCorsConfiguration(preflight), preflight);

        assertThat(allowed).isFalse();
        assertThat(preflight.getResponse().getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(preflight.getResponse().getHeaders().getAccessControlAllowOrigin())
                .isNull();
        assertThat(source.getCorsConfiguration(MockServerWebExchange.from(MockServerHttpRequest.get("/training.html"))))
                .isNull();
    }

    @Test
    void aWildcardOrNullOriginIsRefusedAtStart() {
        assertThatThrownBy(() -> new CorsProperties(List.of("*"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new CorsProperties(List.of("null"))).isInstanceOf(IllegalArgumentException.class);
    }
}
