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
 * What the incident workflow asks of whom, asked of audit-service once per daily run (guarded by
 * {@code case-attention}). Staff numbers and an opaque key per case, nothing of the case: the reminders say only
 * that something needs the reader's attention. When audit-service cannot answer, that day's run leaves them out.
 */
@Component
class CaseAttention {

    private static final Logger log = LoggerFactory.getLogger(CaseAttention.class);

    enum Kind {
        INVESTIGATOR_ASSIGNED,
        ACTION_ASSIGNED,
        OUTCOME_DECIDED,
        APPEAL_LODGED,
        /** A signal for governance (no staff number): incidents cluster on one clause in one department. */
        SIGNAL_RAISED
    }

    record Item(String staffNumber, Kind kind, String caseKey, LocalDate since, LocalDate dueOn) {}

    @FeignClient(name = "case-attention", url = "${trustgov.clients.audit-url}")
    interface Client {
        @GetMapping("/api/audit/incidents/attention")
        List<Item> items();
    }

    private final Client client;
    private final GuardedCalls guarded;

    CaseAttention(Client client, GuardedCalls guarded) {
        this.client = client;
        this.guarded = guarded;
    }

    /** The items, or null when audit-service could not say. */
    List<Item> items() {
        try {
            return guarded.call("case-attention", client::items);
        } catch (RuntimeException e) {
            log.warn(
                    "audit-service could not say what cases ask of whom ({}); today's run leaves cases out",
                    e.toString());
            return null;
        }
    }
}
