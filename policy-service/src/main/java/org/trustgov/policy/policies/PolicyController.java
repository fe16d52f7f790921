package org.trustgov.policy.policies;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Sort;
import org.springframework.data.web.PageableDefault;
import org.springframework.data.web.PagedModel;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/policy/policies")
@Tag(name = "Policies", description = "The trust's policies")
public class PolicyController {

    private final PolicyRepository policies;

    PolicyController(PolicyRepository policies) {
        this.policies = policies;
    }

    @GetMapping
    @PreAuthorize("isAuthenticated()")
    @Operation(summary = "List the trust's policies", description = "Any signed-in member of staff, auditor or service.")
    public PagedModel<PolicySummary> list(@PageableDefault(size = 50, sort = "code", direction = Sort.Direction.ASC) Pageable page) {
        return new PagedModel<>(policies.findAll(page).map(PolicySummary::of));
    }
}
