package org.trustgov.gateway.ratelimit;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Per-caller limits on the API paths, at the gateway: each caller (the signed-in person or client, else the
 * remote address) has a token bucket of {@code burst} requests refilled at {@code requestsPerSecond}.
 *
 * @param enabled           off only for load tests that measure the services rather than the limit
 * @param requestsPerSecond sustained rate per caller
 * @param burst             requests a caller may send at once before the rate applies
 * @param maxCallers        buckets kept in memory (least recently used dropped beyond this)
 */
@ConfigurationProperties("trustgov.gateway.rate-limit")
public record RateLimitProperties(Boolean enabled, Integer requestsPerSecond, Integer burst, Integer maxCallers) {

    public RateLimitProperties {
        enabled = enabled == null || enabled;
        requestsPerSecond = requestsPerSecond == null ? 20 : requestsPerSecond;
        burst = burst == null ? 100 : burst;
        maxCallers = maxCallers == null ? 100_000 : maxCallers;
        if (requestsPerSecond < 1 || burst < 1 || maxCallers < 1) {
            throw new IllegalArgumentException("trustgov.gateway.rate-limit values must be positive");
        }
    }
}
