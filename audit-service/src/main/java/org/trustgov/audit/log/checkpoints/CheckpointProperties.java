package org.trustgov.audit.log.checkpoints;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the audit log's checkpoints are signed ({@code trustgov.audit.checkpoint.*}).
 *
 * @param origin   the log's name, the checkpoint's first line (C2SP tlog-checkpoint), e.g. the trust's domain and path
 * @param keyName  the signing key's name in the signed note; defaults to the origin
 * @param keyFile  a PEM file with the Ed25519 private key (PKCS#8 {@code PRIVATE KEY}) and its {@code PUBLIC KEY};
 *                 when it does not exist (a local first start) a new key pair is generated into it
 * @param interval how often a checkpoint is signed when the tree has grown
 */
@ConfigurationProperties("trustgov.audit.checkpoint")
public record CheckpointProperties(
        @DefaultValue("trust.example.nhs.uk/audit-log") String origin,
        String keyName,
        @DefaultValue("data/audit-checkpoint-key.pem") Path keyFile,
        @DefaultValue("5s") Duration interval) {

    public CheckpointProperties {
        if (origin.isBlank() || origin.contains("\n") || origin.contains(" ")) {
            throw new IllegalArgumentException(
                    "trustgov.audit.checkpoint.origin must be one word without spaces, e.g. trust.example.nhs.uk/audit-log");
        }
        keyName = keyName == null || keyName.isBlank() ? origin : keyName;
        if (keyName.contains(" ") || keyName.contains("+") || keyName.contains("\n")) {
            throw new IllegalArgumentException("trustgov.audit.checkpoint.key-name must have no space, + or newline");
        }
    }
}
