package org.trustgov.policy.versions;

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
import org.trustgov.policy.policies.Policy;
import org.trustgov.problem.NotFoundException;

@RestController
@RequestMapping("/api/policy/policies/{code}/versions")
@Tag(name = "Versions", description = "Policy versions, their lifecycle and their clauses")
public class VersionController {

    private final VersionService versions;

    VersionController(VersionService versions) {
        this.versions = versions;
    }

    @GetMapping
    @PreAuthorize("isAuthenticated()")
    @Operation(
            summary = "List a policy's versions",
            description = "Drafts and approved versions only for authors and governance.")
    @ApiResponse(
            responseCode = "200",
            description = "The versions, newest first (a policy holds at most " + Policy.MAX_VERSIONS + ")",
            content =
                    @Content(
                            array =
                                    @ArraySchema(
                                            maxItems = Policy.MAX_VERSIONS,
                                            schema = @Schema(implementation = VersionView.class))))
    public List<VersionView> list(@PathVariable String code, Caller caller) {
        return versions.list(code, caller).stream()
                .map(VersionService.Versioned::view)
                .toList();
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize("hasAnyRole('policy-author', 'governance')")
    @Operation(
            summary = "Start a new draft version",
            description = "Its number must be greater than every existing version.")
    public VersionView create(@PathVariable String code, @Valid @RequestBody NewVersionRequest request, Caller caller) {
        return versions.createDraft(code, request, caller).view();
    }

    @GetMapping("/{number}")
    @PreAuthorize("isAuthenticated()")
    @Operation(summary = "Read a version with its clauses")
    public VersionView get(@PathVariable String code, @PathVariable String number, Caller caller) {
        return versions.get(code, number, caller).view();
    }

    @PutMapping("/{number}")
    @PreAuthorize("hasAnyRole('policy-author', 'governance')")
    @Operation(summary = "Edit a draft", description = "Only drafts change: anything else is 409.")
    public VersionView edit(
            @PathVariable String code,
            @PathVariable String number,
            @Valid @RequestBody VersionContent content,
            Caller caller) {
        return versions.edit(code, number, content, caller).view();
    }

    @PostMapping("/{number}/submit")
    @PreAuthorize("hasAnyRole('policy-author', 'governance')")
    @Operation(summary = "Open a draft for consultation (DRAFT → IN_REVIEW)")
    public VersionView submit(@PathVariable String code, @PathVariable String number, Caller caller) {
        return versions.submitForReview(code, number, caller).view();
    }

    @PostMapping("/{number}/return-to-draft")
    @PreAuthorize("hasAnyRole('policy-author', 'governance')")
    @Operation(summary = "Send a version in review or approved back to draft for changes")
    public VersionView returnToDraft(@PathVariable String code, @PathVariable String number, Caller caller) {
        return versions.returnToDraft(code, number, caller).view();
    }

    @PostMapping("/{number}/approve")
    @PreAuthorize("hasRole('governance')")
    @Operation(
            summary = "Approve a version (IN_REVIEW → APPROVED)",
            description = "Governance. 409 when the approver wrote the version or comments are unresolved.")
    public VersionView approve(@PathVariable String code, @PathVariable String number, Caller caller) {
        return versions.approve(code, number, caller).view();
    }

    @PostMapping("/{number}/publish")
    @PreAuthorize("hasRole('governance')")
    @Operation(
            summary = "Publish an approved version",
            description = "Governance. Atomically supersedes the version in force; 409 if another publication won.")
    public VersionView publish(@PathVariable String code, @PathVariable String number, Caller caller) {
        return versions.publish(code, number, caller).view();
    }

    @GetMapping("/{number}/clauses/{clause}")
    @PreAuthorize("isAuthenticated()")
    @Operation(
            summary = "One clause of a version",
            description = "For citing clauses (audit-service, training-service).")
    public ClauseView clause(
            @PathVariable String code, @PathVariable String number, @PathVariable String clause, Caller caller) {
        return clauseOf(versions.get(code, number, caller), clause);
    }

    @GetMapping("/current")
    @PreAuthorize("isAuthenticated()")
    @Operation(summary = "The version in force", description = "404 when none is published.")
    public VersionView current(@PathVariable String code) {
        return versions.current(code).view();
    }

    @GetMapping("/current/clauses/{clause}")
    @PreAuthorize("isAuthenticated()")
    @Operation(summary = "One clause of the version in force")
    public ClauseView currentClause(@PathVariable String code, @PathVariable String clause) {
        return clauseOf(versions.current(code), clause);
    }

    @GetMapping("/compare")
    @PreAuthorize("isAuthenticated()")
    @Operation(summary = "Clause-by-clause differences between two versions")
    public VersionComparison compare(
            @PathVariable String code, @RequestParam String from, @RequestParam String to, Caller caller) {
        return versions.compare(code, from, to, caller);
    }

    private static ClauseView clauseOf(VersionService.Versioned v, String clause) {
        return v.version()
                .clause(clause)
                .map(c -> new ClauseView(
                        v.policy().getCode(),
                        v.version().getNumber(),
                        v.version().status(v.policy()),
                        v.version().contentHash(v.policy()),
                        c))
                .orElseThrow(() -> new NotFoundException("Version "
                        + v.version().getNumber() + " of " + v.policy().getCode() + " has no clause " + clause));
    }
}
