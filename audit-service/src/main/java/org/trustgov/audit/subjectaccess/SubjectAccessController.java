package org.trustgov.audit.subjectaccess;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.time.LocalDate;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.trustgov.keycloak.Caller;
import org.trustgov.starter.validation.PlausibleDate;

@RestController
@Tag(name = "Subject access", description = "Everything the platform holds about one person, verifiable offline")
public class SubjectAccessController {

    public record SubjectAccessRequest(
            @NotBlank @Pattern(regexp = "[0-9]{8}", message = "must be an 8-digit staff number")
            String staffNumber,

            @NotNull @PlausibleDate LocalDate requestedOn) {}

    private final SubjectAccessBundles bundles;

    SubjectAccessController(SubjectAccessBundles bundles) {
        this.bundles = bundles;
    }

    @PostMapping("/api/audit/subject-access")
    @PreAuthorize("hasRole('governance')")
    @Operation(
            summary = "Make a person's subject access bundle",
            description = "Governance. One document with everything the platform holds about the person: the roster "
                    + "record, attempts, completions, certificates, transfers and exemptions, notifications "
                    + "(training-service), acknowledgements and consultation comments (policy-service), the incidents "
                    + "they are the subject or the named reporter of, every read of their records, and the log's "
                    + "entries about them with a signed, witnessed checkpoint, inclusion proofs and the manifest, so "
                    + "`java Verify.java bundle` checks it offline. Other people appear by role, never by name or "
                    + "number. `respondBy` is one month from `requestedOn`. Making it is recorded in the log "
                    + "(`export.sealed`: who, for whom, when). 404 when the platform holds nothing about the staff "
                    + "number; 503 (nothing made) when training- or policy-service cannot answer.")
    public SubjectAccessBundles.SubjectAccessBundle make(
            @Valid @RequestBody SubjectAccessRequest request, Caller caller) {
        return bundles.make(request.staffNumber(), request.requestedOn(), caller);
    }
}
