package org.trustgov.gateway.ratelimit;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import java.security.Principal;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * 429 for a caller who sends more API requests than {@link RateLimitProperties} allow, with {@code Retry-After} and
 * a problem body, before the request reaches a service. Runs after Spring Security, so a signed-in person or an
 * API client is counted by who they are (however many addresses they come from) and anyone else by address.
 * Pages and static files are not limited. Every limited answer says what is left of the burst
 * ({@code X-RateLimit-Remaining}); {@link LimitAnnouncement} says the limit itself ({@code X-RateLimit-Limit}) on
 * every API answer, including those Spring Security gives before the caller is known (a 401). The buckets live in
 * {@link RateLimitBuckets}: this replica's memory by default, the shared Redis with {@code REDIS_URL}, so that
 * several replicas enforce one limit. Each refusal is counted ({@code trustgov.gateway.ratelimit.rejections}).
 */
@Component
@EnableConfigurationProperties(RateLimitProperties.class)
public class CallerRateLimitFilter implements WebFilter, Ordered {

    static final String LIMIT = "X-RateLimit-Limit";
    static final String REMAINING = "X-RateLimit-Remaining";

    private final RateLimitProperties settings;
    private final RateLimitBuckets buckets;
    private final BucketConfiguration configuration;
    private final Counter rejections;

    public CallerRateLimitFilter(
            RateLimitProperties settings, RateLimitBuckets buckets, ObjectProvider<MeterRegistry> meters) {
        this.settings = settings;
        this.buckets = buckets;
        this.configuration = BucketConfiguration.builder()
                .addLimit(Bandwidth.builder()
                        .capacity(settings.burst())
                        .refillGreedy(settings.requestsPerSecond(), Duration.ofSeconds(1))
                        .build())
                .build();
        this.rejections = Counter.builder("trustgov.gateway.ratelimit.rejections")
                .description("API requests refused with 429 by the per-caller limit")
                .register(meters.getIfAvailable(() -> Metrics.globalRegistry));
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
        return exchange.getPrincipal()
                .map(CallerRateLimitFilter::callerKey)
                .switchIfEmpty(Mono.fromSupplier(() -> addressKey(exchange)))
                .flatMap(key -> buckets.tryConsume(key, configuration))
                // The store did not answer (RedisRateLimitBuckets logs it): the request goes on.
                .map(Optional::of)
                .defaultIfEmpty(Optional.empty())
                .flatMap(answer -> {
                    if (answer.isEmpty()) {
                        return chain.filter(exchange);
                    }
                    ConsumptionProbe probe = answer.get();
                    if (probe.isConsumed()) {
                        exchange.getResponse().getHeaders().set(REMAINING, String.valueOf(probe.getRemainingTokens()));
                        return chain.filter(exchange);
                    }
                    long seconds = retryAfterSeconds(probe);
                    exchange.getResponse().getHeaders().set(HttpHeaders.RETRY_AFTER, String.valueOf(seconds));
                    exchange.getResponse().getHeaders().set(REMAINING, "0");
                    rejections.increment();
                    return Mono.error(new ResponseStatusException(
                            HttpStatus.TOO_MANY_REQUESTS,
                            "Too many requests: at most " + settings.requestsPerSecond() + " a second (bursts of "
                                    + settings.burst() + "); try again in " + seconds + " s"));
                });
    }

    /** Whole seconds until the next token, at least 1: the {@code Retry-After} of a 429. */
    public static long retryAfterSeconds(ConsumptionProbe probe) {
        return Math.max(1, TimeUnit.NANOSECONDS.toSeconds(probe.getNanosToWaitForRefill() + 999_999_999L));
    }

    private static String callerKey(Principal principal) {
        return "caller:" + principal.getName();
    }

    private static String addressKey(ServerWebExchange exchange) {
        var address = exchange.getRequest().getRemoteAddress();
        return "address:"
                + (address == null || address.getAddress() == null
                        ? "unknown"
                        : address.getAddress().getHostAddress());
    }
}
