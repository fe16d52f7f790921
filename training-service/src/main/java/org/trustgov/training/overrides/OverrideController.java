package org.trustgov.training.overrides;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.trustgov.keycloak.Caller;

@RestController
@Tag(
        name = "Overrides",
        description = "Completions earned elsewhere and exemptions, recorded by one and approved by another")
public class OverrideController {

    public record RefusalRequest(@NotBlank @Size(max = 2000) String reason) {}

    private final TrainingOverrides overrides;

    OverrideController(TrainingOverrides overrides) {
        this.overrides = overrides;
    }

    @PostMapping("/api/training/overrides")
    @PreAuthorize("hasRole('governance')")
    @Operation(
            summary = "Record a transferred completion or an exemption",
            description = "Governance. `TRANSFERRED`: `sourceOrganisation`, `earnedOn` (not in the future); "
                    + "`EXEMPT`: `reason`, `expiresOn` (in the future, within three years); both: "
                    + "`evidenceReference`. Each missing or misplaced field is 400 naming it; a module not published "
                    + "or a person not on the roster is 400 too; an override of the same module for the same person "
                    + "awaiting approval already is 409. It counts only once another member of governance approves it.")
    public ResponseEntity<TrainingOverride> record(@Valid @RequestBody OverrideRequest request, Caller caller) {
        return ResponseEntity.status(HttpStatus.CREATED).body(overrides.record(request, caller));
    }

    @PostMapping("/api/training/staff/transfers")
    @PreAuthorize("hasRole('hr-integration')")
    @Operation(
            summary = "HR sends transferred completions with the roster",
            description = "HR integration: up to 1,000 completions a new starter earned at another organisation, "
                    + "as the Inter-Authority Transfer gives them (`kind: TRANSFERRED`, the same fields and checks "
                    + "as governance's, 400 naming `[i].field`: one refused, none recorded). Each is recorded once "
                    + "(the same person, module, day and organisation again is known already) and counts once a "
                    + "member of governance approves it.")
    public TrainingOverrides.TransfersReceived transfers(
            @RequestBody @Size(min = 1, max = TrainingOverrides.MAX_TRANSFERS)
                    List<@Valid @NotNull OverrideRequest> transfers,
            Caller caller) {
        return overrides.recordTransfers(transfers, caller);
    }

    @GetMapping("/api/training/overrides")
    @PreAuthorize("hasAnyRole('governance', 'auditor')")
    @Operation(
            summary = "Overrides, newest first",
            description = "Governance and auditors; those with one status, or of one person, at most 500.")
    @ApiResponse(
            responseCode = "200",
            content =
                    @Content(
                            array =
                                    @ArraySchema(
                                            maxItems = TrainingOverrides.MAX_LISTED,
                                            schema = @Schema(implementation = TrainingOverride.class))))
    public List<TrainingOverride> list(
            @RequestParam(required = false) TrainingOverride.Status status,
            @Parameter(example = "10000002")
                    @RequestParam(required = false)
                    @Pattern(regexp = "[0-9]{8}", message = "must be an 8-digit staff number")
                    String staffNumber) {
        return overrides.list(status, staffNumber);
    }

    @PostMapping("/api/training/overrides/{id}/approval")
    @PreAuthorize("hasRole('governance')")
    @Operation(
            summary = "Approve an override: from now it counts",
            description = "Another member of governance than the one who recorded it and than the person it is of "
                    + "(those two: 403). 409 unless "
                    + "it awaits approval, or when its module is no longer published. A transferred completion "
                    + "counts from the day it was earned for the module's refresher period; an exemption until the "
                    + "end of its day. An override never shortens what the person already has.")
    public TrainingOverride approve(@PathVariable @Size(max = 40) String id, Caller caller) {
        return overrides.approve(id, caller);
    }

    @PostMapping("/api/training/overrides/{id}/refusal")
    @PreAuthorize("hasRole('governance')")
    @Operation(
            summary = "Refuse an override, saying why",
            description =
                    "Another member of governance than the one who recorded it and than the person it is of (403); "
                            + "409 unless it awaits approval.")
    public TrainingOverride refuse(
            @PathVariable @Size(max = 40) String id, @Valid @RequestBody RefusalRequest request, Caller caller) {
        return overrides.refuse(id, request.reason(), caller);
    }
}
