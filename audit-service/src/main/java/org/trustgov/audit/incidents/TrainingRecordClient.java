package org.trustgov.audit.incidents;

import java.time.Instant;
import java.util.List;
import org.springframework.cloud.openfeign.FeignClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/** training-service's view of one person's compliance, with audit-service's own token; guarded by {@code training-records}. */
@FeignClient(name = "training-records", url = "${trustgov.clients.training-url}")
public interface TrainingRecordClient {

    record Standing(Instant completedAt, Instant expiresAt, String policyVersion) {}

    record ModuleStanding(String moduleCode, int moduleVersion, String policyCode, String status, Standing latest) {}

    record PersonCompliance(String staffNumber, String department, boolean active, List<ModuleStanding> modules) {}

    /** 404 when the person is not on the roster. */
    @GetMapping("/api/training/compliance/staff/{staffNumber}")
    PersonCompliance person(@PathVariable("staffNumber") String staffNumber);
}
