package org.trustgov.audit.subjectaccess;

import java.util.Map;
import org.springframework.cloud.openfeign.FeignClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/** What policy-service holds about one person, with audit-service's own token; guarded by {@code policy-subject-access}. */
@FeignClient(name = "policy-subject-access", url = "${trustgov.clients.policy-url}")
interface PolicySubjectClient {

    @GetMapping("/api/policy/subject-access/{staffNumber}")
    Map<String, Object> of(@PathVariable("staffNumber") String staffNumber);
}
