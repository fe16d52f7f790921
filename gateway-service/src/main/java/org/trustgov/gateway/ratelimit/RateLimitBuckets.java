package org.trustgov.gateway.ratelimit;

import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import reactor.core.publisher.Mono;

/**
 * Where the token buckets of the gateway's limits live: in this replica's memory ({@link LocalRateLimitBuckets},
 * the default) or in the Redis every replica shares ({@link RedisRateLimitBuckets}, with {@code REDIS_URL}), so
 * that two replicas enforce one limit, not two.
 */
public interface RateLimitBuckets {

    /** Takes one token from the bucket named {@code key}, made with {@code configuration} when it does not exist. */
    Mono<ConsumptionProbe> tryConsume(String key, BucketConfiguration configuration);

    /**
     * The tokens left in the bucket named {@code key} (made with {@code configuration} when it does not exist), taking
     * none; empty when the store did not answer.
     */
    Mono<Long> availableTokens(String key, BucketConfiguration configuration);
}
