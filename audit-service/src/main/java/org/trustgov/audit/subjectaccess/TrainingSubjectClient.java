package org.trustgov.audit.subjectaccess;

import java.util.Map;
import org.springframework.cloud.openfeign.FeignClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/** What training-service holds about one person, with audit-service's own token; guarded by {@code training-subject-access}. */
@FeignClient(name = "training-subject-access", url = "${trustgov.clients.training-url}")
interface TrainingSubjectClient {

    @GetMapping("/api/training/subject-access/{staffNumber}")
    Map<String, Object> of(@PathVariable("staffNumber") String staffNumber);
}
