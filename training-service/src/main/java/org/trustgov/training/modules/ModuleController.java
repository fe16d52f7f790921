package org.trustgov.training.modules;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.trustgov.keycloak.Caller;
import org.trustgov.problem.NotFoundException;

@RestController
@RequestMapping("/api/training/modules")
@Tag(name = "Modules", description = "Training modules bound to a policy version")
public class ModuleController {

    private final ModuleService modules;
    private final ModuleReviews reviews;

    ModuleController(ModuleService modules, ModuleReviews reviews) {
        this.modules = modules;
        this.reviews = reviews;
    }

    /** Governance confirms that a module still holds under a newer version of its policy. */
    public record ReviewConfirmation(
            @jakarta.validation.constraints.NotBlank
            @jakarta.validation.constraints.Pattern(
                    regexp = "[0-9]{1,4}\\.[0-9]{1,4}",
                    message = "must be major.minor, e.g. 2.1")
            String policyVersion) {}

    @GetMapping("/reviews")
    @PreAuthorize("hasAnyRole('governance', 'policy-author')")
    @Operation(
            summary = "Published modules needing review",
            description = "Governance and policy authors: each published module that cites a clause which a newer "
                    + "approved or published version of its policy changed or removed, with those clauses. A minor "
                    + "version does not end completions, but the module may now teach the old wording. The flag "
                    + "clears when the module is republished against that version or governance confirms it still "
                    + "holds. When policy-service cannot answer, `missing` names it.")
    public ModuleReviews.Reviews reviews() {
        return reviews.needingReview();
    }

    @PostMapping("/{code}/reviews")
    @PreAuthorize("hasRole('governance')")
    @Operation(
            summary = "Confirm a module still holds under a newer policy version",
            description =
                    "Governance. Clears the module's review flag against that version and logs the "
                            + "confirmation; 409 when the module is not flagged against it, 503 when policy-service cannot say.")
    public ModuleReviews.NeedsReview confirmReview(
            @PathVariable String code,
            @jakarta.validation.Valid @org.springframework.web.bind.annotation.RequestBody ReviewConfirmation request,
            Caller caller) {
        return reviews.confirm(code, request.policyVersion(), caller);
    }

    /** The published modules that cite one clause, and where. */
    public record CitingModules(
            @ArraySchema(maxItems = TrainingModule.MAX_MODULES)
            List<ModuleService.Citing> modules) {}

    @GetMapping("/citing")
    @PreAuthorize("hasAnyRole('governance', 'policy-author', 'auditor')")
    @Operation(
            summary = "The published modules whose sections or questions cite a clause",
            description = "Governance, policy authors and auditors: for each, its version, the policy version it "
                    + "teaches, and the headings of the sections and the ids of the questions that cite the clause.")
    public CitingModules citing(
            @RequestParam
                    @jakarta.validation.constraints.Pattern(
                            regexp = "[A-Z]{2,5}-[0-9]{3}",
                            message = "must look like SM-001")
                    String policyCode,
            @RequestParam
                    @jakarta.validation.constraints.Pattern(
                            regexp = ModuleRequest.CLAUSE,
                            message = ModuleRequest.CLAUSE_MESSAGE)
                    String clause) {
        return new CitingModules(modules.citing(policyCode, clause));
    }

    @GetMapping("/manage")
    @PreAuthorize("hasRole('governance')")
    @Operation(summary = "Every module version, with answers", description = "Governance.")
    @ApiResponse(
            responseCode = "200",
            description = "Every module version by code (the trust keeps at most 1,000)",
            content =
                    @Content(
                            array =
                                    @ArraySchema(
                                            maxItems = TrainingModule.MAX_MODULES,
                                            schema = @Schema(implementation = ModuleViews.Full.class))))
    public List<ModuleViews.Full> all() {
        return modules.all().stream().map(ModuleViews.Full::of).toList();
    }

    @GetMapping
    @PreAuthorize("isAuthenticated()")
    @Operation(summary = "Published modules as learners see them", description = "Anyone signed in. No answers.")
    @ApiResponse(
            responseCode = "200",
            description = "The published modules by code, one version each",
            content =
                    @Content(
                            array =
                                    @ArraySchema(
                                            maxItems = TrainingModule.MAX_MODULES,
                                            schema = @Schema(implementation = ModuleViews.ForLearner.class))))
    public List<ModuleViews.ForLearner> published() {
        return modules.published().stream().map(ModuleViews.ForLearner::of).toList();
    }

    @GetMapping("/{code}/versions/{version}")
    @PreAuthorize("isAuthenticated()")
    @Operation(summary = "One published module as a learner sees it", description = "No answers; drafts are 404 here.")
    public ModuleViews.ForLearner one(@PathVariable String code, @PathVariable int version) {
        TrainingModule module = modules.get(code, version);
        if (module.getStatus() != TrainingModule.Status.PUBLISHED) {
            throw new NotFoundException("No published module " + code + " v" + version);
        }
        return ModuleViews.ForLearner.of(module);
    }

    @GetMapping("/{code}/versions/{version}/manage")
    @PreAuthorize("hasRole('governance')")
    @Operation(summary = "One module version with answers", description = "Governance.")
    public ModuleViews.Full manage(@PathVariable String code, @PathVariable int version) {
        return ModuleViews.Full.of(modules.get(code, version));
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize("hasRole('governance')")
    @Operation(summary = "Create a module version as a draft", description = "Governance.")
    public ModuleViews.Full create(@Valid @RequestBody ModuleRequest request, Caller caller) {
        return ModuleViews.Full.of(modules.create(request, caller));
    }

    @PutMapping("/{code}/versions/{version}")
    @PreAuthorize("hasRole('governance')")
    @Operation(summary = "Edit a draft module", description = "Governance. Published versions are fixed (409).")
    public ModuleViews.Full edit(
            @PathVariable String code, @PathVariable int version, @Valid @RequestBody ModuleRequest request) {
        return ModuleViews.Full.of(modules.edit(code, version, request));
    }

    @PostMapping("/preview")
    @PreAuthorize("hasRole('governance')")
    @Operation(
            summary = "Render a section as learners will see it",
            description =
                    "Governance, while writing a module: the Markdown rendered by the same CommonMark renderer as "
                            + "published modules (HTML in the source escaped, unsafe links removed). Nothing is stored.")
    public ModuleViews.LearnerSection preview(@Valid @RequestBody ModuleRequest.Section section) {
        return ModuleViews.LearnerSection.of(section);
    }

    @PostMapping("/{code}/versions/{version}/publish")
    @PreAuthorize("hasRole('governance')")
    @Operation(
            summary = "Publish a draft module",
            description =
                    "Governance. The version must be newer than the one in force, which it replaces. policy-service "
                            + "must confirm the taught policy version is published (409 if not; 503 if it cannot be reached, nothing "
                            + "changed). Of two concurrent publications one wins and the other gets 409.")
    public ModuleViews.Full publish(@PathVariable String code, @PathVariable int version, Caller caller) {
        return ModuleViews.Full.of(modules.publish(code, version, caller));
    }

    @PostMapping("/{code}/versions/{version}/retire")
    @PreAuthorize("hasRole('governance')")
    @Operation(
            summary = "Retire a module version",
            description =
                    "Governance. The version in force stops being published (until another is); a draft is withdrawn.")
    public ModuleViews.Full retire(@PathVariable String code, @PathVariable int version, Caller caller) {
        return ModuleViews.Full.of(modules.retire(code, version, caller));
    }
}
