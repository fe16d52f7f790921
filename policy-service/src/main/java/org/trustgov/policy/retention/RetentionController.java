package org.trustgov.policy.retention;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Pattern;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.trustgov.auditclient.AuditOutbox;
import org.trustgov.keycloak.Caller;
import org.trustgov.policy.attestations.AttestationErasure;

@RestController
@Validated
@Tag(name = "Retention", description = "policy-service's part in disposal, for audit-service's disposal job only")
public class RetentionController {

    private final AttestationErasure attestations;
    private final AuditOutbox outbox;

    RetentionController(AttestationErasure attestations, AuditOutbox outbox) {
        this.attestations = attestations;
        this.outbox = outbox;
    }

    @DeleteMapping("/api/policy/retention/records/{recordClass}/{staffNumber}")
    @PreAuthorize("hasRole('service')")
    @Operation(
            summary = "Destroy the copies of one person's training record this service keeps",
            description = "audit-service only (403 for anyone else), once governance approved its disposal list: "
                    + "the person's acknowledgements and their events in the outbox. Idempotent: 204 whether or not "
                    + "anything was left.")
    public ResponseEntity<Void> destroy(
            @PathVariable @Pattern(regexp = "training-record", message = "must be training-record") String recordClass,
            @PathVariable @Pattern(regexp = "[0-9]{8}", message = "must be an 8-digit staff number") String staffNumber,
            Caller caller) {
        if (!"audit-service".equals(caller.clientId())) {
            throw new AccessDeniedException("Only audit-service's disposal job destroys records");
        }
        attestations.erase(staffNumber);
        outbox.forget(staffNumber);
        return ResponseEntity.noContent().build();
    }
}
