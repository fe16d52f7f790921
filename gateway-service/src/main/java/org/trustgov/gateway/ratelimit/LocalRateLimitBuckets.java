package org.trustgov.gateway.ratelimit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import java.time.Duration;
import reactor.core.publisher.Mono;

/** Buckets in this replica's memory, at most {@code maxCallers} of them (least recently used dropped beyond). */
public class LocalRateLimitBuckets implements RateLimitBuckets {

    private final Cache<String, Bucket> buckets;

    public LocalRateLimitBuckets(int maxCallers) {
        this.buckets = Caffeine.newBuilder()
                .maximumSize(maxCallers)
                .expireAfterAccess(Duration.ofMinutes(10))
                .build();
    }

    @Override
    public Mono<ConsumptionProbe> tryConsume(String key, BucketConfiguration configuration) {
        return Mono.just(buckets.get(key, k -> {
                    var bucket = Bucket.builder();
                    for (Bandwidth limit : configuration.getBandwidths()) {
                        bucket.addLimit(limit);
                    }
                    return bucket.build();
                })
                .tryConsumeAndReturnRemaining(1));
    }
}
