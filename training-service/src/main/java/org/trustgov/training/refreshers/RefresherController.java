package org.trustgov.training.refreshers;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.time.Instant;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.trustgov.keycloak.Caller;
import org.trustgov.starter.idempotency.IdempotencyKey;
import org.trustgov.starter.idempotency.IdempotencyKeys;
import org.trustgov.starter.idempotency.KeyedSending;

@RestController
@RequestMapping("/api/training/refreshers")
@Tag(
        name = "Targeted refreshers",
        description = "A module citing a clause, assigned to one department's staff (or a manager's chain) because "
                + "incidents cited that clause there, with a due date")
public class RefresherController {

    /** A refresher and how its group stands: how many carry it and how many completed the module since it was assigned. */
    @Schema(description = "A targeted refresher and how its group stands now")
    public record RefresherView(
            String id,
            String policyCode,
            String clause,
            String department,

            @Schema(description = "The line manager whose chain it went to; null: the whole department")
            String manager,

            String moduleCode,
            int moduleVersion,
            Instant assignedAt,

            @Schema(description = "The end of the due day (UTC)")
            Instant dueAt,

            String assignedBy,

            @Schema(description = "Active staff in the group when it was assigned")
            long groupSize,

            @Schema(description = "Staff who carry it now (a later refresher on the same module replaces it)")
            long assigned,

            @Schema(description = "Of those, how many completed the module on or after the assignment")
            long completed) {

        static RefresherView of(TargetedRefreshers.Standing s) {
            TargetedRefresher r = s.refresher();
            return new RefresherView(
                    r.getId(),
                    r.getPolicyCode(),
                    r.getClause(),
                    r.getDepartment(),
                    r.getManager(),
                    r.getModuleCode(),
                    r.getModuleVersion(),
                    r.getAssignedAt(),
                    r.getDueAt(),
                    r.getAssignedBy(),
                    r.getGroupSize(),
                    s.progress().assigned(),
                    s.progress().completed());
        }
    }

    private final TargetedRefreshers refreshers;

    RefresherController(TargetedRefreshers refreshers) {
        this.refreshers = refreshers;
    }

    @PostMapping
    @PreAuthorize("hasRole('governance')")
    @ApiResponse(responseCode = "201", description = "Assigned, or assigned by an earlier sending with the same key")
    @Operation(
            summary = "Assign a targeted refresher",
            description =
                    "Governance, usually from a signal on the reports page. The module must be published and cite "
                            + "the clause (400 naming moduleCode otherwise), the group must hold active staff (400 naming "
                            + "department or manager), the due day today or later (400 naming dueOn). Each member of the group "
                            + "must complete the module again on or after today: it shows on their to-do list (without the "
                            + "reason), counts in compliance (DUE_SOON, then EXPIRED once the due day has passed) and is in "
                            + "the audit log.")
    public ResponseEntity<RefresherView> assign(
            @Valid @RequestBody RefresherRequest request, IdempotencyKey idempotencyKey, Caller caller) {
        KeyedSending.Made<TargetedRefreshers.Standing> assigned = refreshers.assign(request, caller, idempotencyKey);
        return ResponseEntity.status(HttpStatus.CREATED)
                .headers(IdempotencyKeys.answerHeaders(assigned.replayed()))
                .body(RefresherView.of(assigned.made()));
    }

    @GetMapping
    @PreAuthorize("hasAnyRole('governance', 'auditor', 'line-manager', 'service')")
    @Operation(
            summary = "Targeted refreshers, newest first, with how each group stands",
            description = "Governance, auditors and the platform's services see every department's (audit-service "
                    + "measures incidents before and after each); a line manager sees their own department's.")
    @io.swagger.v3.oas.annotations.responses.ApiResponse(
            responseCode = "200",
            description = "The refreshers, newest first (at most " + TargetedRefreshers.MAX_LISTED + ")",
            content =
                    @io.swagger.v3.oas.annotations.media.Content(
                            array =
                                    @ArraySchema(
                                            maxItems = TargetedRefreshers.MAX_LISTED,
                                            schema = @Schema(implementation = RefresherView.class))))
    public List<RefresherView> list(Caller caller) {
        return refreshers.list(caller.departmentSeen("refreshers", "governance", "auditor", "service")).stream()
                .map(RefresherView::of)
                .toList();
    }
}
