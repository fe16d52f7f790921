package org.trustgov.training.impact;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.LinkedHashSet;
import java.util.List;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.trustgov.training.attempts.TrainingRecords;
import org.trustgov.training.modules.ModuleRequest;
import org.trustgov.training.modules.ModuleService;
import org.trustgov.training.modules.TrainingModule;

/**
 * What a change to some clauses of a policy touches in training: the published modules that cite them, and how many
 * completions each holds. policy-service asks it for a draft's impact (issue 28).
 */
@RestController
@Tag(name = "Clause impact", description = "The modules and completions a change to clauses touches")
public class ClauseImpactController {

    /** A published module citing some of the asked clauses. */
    public record CitingModule(
            String code,
            int version,
            String title,
            String policyVersion,
            @ArraySchema(maxItems = MAX_CLAUSES) List<String> clauses,
            long completions) {}

    public record ClauseImpact(
            String policyCode,

            @ArraySchema(maxItems = TrainingModule.MAX_MODULES)
            List<CitingModule> modules) {}

    /** As many as a query parameter may repeat ({@code trustgov.web.max-parameter-values}, 20). */
    static final int MAX_CLAUSES = 20;

    private final ModuleService modules;
    private final TrainingRecords records;

    ClauseImpactController(ModuleService modules, TrainingRecords records) {
        this.modules = modules;
        this.records = records;
    }

    @GetMapping("/api/training/impact/clauses")
    @PreAuthorize("hasAnyRole('governance', 'policy-author', 'auditor', 'service')")
    @Operation(
            summary = "The published modules citing any of some clauses, with their completions",
            description = "For each published module of the policy whose sections or questions cite any of the "
                    + "clauses (`clause` repeated, at most 20): which of them it cites, and how many people passed "
                    + "that version. Governance, policy authors, auditors and the platform's services.")
    public ClauseImpact clauses(
            @RequestParam @Pattern(regexp = "[A-Z]{2,5}-[0-9]{3}", message = "must look like SM-001") String policyCode,
            @RequestParam @Size(min = 1, max = MAX_CLAUSES)
                    List<@Pattern(regexp = ModuleRequest.CLAUSE, message = ModuleRequest.CLAUSE_MESSAGE) String>
                            clause) {
        List<ModuleService.CitingAny> citing = modules.citingAny(policyCode, new LinkedHashSet<>(clause));
        java.util.Map<String, Integer> versions = new java.util.LinkedHashMap<>();
        citing.forEach(c -> versions.put(c.module().getCode(), c.module().getVersion()));
        java.util.Map<String, Long> completions = records.completionsOf(versions);
        return new ClauseImpact(
                policyCode,
                citing.stream()
                        .map(c -> new CitingModule(
                                c.module().getCode(),
                                c.module().getVersion(),
                                c.module().getTitle(),
                                c.module().getPolicyVersion(),
                                List.copyOf(c.clauses()),
                                completions.get(c.module().getCode())))
                        .toList());
    }
}
