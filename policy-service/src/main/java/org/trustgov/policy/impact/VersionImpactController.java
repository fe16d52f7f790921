package org.trustgov.policy.impact;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Pattern;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.trustgov.keycloak.Caller;

@RestController
@Tag(name = "Version impact", description = "What a version's changes touch, before it is approved")
public class VersionImpactController {

    private final VersionImpacts impacts;

    VersionImpactController(VersionImpacts impacts) {
        this.impacts = impacts;
    }

    @GetMapping("/api/policy/policies/{code}/versions/{number}/impact")
    @PreAuthorize("hasAnyRole('governance', 'policy-author')")
    @Operation(
            summary = "What this version's changes touch",
            description = "Governance and policy authors: for each clause the version changes, adds or removes "
                    + "against the version in force, the published modules citing it with their completions "
                    + "(training-service) and the open incidents citing it (audit-service); beside them, the "
                    + "acknowledgements of the wording in force by department. A service that cannot answer is named "
                    + "in `missing`, and its figures are null.")
    public VersionImpacts.VersionImpact impact(
            @PathVariable @Pattern(regexp = "[A-Z]{2,5}-[0-9]{3}", message = "must look like SM-001") String code,
            @PathVariable @Pattern(regexp = "[0-9]{1,4}\\.[0-9]{1,4}", message = "must be major.minor, e.g. 1.1")
                    String number,
            Caller caller) {
        return impacts.of(code, number, caller);
    }
}
