package org.trustgov.gateway.ratelimit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import java.time.Duration;
import reactor.core.publisher.Mono;

/**
 * Buckets in this replica's memory, at most {@code maxCallers} of them (least recently used dropped beyond); an idle
 * one is dropped once it would be full again (at least ten minutes), so a daily limit lasts its day.
 */
public class LocalRateLimitBuckets implements RateLimitBuckets {

    /** An idle bucket is kept at least this long, and as long as its bandwidths take to fill up again. */
    private static final Duration KEPT_IDLE = Duration.ofMinutes(10);

    private record Held(Bucket bucket, Duration untilFull) {}

    private final Cache<String, Held> buckets;

    public LocalRateLimitBuckets(int maxCallers) {
        this.buckets = Caffeine.newBuilder()
                .maximumSize(maxCallers)
                .expireAfter(Expiry.accessing((String key, Held held) -> held.untilFull()))
                .build();
    }

    @Override
    public Mono<ConsumptionProbe> tryConsume(String key, BucketConfiguration configuration) {
        return Mono.just(bucket(key, configuration).tryConsumeAndReturnRemaining(1));
    }

    @Override
    public Mono<Long> availableTokens(String key, BucketConfiguration configuration) {
        return Mono.just(bucket(key, configuration).getAvailableTokens());
    }

    private Bucket bucket(String key, BucketConfiguration configuration) {
        return buckets.get(key, k -> {
                    var bucket = Bucket.builder();
                    Duration untilFull = KEPT_IDLE;
                    for (Bandwidth limit : configuration.getBandwidths()) {
                        bucket.addLimit(limit);
                        Duration refill = Duration.ofNanos(limit.getRefillPeriodNanos())
                                .multipliedBy(Math.max(1, limit.getCapacity() / limit.getRefillTokens()));
                        untilFull = refill.compareTo(untilFull) > 0 ? refill : untilFull;
                    }
                    return new Held(bucket.build(), untilFull);
                })
                .bucket();
    }
}
