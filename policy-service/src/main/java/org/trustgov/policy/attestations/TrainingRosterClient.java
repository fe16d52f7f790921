package org.trustgov.policy.attestations;

import java.util.List;
import org.springframework.cloud.openfeign.FeignClient;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * training-service's roster, read with policy-service's own client-credentials token (the adapter's Feign
 * interceptor). Guarded by the {@code training-roster} circuit breaker, time limiter and retry (application.yml);
 * callers go through {@link RosterHeadcounts}, which turns an outage into a documented degraded answer.
 */
@FeignClient(name = "training-roster", url = "${trustgov.clients.training-url}")
public interface TrainingRosterClient {

    /** Active staff per department (leavers excluded). */
    record DepartmentHeadcount(String department, Long active) {}

    @GetMapping("/api/training/staff/headcount")
    List<DepartmentHeadcount> headcount();
}
