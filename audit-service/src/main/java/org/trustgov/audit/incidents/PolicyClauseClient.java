package org.trustgov.audit.incidents;

import org.springframework.cloud.openfeign.FeignClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/** policy-service's clause lookup, with audit-service's own token; guarded by {@code policy-clauses}. */
@FeignClient(name = "policy-clauses", url = "${trustgov.clients.policy-url}")
public interface PolicyClauseClient {

    /** The fields of policy-service's clause view that an incident keeps. */
    record ClauseView(String policyCode, String version, String versionStatus, String contentHash, Clause clause) {}

    record Clause(String number, String heading) {}

    /** 404 when the policy, the version or the clause does not exist. */
    @GetMapping("/api/policy/policies/{code}/versions/{version}/clauses/{clause}")
    ClauseView clause(
            @PathVariable("code") String code,
            @PathVariable("version") String version,
            @PathVariable("clause") String clause);
}
