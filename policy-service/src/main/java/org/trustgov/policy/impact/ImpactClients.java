package org.trustgov.policy.impact;

import java.util.List;
import java.util.Map;
import org.springframework.cloud.openfeign.FeignClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** What the other services hold on a policy's clauses, for a version's impact. */
final class ImpactClients {

    private ImpactClients() {}

    /** training-service: the published modules citing the clauses, with their completions. */
    @FeignClient(name = "training-impact", url = "${trustgov.clients.training-url}")
    interface Training {

        record CitingModule(
                String code,
                int version,
                String title,
                String policyVersion,

                @io.swagger.v3.oas.annotations.media.ArraySchema(maxItems = 200)
                List<String> clauses,

                long completions) {}

        record ClauseImpact(
                String policyCode,

                @io.swagger.v3.oas.annotations.media.ArraySchema(maxItems = 1_000)
                List<CitingModule> modules) {}

        @GetMapping("/api/training/impact/clauses")
        ClauseImpact clauses(
                @RequestParam("policyCode") String policyCode, @RequestParam("clause") List<String> clause);
    }

    /** audit-service: the open incidents citing each clause. */
    @FeignClient(name = "audit-impact", url = "${trustgov.clients.audit-url}")
    interface Audit {

        record ClauseIncidents(String policyCode, Map<String, Long> openIncidents) {}

        @GetMapping("/api/audit/reports/clauses")
        ClauseIncidents clauses(
                @RequestParam("policyCode") String policyCode, @RequestParam("clause") List<String> clause);
    }
}
