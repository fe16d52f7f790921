package org.trustgov.audit.log.chain;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.trustgov.audit.log.sealing.Sealer;
import org.trustgov.keycloak.Caller;
import org.trustgov.problem.BadRequestException;
import org.trustgov.starter.validation.FreeFormJson;
import org.trustgov.starter.validation.PlausibleDate;

@RestController
@Validated
@Tag(name = "Audit log", description = "The append-only, hash-chained audit log and the other services' events")
public class AuditLogController {

    /** An event from another service (policy-service, training-service), delivered from its outbox. */
    @Schema(example = """
            {"eventId":"7d9b6a3e-3f7e-4c53-9a43-2f1f1c0f2a11","source":"policy-service","occurredAt":"2026-11-24T10:15:00Z",
             "actor":"staff:10000004","action":"policy.version.published","target":"SM-001/1.1","details":{"contentHash":"sha256:..."}}""")
    public record EventRequest(
            @NotBlank @Pattern(regexp = "[A-Za-z0-9-]{8,64}", message = "must be 8-64 letters, digits or dashes")
            String eventId,

            @NotBlank @Size(max = 64) String source,
            @NotNull @PlausibleDate Instant occurredAt,

            @NotBlank
            @Pattern(
                    regexp = ACTOR,
                    message = "must be staff:<8-digit staff number>, person:<subject id> or client:<client id>")
            String actor,

            @NotBlank @Pattern(regexp = "[a-z0-9.-]{3,80}", message = "must be lower-case words joined by dots")
            String action,

            @NotBlank @Size(max = 200) String target,

            @FreeFormJson(maxDepth = 4, maxEntries = 100, maxStringLength = 2000) @Size(max = 50)
            Map<@Pattern(regexp = "[A-Za-z0-9_-]{1,64}", message = "keys are letters, digits, _ or -") String, Object>
                    details) {

        /** How services name who did something (see {@code Caller.logName()}). */
        static final String ACTOR = "staff:[0-9]{8}|person:[A-Za-z0-9-]{1,64}|client:[A-Za-z0-9._-]{1,64}";
    }

    /**
     * An entry exactly as stored (its hash covers every field but {@code hash} and {@code opened}) and, when it holds
     * sealed personal values, {@code opened}: those values as the key store opens them, or {@code [destroyed]} with
     * the rule and date their record was destroyed under.
     */
    public record ReadableEntry(
            long sequence,
            Instant at,
            String actor,
            String action,
            String target,
            Map<String, Object> details,
            String source,
            String eventId,
            String previousHash,
            String hash,

            @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
            Sealer.Opened opened) {

        static ReadableEntry of(AuditEntry e, Sealer sealer) {
            java.util.Set<String> keyIds = new java.util.HashSet<>();
            e.sealable().forEach(v -> Sealer.keyIdsIn(v, keyIds));
            return new ReadableEntry(
                    e.getSequence(),
                    e.getAt(),
                    e.getActor(),
                    e.getAction(),
                    e.getTarget(),
                    e.getDetails(),
                    e.getSource(),
                    e.getEventId(),
                    e.getPreviousHash(),
                    e.getHash(),
                    keyIds.isEmpty() ? null : sealer.open(e.getActor(), e.getTarget(), e.getDetails()));
        }
    }

    /** What an append gave: the sequence number and hash, and whether this delivery created it. */
    public record Receipt(long sequence, String hash, boolean created) {}

    private final AuditLog log;
    private final ChainVerifier verifier;
    private final VerificationJobs jobs;
    private final EventSources sources;
    private final Sealer sealer;

    AuditLogController(
            AuditLog log, ChainVerifier verifier, VerificationJobs jobs, EventSources sources, Sealer sealer) {
        this.sealer = sealer;
        this.log = log;
        this.verifier = verifier;
        this.jobs = jobs;
        this.sources = sources;
    }

