package org.trustgov.audit.retention;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.trustgov.keycloak.Caller;
import org.trustgov.problem.BadRequestException;
import org.trustgov.starter.idempotency.IdempotencyKey;
import org.trustgov.starter.idempotency.IdempotencyKeys;
import org.trustgov.starter.idempotency.KeyedSending;
import org.trustgov.starter.validation.PlausibleDate;

@RestController
@Validated
@Tag(name = "Retention", description = "The retention schedule, disposal lists (four eyes) and legal holds")
public class RetentionController {

    /** The schedule in force: one rule a class of record. */
    public record Schedule(@ArraySchema(maxItems = 50) List<RetentionRule> rules) {}

    /** The legal holds, newest first. */
    public record Holds(
            @ArraySchema(maxItems = LegalHolds.MAX_LISTED) List<LegalHold> holds) {}

    /** The disposal lists, newest first. */
    public record DisposalLists(@ArraySchema(maxItems = 100) List<DisposalList> lists) {}

    /** A legal hold to place: what it covers, why, and the case outside the trust it is for. */
    public record HoldRequest(
            @NotNull @Valid Scope scope,
            @NotBlank @Size(max = 2_000) String reason,
            @NotBlank @Size(max = 200) String externalReference) {}

    /** What a hold covers: a person ({@code staffNumber}), an incident ({@code reference}), or a class and range. */
    public record Scope(
            @NotNull LegalHold.Kind kind,

            @Pattern(regexp = "[0-9]{8}", message = "must be an 8-digit staff number")
            String staffNumber,

            @Pattern(regexp = "SMB-[0-9]{4}-[0-9]{1,12}", message = "must be an incident reference, SMB-2026-000123")
            String reference,

            @Pattern(regexp = "[a-z-]{1,40}", message = "must be a record class")
            String recordClass,

            @PlausibleDate LocalDate from,
            @PlausibleDate LocalDate to) {}

    /** Why a hold should be lifted. */
    public record LiftRequest(@NotBlank @Size(max = 2_000) String reason) {}

    /** A review: the items (by their place on the list, from 0) kept back, each with why. */
    public record ReviewRequest(
            @Size(max = 1_000)
            Map<
                            @Pattern(regexp = "[0-9]{1,4}", message = "an item's place on the list") String,
                            @NotBlank @Size(max = 500) String>
                    keep) {}

    /** The records of one class a service asks about: whether each was disposed of. */
    public record DisposedQuery(
            @NotNull @Pattern(regexp = "[a-z-]{1,40}", message = "must be a record class")
            String recordClass,

            @NotNull @Size(max = MAX_ASKED, message = "at most 1000 references a call")
            List<@NotNull @Pattern(regexp = "[A-Za-z0-9-]{1,40}", message = "must be a record reference") String>
                    references) {}

    /** Those of the asked records that were disposed of (their tombstone is kept), in the order asked. */
    public record DisposedRecords(
            @io.swagger.v3.oas.annotations.media.Schema(pattern = "[a-z-]{1,40}", maxLength = 40)
            String recordClass,

            @ArraySchema(
                    maxItems = MAX_ASKED,
                    schema =
                            @io.swagger.v3.oas.annotations.media.Schema(pattern = "[A-Za-z0-9-]{1,40}", maxLength = 40))
            List<String> disposed) {}

    /** The most references one question names (a chunk of HR's roster upload). */
    static final int MAX_ASKED = 1_000;

    private static final String ID = "[A-Za-z0-9-]{1,40}";

    private final RetentionSchedule schedule;
    private final LegalHolds holds;
    private final Disposals disposals;
    private final DisposalJobs.Destruction destruction;
    private final DisposalJobs.Proposals proposals;

    RetentionController(
            RetentionSchedule schedule,
            LegalHolds holds,
            Disposals disposals,
            DisposalJobs.Destruction destruction,
            DisposalJobs.Proposals proposals) {
        this.proposals = proposals;
        this.schedule = schedule;
        this.holds = holds;
        this.disposals = disposals;
        this.destruction = destruction;
    }

