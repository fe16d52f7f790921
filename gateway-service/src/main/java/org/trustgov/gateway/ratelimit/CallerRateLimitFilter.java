package org.trustgov.gateway.ratelimit;

import java.security.Principal;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import reactor.core.publisher.Mono;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * 429 for a caller who sends more API requests than {@link RateLimitProperties} allow, with {@code Retry-After} and
 * a problem body, before the request reaches a service. Runs after Spring Security, so a signed-in person or an
 * API client is counted by who they are (however many addresses they come from) and anyone else by address.
 * Pages and static files are not limited. Every limited answer says what is left of the burst
 * ({@code X-RateLimit-Remaining}); {@link LimitAnnouncement} says the limit itself ({@code X-RateLimit-Limit}) on
 * every API answer, including those Spring Security gives before the caller is known (a 401). The buckets live in this gateway replica's memory: with several
 * replicas each allows the full rate (see the README on deploying at scale).
 */
@Component
@EnableConfigurationProperties(RateLimitProperties.class)
public class CallerRateLimitFilter implements WebFilter, Ordered {

    static final String LIMIT = "X-RateLimit-Limit";
    static final String REMAINING = "X-RateLimit-Remaining";

    private final RateLimitProperties settings;
    private final Cache<String, Bucket> buckets;

    public CallerRateLimitFilter(RateLimitProperties settings) {
        this.settings = settings;
        this.buckets = Caffeine.newBuilder().maximumSize(settings.maxCallers()).expireAfterAccess(Duration.ofMinutes(10)).build();
    }

    @Override
    public int getOrder() {
        return 0; // after Spring Security's WebFilterChainProxy (-100), before routing
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        if (!settings.enabled() || !exchange.getRequest().getPath().value().startsWith("/api/")) {
            return chain.filter(exchange);
        }
        return exchange.getPrincipal().map(CallerRateLimitFilter::callerKey)
                .switchIfEmpty(Mono.fromSupplier(() -> addressKey(exchange)))
                .flatMap(key -> {
                    ConsumptionProbe probe = buckets.get(key, k -> newBucket()).tryConsumeAndReturnRemaining(1);
                    if (probe.isConsumed()) {
                        exchange.getResponse().getHeaders().set(REMAINING, String.valueOf(probe.getRemainingTokens()));
                        return chain.filter(exchange);
                    }
                    long seconds = Math.max(1, TimeUnit.NANOSECONDS.toSeconds(probe.getNanosToWaitForRefill() + 999_999_999L));
                    exchange.getResponse().getHeaders().set(HttpHeaders.RETRY_AFTER, String.valueOf(seconds));
                    exchange.getResponse().getHeaders().set(REMAINING, "0");
                    return Mono.error(new ResponseStatusException(HttpStatus.TOO_MANY_REQUESTS,
                            "Too many requests: at most " + settings.requestsPerSecond() + " a second (bursts of "
                                    + settings.burst() + "); try again in " + seconds + " s"));
                });
    }

    private Bucket newBucket() {
        return Bucket.builder().addLimit(Bandwidth.builder().capacity(settings.burst())
                .refillGreedy(settings.requestsPerSecond(), Duration.ofSeconds(1)).build()).build();
    }

    private static String callerKey(Principal principal) {
        return "caller:" + principal.getName();
    }

    private static String addressKey(ServerWebExchange exchange) {
        var address = exchange.getRequest().getRemoteAddress();
        return "address:" + (address == null || address.getAddress() == null ? "unknown" : address.getAddress().getHostAddress());
    }
}
