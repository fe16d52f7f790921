package org.trustgov.audit.reports;

import java.time.Instant;
import java.util.List;
import org.springframework.cloud.openfeign.FeignClient;
import org.springframework.web.bind.annotation.GetMapping;

/** training-service's targeted refreshers, with audit-service's own token; guarded by {@code training-refreshers}. */
@FeignClient(name = "training-refreshers", url = "${trustgov.clients.training-url}")
interface TrainingRefreshersClient {

    /** The fields of training-service's refresher view that the report needs. */
    record Refresher(
            String id,
            String policyCode,
            String clause,
            String department,
            String moduleCode,
            int moduleVersion,
            Instant assignedAt,
            Instant dueAt,
            long assigned,
            long completed) {}

    @GetMapping("/api/training/refreshers")
    List<Refresher> refreshers();
}
