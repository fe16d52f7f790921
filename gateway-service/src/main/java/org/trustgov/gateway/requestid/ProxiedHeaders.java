package org.trustgov.gateway.requestid;

import org.springframework.cloud.gateway.filter.headers.HttpHeadersFilter;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.web.server.ServerWebExchange;

/**
 * The last word on the headers of a proxied call. Spring Cloud Gateway's routing filter applies its headers filters
 * to the copy of the headers it sends (after its own hop-by-hop, forwarded and transfer-encoding filters); these two
 * come last and change that copy, so the request is not copied again for each change:
 * <ul>
 *   <li>towards the service ({@link #towardsTheService}): the browser's cookies never leave the gateway (the session
 *       stays here; the service gets the access token), and the call carries this request's {@code X-Request-Id};</li>
 *   <li>back from the service ({@link #backFromTheService}): its echo of {@code X-Request-Id} is dropped, as the
 *       gateway already put the id on the response, so the answer carries it once.</li>
 * </ul>
 */
@Configuration(proxyBeanMethods = false)
class ProxiedHeaders {

    @Bean
    HttpHeadersFilter towardsTheService() {
        return new Last() {
            @Override
            public HttpHeaders filter(HttpHeaders input, ServerWebExchange exchange) {
                HttpHeaders headers = writable(input, exchange.getRequest().getHeaders());
                headers.remove(HttpHeaders.COOKIE);
                String id = RequestIdWebFilter.of(exchange);
                if (id != null) {
                    headers.set(RequestIdWebFilter.HEADER, id);
                } else {
                    headers.remove(RequestIdWebFilter.HEADER);
                }
                return headers;
            }
        };
    }

    @Bean
    HttpHeadersFilter backFromTheService() {
        return new Last() {
            @Override
            public HttpHeaders filter(HttpHeaders input, ServerWebExchange exchange) {
                HttpHeaders headers = writable(input, exchange.getResponse().getHeaders());
                headers.remove(RequestIdWebFilter.HEADER);
                return headers;
            }

            @Override
            public boolean supports(Type type) {
                return type == Type.RESPONSE;
            }
        };
    }

    /** Runs after every other headers filter. */
    private abstract static class Last implements HttpHeadersFilter, Ordered {

        @Override
        public int getOrder() {
            return Ordered.LOWEST_PRECEDENCE;
        }
    }

    /**
     * The headers to change: the copy an earlier filter made, or a copy of the exchange's own headers (read-only for
     * the request) when no earlier filter made one.
     */
    static HttpHeaders writable(HttpHeaders input, HttpHeaders exchangeOwn) {
        return input == exchangeOwn ? HttpHeaders.copyOf(input) : input;
    }
}
