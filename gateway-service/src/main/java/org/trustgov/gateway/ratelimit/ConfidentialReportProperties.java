package org.trustgov.gateway.ratelimit;

import java.security.SecureRandom;
import java.util.Base64;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How many confidential reports one person may send, at the gateway (the only part of the platform that knows who
 * sends one): {@code perDay} a day, counted in a bucket named by an HMAC of the caller under {@code callerKey}, so
 * that the limiter's store (this replica's memory, or the shared Redis) holds no one's identity either.
 *
 * @param perDay    confidential reports one person may send in a day
 * @param callerKey base64 HMAC key naming the buckets; set the same one on every replica that shares a Redis (each
 *                  replica otherwise makes its own at start, and counts apart); at least 32 bytes
 */
@ConfigurationProperties("trustgov.gateway.confidential-reports")
public record ConfidentialReportProperties(Integer perDay, String callerKey) {

    public ConfidentialReportProperties {
        perDay = perDay == null ? 3 : perDay;
        if (perDay < 1 || perDay > 1000) {
            throw new IllegalArgumentException("trustgov.gateway.confidential-reports.per-day must be 1 to 1000");
        }
        if (callerKey == null || callerKey.isBlank()) {
            byte[] key = new byte[32];
            new SecureRandom().nextBytes(key);
            callerKey = Base64.getEncoder().encodeToString(key);
        } else if (Base64.getDecoder().decode(callerKey).length < 32) {
            throw new IllegalArgumentException(
                    "trustgov.gateway.confidential-reports.caller-key must be at least 32 bytes, base64");
        }
    }

    byte[] key() {
        return Base64.getDecoder().decode(callerKey);
    }

    @Override
    public String toString() {
        return "ConfidentialReportProperties[perDay=" + perDay + ", callerKey=(hidden)]";
    }
}
