package org.trustgov.audit.log.sealing;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How personal values in the audit log are sealed ({@code trustgov.audit.sealing.*}).
 *
 * @param kekFile     the key-encryption key: 32 random bytes, base64, in a file of their own (in production mounted
 *                    from the trust's secret store, or written there by a KMS agent). It wraps every record key. When
 *                    it does not exist and no record key has been made yet (a first start), one is generated into it;
 *                    when record keys exist, the service refuses to start without it
 * @param keyCacheFor how long an instance keeps a record key in memory (5 minutes by default). A key destroyed on
 *                    one replica stops opening values on the others within a second
 *                    ({@code trustgov.audit.sealing.disposals-check}, when each empties its cache for a disposal made
 *                    anywhere); should that check fail to read the store, within this long, never longer
 * @param generate    whether a missing KEK may be generated on a first start (local runs); {@code false} in the
 *                    {@code prod} profile, where replicas generating their own would wrap keys the others cannot read
 */
@ConfigurationProperties("trustgov.audit.sealing")
public record SealingProperties(
        @DefaultValue("data/audit-record-kek.key") Path kekFile,
        @DefaultValue("5m") Duration keyCacheFor,
        @DefaultValue("true") boolean generate) {

    public SealingProperties {
        if (keyCacheFor.isNegative() || keyCacheFor.compareTo(Duration.ofMinutes(10)) > 0) {
            throw new IllegalArgumentException(
                    "trustgov.audit.sealing.key-cache-for must be between 0 and 10 minutes, not " + keyCacheFor);
        }
    }
}
