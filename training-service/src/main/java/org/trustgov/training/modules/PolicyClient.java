package org.trustgov.training.modules;

import org.springframework.cloud.openfeign.FeignClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * policy-service's versions, read with training-service's own client-credentials token. Guarded by the
 * {@code policy-versions} time limit, retry and breaker (application.yml) through {@code GuardedCalls}.
 */
@FeignClient(name = "policy-versions", url = "${trustgov.clients.policy-url}")
public interface PolicyClient {

    /** The fields of policy-service's version view that training needs. */
    record PolicyVersion(
            String policyCode, String number, String status, String contentHash, java.util.List<Clause> clauses) {}

    /** A clause of the version, by its number. */
    record Clause(String number) {}

    @GetMapping("/api/policy/policies/{code}/versions/{number}")
    PolicyVersion version(@PathVariable("code") String code, @PathVariable("number") String number);

    /** A version as the list names it. */
    record VersionSummary(String number, String status) {}

    /** Which clauses changed or went between two versions (the fields training needs). */
    record Comparison(java.util.List<Clause> removed, java.util.List<Clause> changed) {}

    /** The policy's versions, newest first (approved ones for authors, governance and the platform's services). */
    @GetMapping("/api/policy/policies/{code}/versions")
    java.util.List<VersionSummary> versions(@PathVariable("code") String code);

    @GetMapping("/api/policy/policies/{code}/versions/compare")
    Comparison compare(
            @PathVariable("code") String code,
            @org.springframework.web.bind.annotation.RequestParam("from") String from,
            @org.springframework.web.bind.annotation.RequestParam("to") String to);

    /** The version in force; 404 when the policy has none published. */
    @GetMapping("/api/policy/policies/{code}/versions/current")
    PolicyVersion current(@PathVariable("code") String code);
}
