package org.trustgov.policy.register;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Size;
import org.springdoc.core.annotations.ParameterObject;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Sort;
import org.springframework.data.web.PageableDefault;
import org.springframework.data.web.PagedModel;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.trustgov.keycloak.Caller;
import org.trustgov.policy.policies.PolicyService;
import org.trustgov.starter.paging.SortOrders;
import org.trustgov.starter.validation.SearchText;

@RestController
@Validated
@Tag(name = "Policies", description = "The trust's policies")
public class RegisterController {

    /** The longest search text. */
    static final int MAX_SEARCH = 100;

    private final PolicyRegister register;

    RegisterController(PolicyRegister register) {
        this.register = register;
    }

    @GetMapping("/api/policy/register")
    @PreAuthorize("isAuthenticated()")
    @Operation(
            summary = "The policy register: policies with their versions in progress and where I stand",
            description = "Anyone signed in. One page of policies (search by code or title, filter by standing), each "
                    + "with the version in force and since when, the versions being written or decided that the "
                    + "caller may see (drafts and approved versions only for policy authors and governance), and, for "
                    + "staff, whether they still owe an acknowledgement of the version in force and the newest one "
                    + "they gave. The policies page reads this in one request, whatever the number of policies.")
    public PagedModel<RegisterEntry> register(
            @Parameter(description = "Text the code or title contains, any case", example = "social")
                    @RequestParam(required = false)
                    @Size(max = MAX_SEARCH)
                    @SearchText
                    String q,
            @Parameter(description = "Only policies standing here") @RequestParam(required = false)
                    PolicyService.Standing standing,
            @ParameterObject @PageableDefault(size = 25, sort = "code", direction = Sort.Direction.ASC) Pageable page,
            Caller caller) {
        return new PagedModel<>(
                register.page(q, standing, SortOrders.only(page, "code", "title", "status", "updatedAt"), caller));
    }
}