    @PostMapping("/api/audit/events")
    @PreAuthorize("hasRole('service')")
    @Operation(
            summary = "Append another service's event (idempotent by event id)",
            description =
                    "Services only (role `service`, their own client-credentials token), each for its own events: "
                            + "the actions listed for it under `trustgov.audit.event-sources` (403 otherwise). 201 when appended; "
                            + "200 with `created:false` when this event id is already in the log, so retries never append twice. "
                            + "The source must be the calling client, and the target may not name an incident (`SMB-…`, 403). "
                            + "`details` are small: at most 4 levels, 100 values.")
    public ResponseEntity<Receipt> event(@Valid @RequestBody EventRequest event, Caller caller) {
        if (!event.source().equals(caller.clientId())) {
            throw new BadRequestException("source", "must be the calling service (" + caller.clientId() + ")");
        }
        if (!sources.mayAppend(caller.clientId(), event.action())) {
            throw new AccessDeniedException(
                    "Client " + caller.clientId() + " may not append " + event.action() + " events to the audit log");
        }
        if (EventSources.namesAnIncident(event.target())) {
            throw new AccessDeniedException("The target names an incident: only audit-service's incident workflow "
                    + "writes entries about an incident");
        }
        Map<String, Object> details = new LinkedHashMap<>(event.details() == null ? Map.of() : event.details());
        details.put("occurredAt", event.occurredAt().toString());
        AuditLog.Appended appended = log.append(new AuditRecord(
                event.actor(), event.action(), event.target(), details, event.source(), event.eventId()));
        return ResponseEntity.status(appended.created() ? HttpStatus.CREATED : HttpStatus.OK)
                .body(new Receipt(
                        appended.entry().getSequence(), appended.entry().getHash(), appended.created()));
    }

    @GetMapping("/api/audit/log")
    @PreAuthorize("hasRole('auditor')")
    @Operation(
            summary = "Read the log from a sequence number",
            description = "Auditors only. The entries name who reported each incident, so governance, who may be the "
                    + "subject of one, check the log with verify, head and proofs, which show hashes, not entries. "
                    + "Personal values (staff numbers) are stored sealed (`sealed:v1:…`, under their record's key); "
                    + "`opened` shows them opened, or `[destroyed]` with the retention rule and date when their record "
                    + "was destroyed.")
    public List<ReadableEntry> read(
            @Parameter(example = "1") @RequestParam(defaultValue = "1") @Min(1) long from,
            @RequestParam(defaultValue = "100") @Min(1) @Max(1000) int size) {
        return log.page(from, size).stream()
                .map(e -> ReadableEntry.of(e, sealer))
                .toList();
    }

    @GetMapping("/api/audit/log/head")
    @PreAuthorize("hasAnyRole('governance', 'auditor')")
    @Operation(
            summary = "The last entry: its sequence number and hash",
            description = "Record it outside the system from time to time: it anchors everything before it.")
    public ChainVerifier.Head head() {
        AuditEntry head = log.readHead();
        return head == null ? null : new ChainVerifier.Head(head.getSequence(), head.getHash());
    }

    @GetMapping("/api/audit/log/verify")
    @PreAuthorize("hasAnyRole('governance', 'auditor')")
    @Operation(
            summary = "Re-check a range of the chain",
            description = "Recomputes every hash in [from, to] and checks every link, at most "
                    + ChainVerifier.MAX_RANGE + " entries per call: a longer range is checked up to that many and the "
                    + "answer says `complete:false` and where to go on (`continueFrom`); the whole log is checked by a "
                    + "verification job. Answers `intact:true` with the head of the range, or `intact:false` with the "
                    + "first broken entry and why.")
    public ChainVerifier.Verification verify(
            @Parameter(example = "1") @RequestParam(defaultValue = "1") @Min(1) long from,
            @RequestParam(required = false) @Min(1) Long to) {
        return verifier.verify(from, to);
    }

    @PostMapping("/api/audit/log/verifications")
    @PreAuthorize("hasAnyRole('governance', 'auditor')")
    @Operation(
            summary = "Check the whole log in the background",
            description =
                    "Governance and auditors. Starts a verification of every entry (or joins the one running) and "
                            + "answers 202 with its id at once; read its progress and result with GET. Results are kept.")
    public ResponseEntity<VerificationJobs.Job> startVerification() {
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(jobs.start());
    }

    @GetMapping("/api/audit/log/verifications/{id}")
    @PreAuthorize("hasAnyRole('governance', 'auditor')")
    @Operation(summary = "A verification job: its progress, then its result")
    public VerificationJobs.Job verification(
            @PathVariable @Pattern(regexp = "[A-Za-z0-9-]{1,64}", message = "must be a job id") String id) {
        return jobs.get(id);
    }
}
