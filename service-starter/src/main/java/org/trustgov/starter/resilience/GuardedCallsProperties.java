package org.trustgov.starter.resilience;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The threads guarded calls run on ({@code trustgov.guarded-calls.*}): a bounded pool of its own, so a slow
 * neighbour can hold at most {@code threads} threads and {@code queue} waiting calls; beyond that a call fails at
 * once (and counts as a failure for its breaker) instead of piling up.
 */
@ConfigurationProperties("trustgov.guarded-calls")
public record GuardedCallsProperties(
        @DefaultValue("16") int threads, @DefaultValue("64") int queue) {

    public GuardedCallsProperties {
        if (threads < 1 || queue < 0) {
            throw new IllegalArgumentException(
                    "trustgov.guarded-calls.threads must be at least 1 and queue not negative");
        }
    }
}
