package org.trustgov.policy.policies;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.springdoc.core.annotations.ParameterObject;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Sort;
import org.springframework.data.web.PageableDefault;
import org.springframework.data.web.PagedModel;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.trustgov.keycloak.Caller;
import org.trustgov.starter.paging.SortOrders;

@RestController
@RequestMapping("/api/policy/policies")
@Tag(name = "Policies", description = "The trust's policies")
public class PolicyController {

    private final PolicyService policies;

    PolicyController(PolicyService policies) {
        this.policies = policies;
    }

    @GetMapping
    @PreAuthorize("isAuthenticated()")
    @Operation(summary = "List the trust's policies", description = "Anyone signed in.")
    public PagedModel<PolicyView> list(
            @ParameterObject @PageableDefault(size = 50, sort = "code", direction = Sort.Direction.ASC) Pageable page) {
        return new PagedModel<>(
                policies.list(SortOrders.only(page, "code", "title", "status", "createdAt", "updatedAt"))
                        .map(PolicyView::of));
    }

    @GetMapping("/{code}")
    @PreAuthorize("isAuthenticated()")
    @Operation(summary = "Read one policy", description = "Anyone signed in. Unknown code: 404.")
    public PolicyView get(@PathVariable String code) {
        return PolicyView.of(policies.get(code));
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize("hasAnyRole('policy-author', 'governance')")
    @Operation(summary = "Create a policy", description = "Policy authors and governance. An existing code: 409.")
    public PolicyView create(@Valid @RequestBody PolicyRequest request, Caller caller) {
        return PolicyView.of(policies.create(request, caller));
    }

    @PutMapping("/{code}")
    @PreAuthorize("hasAnyRole('policy-author', 'governance')")
    @Operation(
            summary = "Edit a policy's description",
            description = "Policy authors and governance; not once retired.")
    public PolicyView update(@PathVariable String code, @Valid @RequestBody PolicyRequest request) {
        return PolicyView.of(policies.update(code, request));
    }

    @PostMapping("/{code}/retire")
    @PreAuthorize("hasRole('governance')")
    @Operation(
            summary = "Retire a policy altogether",
            description = "Governance. Its published version stops being in force.")
    public PolicyView retire(@PathVariable String code, Caller caller) {
        return PolicyView.of(policies.retire(code, caller));
    }
}
