package org.trustgov.policy.resources;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The scheduled check of the signposting resources' addresses ({@code trustgov.policy.resource-link-check.*}); off
 * unless enabled, as in local runs and tests.
 *
 * @param enabled                 run the check
 * @param interval                time between checks (one instance of the service runs each)
 * @param timeout                 how long one address may take to answer
 * @param allowPrivateAddresses   also check addresses on this machine or the private network (a local test server);
 *                                off, such an address is reported as not checked rather than fetched
 */
@ConfigurationProperties("trustgov.policy.resource-link-check")
public record LinkCheckSettings(
        @DefaultValue("false") boolean enabled,
        @DefaultValue("24h") Duration interval,
        @DefaultValue("10s") Duration timeout,
        @DefaultValue("false") boolean allowPrivateAddresses) {

    public LinkCheckSettings {
        if (interval.compareTo(Duration.ofMinutes(1)) < 0) {
            throw new IllegalArgumentException(
                    "trustgov.policy.resource-link-check.interval must be at least 1 minute");
        }
        if (timeout.isNegative() || timeout.isZero() || timeout.compareTo(Duration.ofMinutes(1)) > 0) {
            throw new IllegalArgumentException(
                    "trustgov.policy.resource-link-check.timeout must be between 1 ms and 1 minute");
        }
    }
}
