package org.trustgov.training.subjectaccess;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Pattern;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.trustgov.keycloak.Caller;
import org.trustgov.training.TrainingSettings;

@RestController
@Tag(name = "Subject access", description = "What training-service holds about one person")
public class SubjectAccessController {

    private final SubjectRecords records;
    private final TrainingSettings settings;

    SubjectAccessController(SubjectRecords records, TrainingSettings settings) {
        this.records = records;
        this.settings = settings;
    }

    @GetMapping("/api/training/subject-access/{staffNumber}")
    @PreAuthorize("hasRole('service')")
    @Operation(
            summary = "Everything held about one person, for their subject access bundle",
            description = "audit-service only (it assembles the bundle governance produces, and records that it did): "
                    + "the roster record, every attempt with its completion and certificate, transfers and "
                    + "exemptions, notifications. Others appear by role only.")
    public SubjectRecords.TrainingRecords of(
            @Parameter(example = "10000002")
                    @PathVariable
                    @Pattern(regexp = "[0-9]{8}", message = "must be an 8-digit staff number")
                    String staffNumber,
            Caller caller) {
        if (!caller.serviceAccount() || !settings.snapshotClients().contains(caller.clientId())) {
            throw new AccessDeniedException("Only audit-service assembles a subject access bundle");
        }
        return records.of(staffNumber);
    }
}
