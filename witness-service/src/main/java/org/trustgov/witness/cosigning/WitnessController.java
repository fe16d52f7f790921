package org.trustgov.witness.cosigning;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.trustgov.keycloak.Caller;
import org.trustgov.problem.NotFoundException;

/**
 * The witness's HTTP interface: C2SP tlog-witness {@code add-checkpoint} for audit-service (its service account
 * only), and its key and its record of the latest cosigned checkpoint for auditors and governance.
 */
@RestController
@RequestMapping("/api/witness")
@Tag(
        name = "Audit log witness",
        description = "Cosigns the audit log's checkpoints after checking they extend the last one (C2SP tlog-witness)")
public class WitnessController {

    /** C2SP tlog-witness: the body of a 409, the witness's tree size. */
    static final MediaType TLOG_SIZE = MediaType.parseMediaType("text/x.tlog.size");

    private static final String AUDIT_SERVICE = "audit-service";

    private final Witness witness;

    WitnessController(Witness witness) {
        this.witness = witness;
    }

    @PostMapping(path = "/add-checkpoint", consumes = MediaType.TEXT_PLAIN_VALUE, produces = MediaType.TEXT_PLAIN_VALUE)
    @PreAuthorize("hasRole('service')")
    @Operation(
            summary = "Cosign a checkpoint of the audit log",
            description = "audit-service only. The body is "
                    + "\"old <size>\", the consistency proof's base64 hashes one per line, a blank line, and the signed checkpoint. "
                    + "200: the cosignature line. 409 (text/x.tlog.size): the old size is not the witness's. 422: the proof "
                    + "does not verify, the log was rewritten or cut back.")
    @ApiResponse(
            responseCode = "200",
            description = "The cosignature line",
            content =
                    @Content(
                            mediaType = MediaType.TEXT_PLAIN_VALUE,
                            schema = @Schema(type = "string", maxLength = 200)))
    @ApiResponse(
            responseCode = "409",
            description = "The witness's tree size",
            content = @Content(mediaType = "text/x.tlog.size", schema = @Schema(type = "string", maxLength = 21)))
    @ApiResponse(
            responseCode = "422",
            description = "The consistency proof does not verify",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
                            schema = @Schema(implementation = ProblemDetail.class)))
    public String addCheckpoint(
            @RequestBody @Schema(type = "string", maxLength = Witness.MAX_REQUEST) String body, Caller caller) {
        if (!AUDIT_SERVICE.equals(caller.clientId())) {
            throw new AccessDeniedException("only audit-service submits the audit log's checkpoints");
        }
        return witness.addCheckpoint(body);
    }

    @GetMapping(path = "/key", produces = MediaType.TEXT_PLAIN_VALUE)
    @PreAuthorize("hasAnyRole('governance', 'auditor', 'service')")
    @Operation(
            summary = "The witness's verifier key",
            description =
                    "Governance, auditors and services: give it to "
                            + "the offline verifier beside the log's key (java Verify.java checkpoint <file> <log-vkey>,<witness-vkey>).")
    @ApiResponse(
            responseCode = "200",
            description = "The signed-note verifier key (type 0x04, cosignatures)",
            content =
                    @Content(
                            mediaType = MediaType.TEXT_PLAIN_VALUE,
                            schema = @Schema(type = "string", maxLength = 300)))
    public String key() {
        return witness.verifierKey() + "\n";
    }

    @GetMapping(path = "/checkpoint", produces = MediaType.TEXT_PLAIN_VALUE)
    @PreAuthorize("hasAnyRole('governance', 'auditor', 'service')")
    @Operation(
            summary = "The latest checkpoint the witness cosigned",
            description = "Governance, auditors and services: "
                    + "the log's signed note as the witness checked it (404 before the first).")
    @ApiResponse(
            responseCode = "200",
            description = "The signed note",
            content =
                    @Content(
                            mediaType = MediaType.TEXT_PLAIN_VALUE,
                            schema = @Schema(type = "string", maxLength = Witness.MAX_REQUEST)))
    public String checkpoint() {
        return witness.latest()
                .map(WitnessedLog::checkpoint)
                .orElseThrow(() -> new NotFoundException("The witness has cosigned no checkpoint yet"));
    }

    @ExceptionHandler(WitnessRefusal.class)
    ResponseEntity<?> refused(WitnessRefusal refusal) {
        if (refusal.status() == HttpStatus.CONFLICT && refusal.witnessedSize() != null) {
            return ResponseEntity.status(HttpStatus.CONFLICT)
                    .contentType(TLOG_SIZE)
                    .body(refusal.witnessedSize() + "\n");
        }
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(refusal.status(), refusal.getMessage());
        return ResponseEntity.status(refusal.status())
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }
}
