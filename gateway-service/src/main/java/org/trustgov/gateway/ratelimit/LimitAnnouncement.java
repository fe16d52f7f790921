package org.trustgov.gateway.ratelimit;

import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Says the rate limit ({@code X-RateLimit-Limit}) on every API answer, including those Spring Security gives
 * before {@link CallerRateLimitFilter} runs, so a client can pace itself from its first answer on.
 */
@Component
public class LimitAnnouncement implements WebFilter, Ordered {

    private final RateLimitProperties settings;

    public LimitAnnouncement(RateLimitProperties settings) {
        this.settings = settings;
    }

    @Override
    public int getOrder() {
        return -200; // before Spring Security's WebFilterChainProxy (-100)
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        if (settings.enabled() && exchange.getRequest().getPath().value().startsWith("/api/")) {
            exchange.getResponse().getHeaders().set(CallerRateLimitFilter.LIMIT, String.valueOf(settings.burst()));
        }
        return chain.filter(exchange);
    }
}
