package org.trustgov.audit.access;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.springdoc.core.annotations.ParameterObject;
import org.springframework.data.domain.Pageable;
import org.springframework.data.web.PageableDefault;
import org.springframework.data.web.PagedModel;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.trustgov.auditclient.access.AccessRecord;
import org.trustgov.auditclient.access.AccessRecord.What;
import org.trustgov.keycloak.Caller;
import org.trustgov.problem.BadRequestException;
import org.trustgov.starter.validation.PlausibleDate;

@RestController
@Tag(name = "Access records", description = "Who read records about a person, and who was refused")
public class AccessRecordController {

    /** A batch of another service's access records. */
    public record Batch(
            @NotBlank @Size(max = 64) @Pattern(regexp = "[A-Za-z0-9-]+")
            String batchId,

            @NotNull @Size(min = 1, max = 500) List<@Valid @NotNull AccessRecord> records) {}

    /** What the other services serve, and so may record; incidents and outcomes are this service's own. */
    static final Set<What> RELAYED =
            EnumSet.of(What.COMPLIANCE_RECORD, What.STAFF_RECORD, What.CERTIFICATE, What.ATTEMPT);

    private final AccessRecords records;
    private final AccessRecordStore store;

    AccessRecordController(AccessRecords records, AccessRecordStore store) {
        this.records = records;
        this.store = store;
    }

    @PostMapping("/api/audit/access-records")
    @PreAuthorize("hasRole('service')")
    @Operation(
            summary = "Take a batch of another service's access records",
            description = "The platform's services only (training-service relays who read people's training, "
                    + "compliance and staff records). At most 500 records; each names a kind of record that service "
                    + "serves (400 naming `records[i].what` otherwise), and is kept as that service's, whatever it "
                    + "says. The same batch id twice is kept once. The log binds each batch's Merkle root. A record "
                    + "about a person or case already disposed of, or read by a person disposed of, is kept as the "
                    + "disposal left the others, without them; `disposed` counts those, so that the sender compacts "
                    + "its own copy away.")
    public Taken take(@Valid @RequestBody Batch batch, Caller caller) {
        if (!caller.serviceAccount()) {
            throw new AccessDeniedException("Only the platform's services send access records");
        }
        List<AccessRecord> own = new java.util.ArrayList<>();
        for (int i = 0; i < batch.records().size(); i++) {
            AccessRecord r = batch.records().get(i);
            if (!RELAYED.contains(r.what())) {
                throw new BadRequestException("records[" + i + "].what", "is audit-service's own to record");
            }
            own.add(r.from(caller.clientId()));
        }
        return new Taken(own.size(), store.keep(batch.batchId(), own));
    }

    /**
     * What became of a batch.
     *
     * @param records  the records it had
     * @param disposed those kept without the person or case a disposal had already taken (a tombstone, or read by
     *                 {@code [destroyed]})
     */
    public record Taken(int records, int disposed) {}

    @GetMapping("/api/audit/access-records")
    @PreAuthorize("hasAnyRole('governance', 'auditor')")
    @Operation(
            summary = "Access records, newest first",
            description = "Governance and auditors: who read (or was refused) which record about whom, in which "
                    + "role and department, when, by a page or the API. Filter by the person the record is about, "
                    + "the record (an incident reference or a staff number), the viewer (`staff:10000004`, "
                    + "`client:hr-system`) and a time range.")
    public PagedModel<StoredAccessRecord> find(
            @Parameter(example = "10000002")
                    @RequestParam(required = false)
                    @Pattern(regexp = "[0-9]{8}", message = "must be an 8-digit staff number")
                    String subject,
            @Parameter(example = "SMB-2026-000001") @RequestParam(required = false) @Size(max = 100) String recordId,
            @Parameter(example = "staff:10000004") @RequestParam(required = false) @Size(max = 200) String viewer,
            @RequestParam(required = false) @PlausibleDate Instant from,
            @RequestParam(required = false) @PlausibleDate Instant to,
            @ParameterObject @PageableDefault(size = 50) Pageable page) {
        return new PagedModel<>(records.find(subject, recordId, viewer, from, to, bounded(page)));
    }

    @GetMapping("/api/audit/access-records/mine")
    @PreAuthorize("isAuthenticated()")
    @Operation(
            summary = "Who read records about me",
            description = "A person: each read of their incidents, outcomes, training, compliance and staff "
                    + "records by someone else, and each refused attempt, newest first: the reader's role and "
                    + "department (their staff number only where the trust allows it). A client is 403.")
    public PagedModel<AccessRecords.SeenByYou> mine(
            @ParameterObject @PageableDefault(size = 50) Pageable page, Caller caller) {
        if (!caller.isPerson() || caller.staffNumber() == null) {
            throw new AccessDeniedException("Access records are about people; your token names no staff number");
        }
        return new PagedModel<>(records.aboutPerson(caller.staffNumber(), bounded(page)));
    }

    @GetMapping("/api/audit/access-records/verify")
    @PreAuthorize("hasAnyRole('governance', 'auditor')")
    @Operation(
            summary = "Check the access records against the log",
            description = "Each batch written in the range (at most "
                    + AccessRecords.MAX_BATCHES
                    + " per call, oldest first; default the last day): its Merkle root recomputed from its records "
                    + "as kept must be the root its `access.recorded` log entry binds. Names altered batches, batches "
                    + "the log does not have, and batches a stop left not yet bound.")
    public AccessRecords.Verification verify(
            @RequestParam(required = false) @PlausibleDate Instant from,
            @RequestParam(required = false) @PlausibleDate Instant to) {
        Instant end = to == null ? Instant.now() : to;
        Instant start = from == null ? end.minus(Duration.ofDays(1)) : from;
        if (!start.isBefore(end)) {
            throw new BadRequestException("to", "must be after from");
        }
        return records.verify(start, end);
    }

    /** The page asked for (at most 200, spring.data.web.pageable), newest first whatever sort was asked for. */
    private static Pageable bounded(Pageable page) {
        return org.springframework.data.domain.PageRequest.of(page.getPageNumber(), page.getPageSize());
    }
}