    @GetMapping("/api/audit/retention")
    @PreAuthorize("hasAnyRole('governance', 'auditor')")
    @Operation(
            summary = "The retention schedule in force",
            description = "Governance and auditors. Every class of record the platform keeps, with its period, the "
                    + "event the period runs from, what happens at its end (DESTROY or REVIEW), whether disposal is "
                    + "automatic, the minimum the NHS Records Management Code of Practice sets, and the source of "
                    + "the rule: the Code's entry, or the trust's `trustgov.retention.rules.<class>` setting.")
    public Schedule retention() {
        return new Schedule(schedule.inForce());
    }

    @GetMapping("/api/audit/retention/records/{recordClass}/{reference}")
    @PreAuthorize("hasAnyRole('governance', 'auditor')")
    @Operation(
            summary = "Where one record stands: its rule, when its retention ends, holds on it, the list it is on",
            description = "Governance and auditors; for the classes audit-service keeps (an incident: "
                    + "`conduct-case/SMB-2026-000123`). A record's own page shows it when it is held or soon to be "
                    + "disposed of.")
    public Disposals.Standing standing(
            @PathVariable @Pattern(regexp = "[a-z-]{1,40}", message = "must be a record class") String recordClass,
            @PathVariable @Pattern(regexp = "[A-Za-z0-9-]{1,40}", message = "must be a record reference")
                    String reference) {
        return disposals.standing(recordClass, reference);
    }

    @PostMapping("/api/audit/retention/holds")
    @PreAuthorize("hasRole('governance')")
    @Operation(
            summary = "Place a legal hold",
            description = "Governance. On a person, an incident, or a class of record whose retention started in a "
                    + "range, with a reason and the external case it is for (a tribunal claim, a coroner's request, a "
                    + "regulator's case). Held records are never listed for disposal. Placing is in the log (not the "
                    + "reason: it is free text).")
    public ResponseEntity<LegalHold> place(
            @Valid @RequestBody HoldRequest request, IdempotencyKey idempotencyKey, Caller caller) {
        Scope s = request.scope();
        KeyedSending.Made<LegalHold> placed = holds.place(
                new LegalHold.Scope(s.kind(), s.staffNumber(), s.reference(), s.recordClass(), s.from(), s.to()),
                request.reason(),
                request.externalReference(),
                caller,
                idempotencyKey);
        return ResponseEntity.status(HttpStatus.CREATED)
                .headers(IdempotencyKeys.answerHeaders(placed.replayed()))
                .body(placed.made());
    }

    @GetMapping("/api/audit/retention/holds")
    @PreAuthorize("hasAnyRole('governance', 'auditor')")
    @Operation(summary = "The legal holds, newest first (at most 500)", description = "Governance and auditors.")
    public Holds holds() {
        return new Holds(holds.all());
    }

    @PostMapping("/api/audit/retention/holds/{id}/lift-request")
    @PreAuthorize("hasRole('governance')")
    @Operation(
            summary = "Ask for a hold to be lifted",
            description = "Governance: the first of two steps; another governance member confirms (409 otherwise). "
                    + "Not the person a hold on a person is on (403).")
    public LegalHold requestLift(
            @PathVariable @Pattern(regexp = ID, message = "must be a hold id") String id,
            @Valid @RequestBody LiftRequest request,
            Caller caller) {
        return holds.requestLift(id, request.reason(), caller);
    }

    @PostMapping("/api/audit/retention/holds/{id}/lift")
    @PreAuthorize("hasRole('governance')")
    @Operation(
            summary = "Confirm a hold's lifting",
            description = "Governance, not the member who asked for it (409), nor the person a hold on a person is "
                    + "on (403). The held records may then be listed "
                    + "for disposal when their retention has ended.")
    public LegalHold lift(@PathVariable @Pattern(regexp = ID, message = "must be a hold id") String id, Caller caller) {
        return holds.lift(id, caller);
    }

    @GetMapping("/api/audit/retention/disposals")
    @PreAuthorize("hasAnyRole('governance', 'auditor')")
    @Operation(
            summary = "Disposal lists, newest first (at most 100)",
            description = "Governance and auditors. A list is proposed daily by the disposal job; a disposed item "
                    + "keeps its class, rule and dates, and names a person's record only by its key's pseudonym.")
    public DisposalLists disposals() {
        return new DisposalLists(disposals.recent());
    }

