package org.trustgov.gateway.ratelimit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.distributed.AsyncBucketProxy;
import io.github.bucket4j.distributed.proxy.AsyncProxyManager;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * Buckets in the Redis every gateway replica shares (Bucket4j's compare-and-swap on Lettuce, without blocking the
 * event loop), so one caller's requests spread over the replicas meet one limit. If Redis does not answer within
 * {@link #TIME_LIMIT}, the request is let through and a warning logged: an outage or a stall of the limiter's store
 * must not take the API down or hold a request. (Bucket4j's batching optimisation was tried: an end-to-end run saw a
 * request held for 20 s behind it, so it is not used.)
 */
public class RedisRateLimitBuckets implements RateLimitBuckets {

    private static final Logger log = LoggerFactory.getLogger(RedisRateLimitBuckets.class);
    static final String PREFIX = "trustgov:gateway:ratelimit:";

    static final Duration TIME_LIMIT = Duration.ofSeconds(2);

    private final AsyncProxyManager<String> buckets;
    /** The proxy of each recent caller. */
    private final Cache<String, AsyncBucketProxy> proxies;

    public RedisRateLimitBuckets(AsyncProxyManager<String> buckets, int maxCallers) {
        this.buckets = buckets;
        this.proxies = Caffeine.newBuilder()
                .maximumSize(maxCallers)
                .expireAfterAccess(Duration.ofMinutes(10))
                .build();
    }

    @Override
    public Mono<ConsumptionProbe> tryConsume(String key, BucketConfiguration configuration) {
        return answered(Mono.fromFuture(() -> proxy(key, configuration).tryConsumeAndReturnRemaining(1)));
    }

    @Override
    public Mono<Long> availableTokens(String key, BucketConfiguration configuration) {
        return answered(Mono.fromFuture(() -> proxy(key, configuration).getAvailableTokens()));
    }

    private AsyncBucketProxy proxy(String key, BucketConfiguration configuration) {
        return proxies.get(
                key, k -> buckets.builder().build(PREFIX + k, () -> CompletableFuture.completedFuture(configuration)));
    }

    private static <T> Mono<T> answered(Mono<T> call) {
        return call.timeout(TIME_LIMIT).onErrorResume(e -> {
            log.warn("Rate limit store (Redis) did not answer; letting the request through: {}", e.toString());
            return Mono.empty();
        });
    }
}
