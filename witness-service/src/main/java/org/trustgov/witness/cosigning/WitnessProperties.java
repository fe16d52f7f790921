package org.trustgov.witness.cosigning;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The audit log's witness ({@code trustgov.witness.*}): its own name and key, kept apart from audit-service's, and
 * the one log it cosigns for.
 *
 * @param name             the witness's key name in cosignature lines
 * @param keyFile          PEM with the witness's Ed25519 {@code PRIVATE KEY} and {@code PUBLIC KEY}; generated when
 *                         missing (a local first start)
 * @param logOrigin        the origin line of the log it witnesses
 * @param logVerifierKey   the log's verifier key ({@code GET /api/audit/log/checkpoint/key}); required in production
 * @param logPublicKeyFile when no verifier key is given (a local run): the log's own key file, whose PUBLIC KEY is
 *                         read, named by the origin
 */
@ConfigurationProperties("trustgov.witness")
public record WitnessProperties(
        @DefaultValue("trust.example.nhs.uk/audit-witness") String name,
        @DefaultValue("data/witness-key.pem") Path keyFile,
        @DefaultValue("trust.example.nhs.uk/audit-log") String logOrigin,
        String logVerifierKey,
        Path logPublicKeyFile) {

    public WitnessProperties {
        if (name.isBlank() || name.contains(" ") || name.contains("+") || name.contains("\n")) {
            throw new IllegalArgumentException("trustgov.witness.name must have no space, + or newline");
        }
    }
}
