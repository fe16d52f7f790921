package org.trustgov.gateway.requestid;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.cloud.gateway.filter.headers.HttpHeadersFilter;
import org.springframework.cloud.gateway.filter.headers.HttpHeadersFilter.Type;
import org.springframework.cloud.gateway.filter.headers.RemoveHopByHopHeadersFilter;
import org.springframework.http.HttpHeaders;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;

/** The last headers filters of a proxied call, alone and after Spring Cloud Gateway's own. */
class ProxiedHeadersTest {

    private final ProxiedHeaders proxied = new ProxiedHeaders();

    @Test
    void towardsTheServiceTheCookiesGoAndTheRequestIdIsTheGatewaysEvenWhenNoEarlierFilterCopiedTheHeaders() {
        MockServerWebExchange exchange = exchange();

        HttpHeaders sent = HttpHeadersFilter.filterRequest(List.of(proxied.towardsTheService()), exchange);

        assertThat(sent.containsHeader(HttpHeaders.COOKIE)).isFalse();
        assertThat(sent.get(RequestIdWebFilter.HEADER)).containsExactly("gateway-id");
        assertThat(sent.getFirst(HttpHeaders.AUTHORIZATION)).isEqualTo("Bearer abc");
        // the exchange's own request is left as it came
        assertThat(exchange.getRequest().getHeaders().getFirst(HttpHeaders.COOKIE))
                .isEqualTo("SESSION=s1; theme=dark");
        assertThat(exchange.getRequest().getHeaders().getFirst(RequestIdWebFilter.HEADER))
                .isEqualTo("caller's id");
    }

    @Test
    void afterTheHopByHopFilterTheSameRulesHold() {
        MockServerWebExchange exchange = exchange();

        HttpHeaders sent = HttpHeadersFilter.filterRequest(
                List.of(new RemoveHopByHopHeadersFilter(), proxied.towardsTheService()), exchange);

        assertThat(sent.containsHeader(HttpHeaders.COOKIE)).isFalse();
        assertThat(sent.containsHeader("Keep-Alive")).isFalse();
        assertThat(sent.get(RequestIdWebFilter.HEADER)).containsExactly("gateway-id");
    }

    @Test
    void backFromTheServiceItsEchoOfTheRequestIdIsDroppedAndNothingElse() {
        MockServerWebExchange exchange = exchange();
        HttpHeaders answered = new HttpHeaders();
        answered.add(RequestIdWebFilter.HEADER, "gateway-id");
        answered.add(HttpHeaders.CONTENT_TYPE, "application/json");
        List<HttpHeadersFilter> filters = List.of(proxied.towardsTheService(), proxied.backFromTheService());

        HttpHeaders passed = HttpHeadersFilter.filter(filters, answered, exchange, Type.RESPONSE);

        assertThat(passed.containsHeader(RequestIdWebFilter.HEADER)).isFalse();
        assertThat(passed.getFirst(HttpHeaders.CONTENT_TYPE)).isEqualTo("application/json");
    }

    private static MockServerWebExchange exchange() {
        MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/api/policy/policies")
                .header(HttpHeaders.COOKIE, "SESSION=s1; theme=dark")
                .header(HttpHeaders.AUTHORIZATION, "Bearer abc")
                .header("Keep-Alive", "timeout=5")
                .header(RequestIdWebFilter.HEADER, "caller's id"));
        exchange.getAttributes().put(RequestIdWebFilter.ATTRIBUTE, "gateway-id");
        return exchange;
    }
}
