package org.trustgov.policy.attestations;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.trustgov.keycloak.Caller;
import org.trustgov.policy.attestations.AttestationViews.Acknowledgement;
import org.trustgov.policy.attestations.AttestationViews.Coverage;
import org.trustgov.policy.attestations.AttestationViews.InForce;
import org.trustgov.policy.attestations.AttestationViews.Mine;
import org.trustgov.policy.policies.Policy;

@RestController
@Tag(name = "Attestations", description = "Staff acknowledging the policy in force")
public class AttestationController {

    private final AttestationService attestations;

    AttestationController(AttestationService attestations) {
        this.attestations = attestations;
    }

    @PostMapping("/api/policy/policies/{code}/versions/{number}/attestations")
    @PreAuthorize("hasRole('staff')")
    @Operation(
            summary = "Acknowledge the version in force",
            description =
                    "Staff. The staff number comes from the token. 201 the first time, 200 when already acknowledged "
                            + "(this major version); 409 for another version of the policy, 404 for one it does not have.")
    public ResponseEntity<Acknowledgement> acknowledge(
            @PathVariable String code, @PathVariable String number, Caller caller) {
        Acknowledgement result = attestations.acknowledge(code, number, caller);
        return ResponseEntity.status(result.created() ? HttpStatus.CREATED : HttpStatus.OK)
                .body(result);
    }

    @GetMapping("/api/policy/attestations/mine")
    @PreAuthorize("hasRole('staff')")
    @Operation(summary = "My acknowledgements and the policies I still need to acknowledge")
    public Mine mine(Caller caller) {
        return attestations.mine(caller);
    }

    @GetMapping("/api/policy/attestations/in-force")
    @PreAuthorize("hasRole('service')")
    @Operation(
            summary = "The versions in force and who acknowledged them",
            description = "Services (training-service's reminders): each policy version in force, since when its "
                    + "major version applies, and the staff numbers who acknowledged it.")
    @ApiResponse(
            responseCode = "200",
            description = "One entry per policy in force",
            content =
                    @Content(
                            array =
                                    @ArraySchema(
                                            maxItems = Policy.MAX_POLICIES,
                                            schema = @Schema(implementation = InForce.class))))
    public List<InForce> inForce() {
        return attestations.inForce();
    }

    @GetMapping("/api/policy/policies/{code}/coverage")
    @PreAuthorize("hasAnyRole('governance', 'line-manager')")
    @Operation(
            summary = "Acknowledgements of the version in force by department",
            description = "Governance: every department. Line managers: their own department only.")
    public Coverage coverage(@PathVariable String code, Caller caller) {
        return attestations.coverage(code, caller);
    }
}
