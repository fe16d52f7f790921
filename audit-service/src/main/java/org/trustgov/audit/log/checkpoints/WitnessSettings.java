package org.trustgov.audit.log.checkpoints;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Whether and how checkpoints are sent to the witness for its cosignature ({@code trustgov.audit.witness.*}; its
 * address is {@code trustgov.clients.witness-url}, witness-service's).
 *
 * @param enabled     send every new checkpoint to the witness
 * @param verifierKey the witness's verifier key; when set, a cosignature is attached only if it verifies with it
 */
@ConfigurationProperties("trustgov.audit.witness")
public record WitnessSettings(@DefaultValue("true") boolean enabled, String verifierKey) {}
