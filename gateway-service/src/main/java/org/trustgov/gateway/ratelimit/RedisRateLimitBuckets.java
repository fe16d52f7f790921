package org.trustgov.gateway.ratelimit;

import java.util.concurrent.CompletableFuture;

import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.distributed.proxy.AsyncProxyManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * Buckets in the Redis every gateway replica shares (Bucket4j's compare-and-swap on Lettuce, without blocking the
 * event loop), so one caller's requests spread over the replicas meet one limit. If Redis does not answer, the
 * request is let through and a warning logged: an outage of the limiter's store must not take the API down.
 */
public class RedisRateLimitBuckets implements RateLimitBuckets {

    private static final Logger log = LoggerFactory.getLogger(RedisRateLimitBuckets.class);
    static final String PREFIX = "trustgov:gateway:ratelimit:";

    private final AsyncProxyManager<String> buckets;

    public RedisRateLimitBuckets(AsyncProxyManager<String> buckets) {
        this.buckets = buckets;
    }

    @Override
    public Mono<ConsumptionProbe> tryConsume(String key, BucketConfiguration configuration) {
        return Mono.fromFuture(() -> buckets.builder()
                        .build(PREFIX + key, () -> CompletableFuture.completedFuture(configuration))
                        .tryConsumeAndReturnRemaining(1))
                .onErrorResume(e -> {
                    log.warn("Rate limit store (Redis) did not answer; letting the request through: {}", e.toString());
                    return Mono.empty();
                });
    }
}
