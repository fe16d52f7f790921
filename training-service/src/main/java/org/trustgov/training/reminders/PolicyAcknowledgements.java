package org.trustgov.training.reminders;

import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.openfeign.FeignClient;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.annotation.GetMapping;
import org.trustgov.starter.resilience.GuardedCalls;

/**
 * Who has acknowledged each policy version in force, asked of policy-service once per daily run with
 * training-service's own token (guarded by {@code policy-acknowledgements}: time limit, retries, breaker). When
 * policy-service cannot answer, that day's run decides the training reminders and leaves the acknowledgements out,
 * saying so in the log; the next day's makes them up.
 */
@Component
class PolicyAcknowledgements {

    private static final Logger log = LoggerFactory.getLogger(PolicyAcknowledgements.class);

    /** One policy version in force and the staff numbers who acknowledged its major version. */
    record InForce(
            String policyCode,
            String title,
            String version,
            int major,
            Instant majorSince,
            List<String> acknowledgedBy) {}

    @FeignClient(name = "policy-acknowledgements", url = "${trustgov.clients.policy-url}")
    interface Client {
        @GetMapping("/api/policy/attestations/in-force")
        List<InForce> inForce();
    }

    private final Client client;
    private final GuardedCalls guarded;

    PolicyAcknowledgements(Client client, GuardedCalls guarded) {
        this.client = client;
        this.guarded = guarded;
    }

    /** The versions in force, or null when policy-service could not say. */
    List<InForce> inForce() {
        try {
            return guarded.call("policy-acknowledgements", client::inForce);
        } catch (RuntimeException e) {
            log.warn(
                    "policy-service could not say who acknowledged what ({}); today's run leaves acknowledgements out",
                    e.toString());
            return null;
        }
    }
}