    @PostMapping("/api/audit/retention/disposals/proposals")
    @PreAuthorize("hasRole('governance')")
    @Operation(
            summary = "List now what has reached the end of its retention",
            description = "Governance. Runs the daily proposal at once (on one replica at a time): what reached the "
                    + "end of its retention today and is neither held nor on a list goes on a new list to review. "
                    + "Answers the lists, newest first. `asOf` (a later day) only in a rehearsal "
                    + "(`trustgov.retention.rehearsal=true`, a test platform or a copy of the data; never with the "
                    + "prod profile): lists what will have reached the end of its retention by then.")
    public DisposalLists proposeNow(
            @org.springframework.web.bind.annotation.RequestParam(required = false) @PlausibleDate LocalDate asOf) {
        if (asOf == null) {
            proposals.sweep();
        } else if (!proposals.rehearsing()) {
            throw new BadRequestException(
                    "asOf",
                    "listing as of a later day is only for a rehearsal (trustgov.retention.rehearsal=true), never "
                            + "on the trust's live records");
        } else {
            proposals.sweepAsOf(asOf.atStartOfDay(java.time.ZoneOffset.UTC).toInstant());
        }
        return new DisposalLists(disposals.recent());
    }

    @PostMapping("/api/audit/retention/disposed")
    @PreAuthorize("hasRole('service')")
    @Operation(
            summary = "Which of these records were disposed of",
            description = "Services, with their own token. For the classes whose disposal leaves a tombstone "
                    + "(`conduct-case`, `training-record`, `staff-record`, `audit-trail`; 400 for another): answers the "
                    + "asked references that were disposed of. training-service asks before it keeps a leaver HR sends "
                    + "again, so that HR's next roster does not bring back a roster record the trust disposed of. At "
                    + "most 1,000 references a call.")
    public DisposedRecords disposed(@Valid @RequestBody DisposedQuery query) {
        return new DisposedRecords(query.recordClass(), disposals.disposedOf(query.recordClass(), query.references()));
    }

    @GetMapping("/api/audit/retention/disposals/{id}")
    @PreAuthorize("hasAnyRole('governance', 'auditor')")
    @Operation(
            summary = "One disposal list",
            description = "Governance and auditors. While the list is still to be decided, each person's record "
                    + "says whether they are still employed now (`stillEmployed`, asked of training-service as the "
                    + "list is read; `employmentAsOf` says when), or as of when the list was made when "
                    + "training-service does not answer.")
    public DisposalList disposal(@PathVariable @Pattern(regexp = ID, message = "must be a list id") String id) {
        return disposals.read(id);
    }

    @PostMapping("/api/audit/retention/disposals/{id}/review")
    @PreAuthorize("hasRole('governance')")
    @Operation(
            summary = "Review a disposal list (the first pair of eyes)",
            description = "Governance. Keeps back the items named in `keep` (their place on the list, with why) and "
                    + "passes the rest to a second governance member for approval. 409 when it was reviewed already.")
    public DisposalList review(
            @PathVariable @Pattern(regexp = ID, message = "must be a list id") String id,
            @Valid @RequestBody(required = false) ReviewRequest request,
            Caller caller) {
        Map<Integer, String> keep = new java.util.HashMap<>();
        if (request != null && request.keep() != null) {
            request.keep().forEach((place, why) -> keep.put(Integer.parseInt(place), why));
        }
        return disposals.review(id, keep, caller);
    }

    @PostMapping("/api/audit/retention/disposals/{id}/approve")
    @PreAuthorize("hasRole('governance')")
    @Operation(
            summary = "Approve a reviewed disposal list (the second pair of eyes), destroying its items",
            description = "Governance, not the member who reviewed it (409), once (409 again). Each item is then "
                    + "destroyed in every service that keeps a copy, and its record key with it, so its people vanish "
                    + "from the audit log while every hash, checkpoint and proof still holds; an item a hold now covers "
                    + "is held back, and one a service that is down could not destroy stays pending for the job.")
    public DisposalList approve(
            @PathVariable @Pattern(regexp = ID, message = "must be a list id") String id, Caller caller) {
        disposals.approve(id, caller);
        destruction.sweep();
        return disposals.read(id);
    }
}
