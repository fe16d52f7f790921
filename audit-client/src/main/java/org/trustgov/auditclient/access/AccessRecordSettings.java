package org.trustgov.auditclient.access;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Who-viewed-what records ({@code trustgov.access-records.*}).
 *
 * @param enabled       off only to measure what recording costs (the benchmark); a trust keeps it on
 * @param flushInterval how often the reads queued since are written, as one batch (a stop loses at most this much:
 *                      a graceful stop writes what is queued first)
 * @param maxBatch      most records in one batch
 * @param maxQueued     reads queued at most; beyond, a reader writes the queue itself before it is answered
 * @param pageClient    the client id of the gateway's sign-in: a token issued to it came through the pages
 */
@ConfigurationProperties("trustgov.access-records")
public record AccessRecordSettings(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("500ms") Duration flushInterval,
        @DefaultValue("500") int maxBatch,
        @DefaultValue("100000") int maxQueued,
        @DefaultValue("gateway") String pageClient) {

    public AccessRecordSettings {
        if (maxBatch < 1 || maxBatch > 500 || maxQueued < maxBatch) {
            throw new IllegalArgumentException(
                    "trustgov.access-records.max-batch must be 1 to 500 and max-queued at least max-batch");
        }
        if (flushInterval.isNegative() || flushInterval.isZero()) {
            throw new IllegalArgumentException("trustgov.access-records.flush-interval must be positive");
        }
    }
}
