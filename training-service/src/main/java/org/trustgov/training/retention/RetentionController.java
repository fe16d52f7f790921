package org.trustgov.training.retention;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.trustgov.keycloak.Caller;
import org.trustgov.starter.validation.PlausibleDate;

@RestController
@Validated
@Tag(name = "Retention", description = "training-service's part in disposal, for audit-service's disposal job only")
public class RetentionController {

    private static final String CLASS = "training-record|staff-record";

    private final RecordDisposal disposal;

    RetentionController(RecordDisposal disposal) {
        this.disposal = disposal;
    }

    @GetMapping("/api/training/retention/records")
    @PreAuthorize("hasRole('service')")
    @Operation(
            summary = "Records whose retention started before a moment",
            description = "audit-service only (its service account; 403 for anyone else): the people whose latest "
                    + "completion (`startsAt=completion-recorded`) or leaving date (`staff-member-left`) is before "
                    + "`before`, longest ago first.")
    public List<RecordDisposal.Ended> ended(
            @RequestParam @Pattern(regexp = CLASS, message = "must be training-record or staff-record")
                    String recordClass,
            @RequestParam @Pattern(regexp = "[a-z-]{1,40}", message = "must be a retention event") String startsAt,
            @RequestParam @PlausibleDate Instant before,
            @RequestParam(defaultValue = "1000") @Min(1) @Max(1000) int limit,
            Caller caller) {
        requireTheDisposalJob(caller);
        return disposal.ended(recordClass, startsAt, before, limit);
    }

    @GetMapping("/api/training/retention/records/{recordClass}/{staffNumber}")
    @PreAuthorize("hasRole('service')")
    @Operation(
            summary = "One person's record of a class, as the disposal job would list it",
            description = "audit-service only (403 for anyone else), for the record's own page: when its retention "
                    + "started (`null` while the event it runs from has not happened). 404 when there is none.")
    public RecordDisposal.Ended find(
            @PathVariable @Pattern(regexp = CLASS, message = "must be training-record or staff-record")
                    String recordClass,
            @PathVariable @Pattern(regexp = "[0-9]{8}", message = "must be an 8-digit staff number") String staffNumber,
            @RequestParam @Pattern(regexp = "[a-z-]{1,40}", message = "must be a retention event") String startsAt,
            Caller caller) {
        requireTheDisposalJob(caller);
        return disposal.find(recordClass, startsAt, staffNumber)
                .orElseThrow(() -> new org.trustgov.problem.NotFoundException(
                        "training-service has no " + recordClass + " of " + staffNumber));
    }

    @PostMapping("/api/training/retention/employment")
    @PreAuthorize("hasRole('service')")
    @Operation(
            summary = "Which of these people are still employed now",
            description = "audit-service only (403 for anyone else), for a disposal list still to be decided and "
                    + "before a leaver's roster record is destroyed (not when HR has rehired them): of the staff "
                    + "numbers asked (at most 1,000), those on the roster and active now, in the order asked. A "
                    + "question, sent as a POST because a thousand numbers do not fit in an address.")
    public Employment employment(@Valid @RequestBody EmploymentQuery query, Caller caller) {
        requireTheDisposalJob(caller);
        java.util.Set<String> employed = disposal.stillEmployed(query.staffNumbers());
        return new Employment(query.staffNumbers().stream()
                .distinct()
                .filter(employed::contains)
                .toList());
    }

    /** The staff numbers to ask about. */
    public record EmploymentQuery(
            @NotNull @Size(max = MAX_ASKED, message = "at most 1000 staff numbers a call")
            List<@NotNull @Pattern(regexp = "[0-9]{8}", message = "must be an 8-digit staff number") String>
                    staffNumbers) {}

    /** Those of the asked people still employed now. */
    public record Employment(
            @ArraySchema(maxItems = MAX_ASKED, schema = @Schema(pattern = "[0-9]{8}", maxLength = 8))
            List<String> stillEmployed) {}

    /** The most staff numbers one question names (a disposal list's items). */
    static final int MAX_ASKED = 1_000;

    @DeleteMapping("/api/training/retention/records/{recordClass}/{staffNumber}")
    @PreAuthorize("hasRole('service')")
    @Operation(
            summary = "Destroy one person's record of a class, every copy",
            description = "audit-service only, once governance approved its disposal list (two people). Idempotent: "
                    + "204 whether or not anything was left. Records of reads of the person not yet relayed to "
                    + "audit-service stop naming them; 503 when those queued cannot be written (the job tries again).")
    public ResponseEntity<Void> destroy(
            @PathVariable @Pattern(regexp = CLASS, message = "must be training-record or staff-record")
                    String recordClass,
            @PathVariable @Pattern(regexp = "[0-9]{8}", message = "must be an 8-digit staff number") String staffNumber,
            Caller caller) {
        requireTheDisposalJob(caller);
        disposal.destroy(recordClass, staffNumber);
        return ResponseEntity.noContent().build();
    }

    private static void requireTheDisposalJob(Caller caller) {
        if (!"audit-service".equals(caller.clientId())) {
            throw new AccessDeniedException("Only audit-service's disposal job destroys records");
        }
    }
}
