package org.trustgov.training.reminders;

import java.time.LocalDate;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.openfeign.FeignClient;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.annotation.GetMapping;
import org.trustgov.starter.resilience.GuardedCalls;

/**
 * What the policy side asks of whom (consultations open to everyone, comments answered, reviews due), asked of
 * policy-service once per daily run (guarded by {@code policy-attention}). When it cannot answer, that day's run
 * leaves these out.
 */
@Component
class PolicyAttention {

    private static final Logger log = LoggerFactory.getLogger(PolicyAttention.class);

    enum Audience {
        PERSON,
        EVERYONE,
        GOVERNANCE
    }

    enum Kind {
        CONSULTATION_OPENED,
        COMMENT_ANSWERED,
        REVIEW_DUE
    }

    /** @param policyVersion the version it is about, {@code <code>/<version>} (absent from an older policy-service) */
    record Item(
            Audience audience,
            String staffNumber,
            Kind kind,
            String subject,
            String title,
            LocalDate since,
            LocalDate dueOn,
            String policyVersion) {}

    @FeignClient(name = "policy-attention", url = "${trustgov.clients.policy-url}")
    interface Client {
        @GetMapping("/api/policy/attention")
        List<Item> items();
    }

    private final Client client;
    private final GuardedCalls guarded;

    PolicyAttention(Client client, GuardedCalls guarded) {
        this.client = client;
        this.guarded = guarded;
    }

    /** The items, or null when policy-service could not say. */
    List<Item> items() {
        try {
            return guarded.call("policy-attention", client::items);
        } catch (RuntimeException e) {
            log.warn("policy-service could not say what it asks of whom ({}); today's run leaves it out", e.toString());
            return null;
        }
    }
}
