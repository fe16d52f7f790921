package org.trustgov.audit.incidents;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.FutureOrPresent;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.springdoc.core.annotations.ParameterObject;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Sort;
import org.springframework.data.web.PageableDefault;
import org.springframework.data.web.PagedModel;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.trustgov.audit.access.AccessRecords;
import org.trustgov.audit.incidents.IncidentAccess.Action;
import org.trustgov.audit.incidents.IncidentService.Step;
import org.trustgov.audit.incidents.IncidentTypes.OutcomeType;
import org.trustgov.audit.incidents.IncidentTypes.Regulator;
import org.trustgov.audit.incidents.IncidentTypes.Severity;
import org.trustgov.audit.incidents.IncidentTypes.SnapshotState;
import org.trustgov.keycloak.Caller;
import org.trustgov.starter.idempotency.IdempotencyKey;
import org.trustgov.starter.idempotency.IdempotencyKeys;
import org.trustgov.starter.idempotency.KeyedChange;
import org.trustgov.starter.paging.SortOrders;
import org.trustgov.starter.validation.PlausibleDate;

@RestController
@RequestMapping("/api/audit/incidents")
@Tag(name = "Incidents", description = "Conduct-breach incidents and their investigation")
public class IncidentController {

    public record Summary(
            String reference,
            String subjectStaffNumber,
            String subjectDepartment,
            IncidentTypes.Category category,
            Severity severity,
            Incident.Status status,
            Instant reportedAt) {

        static Summary of(Incident i) {
            return new Summary(
                    i.getReference(),
                    i.getSubjectStaffNumber(),
                    i.getSubjectDepartment(),
                    i.getCategory(),
                    i.getSeverity(),
                    i.getStatus(),
                    i.getReportedAt());
        }
    }

    /**
     * The answer to a report: its reference and status for everyone, a word on the training snapshot when it could
     * not be taken, and the whole incident only for governance.
     */
    public record Reported(
            String reference,
            Incident.Status status,
            SnapshotState trainingSnapshot,
            String trainingSnapshotNote,

            @Schema(nullable = true, description = "Only for governance not involved in the case")
            Incident incident) {}

    public record TriageRequest(Severity severity) {}

    public record InvestigatorRequest(
            @NotBlank @Pattern(regexp = "[0-9]{8}", message = "must be an 8-digit staff number")
            String staffNumber) {}

    public record ActionRequest(
            @NotBlank @Size(max = 2000) String description,

            @NotBlank @Pattern(regexp = "[0-9]{8}", message = "must be an 8-digit staff number")
            String ownerStaffNumber,

            @NotNull @FutureOrPresent @PlausibleDate LocalDate dueOn) {}

    public record NoteRequest(@NotBlank @Size(max = 10_000) String text) {}

    public record OutcomeRequest(
            @NotNull OutcomeType type,
            @NotBlank @Size(max = 5000) String summary,
            @PlausibleDate LocalDate expiresOn,
            Regulator regulator) {}

    public record AppealRequest(@NotBlank @Size(max = 5000) String reason) {}

    public record ReporterQuestionRequest(
            @NotBlank @Size(max = 5000) String question) {}

    public record MaliciousRequest(
            @NotBlank @Size(max = 5000) String reason) {}

    private final IncidentService incidents;
    private final CaseBundles bundles;
    private final ColleagueChecks colleagues;

    IncidentController(IncidentService incidents, CaseBundles bundles, ColleagueChecks colleagues) {
        this.incidents = incidents;
        this.bundles = bundles;
        this.colleagues = colleagues;
    }

    @PostMapping
    @PreAuthorize("hasAnyRole('staff', 'governance')")
    @Operation(
            summary = "Report a breach",
            description =
                    "Any member of staff. Each breached clause is confirmed with policy-service (an unknown clause "
                            + "is 400 naming `breachedClauses[i]`; policy-service unavailable is 503 and nothing is recorded). "
                            + "The subject's training on the modules teaching the breached policies is read from training-service "
                            + "and kept with the incident; if training-service is down the incident is still recorded and the "
                            + "snapshot is taken later (`trainingSnapshot.state: PENDING`). Description up to 10,000 characters.")
    public ResponseEntity<Reported> report(
            @Valid @RequestBody IncidentRequest request, IdempotencyKey idempotencyKey, Caller caller) {
        IncidentService.Recorded recorded = incidents.report(request, caller, idempotencyKey);
        Incident incident = recorded.incident();
        String note = incident.getTrainingSnapshot().state() == SnapshotState.PENDING
                ? "training-service could not be reached; the subject's training snapshot will be taken when it can"
                : null;
        boolean full = IncidentAccess.of(caller, incident).view() == IncidentAccess.View.FULL;
        return ResponseEntity.status(HttpStatus.CREATED)
                .headers(IdempotencyKeys.answerHeaders(recorded.replayed()))
                .body(new Reported(
                        incident.getReference(),
                        incident.getStatus(),
                        incident.getTrainingSnapshot().state(),
                        note,
                        full ? incident : null));
    }

    @GetMapping
    @PreAuthorize("hasAnyRole('governance', 'auditor')")
    @Operation(
            summary = "List incidents",
            description =
                    "Governance and auditors only, and without the incidents the "
                            + "caller reported or is the subject of (those are under `/mine`, as the caller's relation to each allows).")
    public PagedModel<Summary> list(
            @Parameter(description = "Only these statuses (repeat the parameter for several)")
                    @RequestParam(required = false)
                    @Size(max = 5)
                    List<Incident.Status> status,
            @Parameter(description = "Only these severities") @RequestParam(required = false) @Size(max = 4)
                    List<IncidentTypes.Severity> severity,
            @Parameter(description = "Only cases about staff of this department", example = "Acute Medicine")
                    @RequestParam(required = false)
                    @Size(max = 100)
                    String department,
            @Parameter(description = "Only the cases I investigate") @RequestParam(defaultValue = "false")
                    boolean assignedToMe,
            @Parameter(
                            description = "Only open cases whose investigator, or an open action's owner, HR's roster "
                                    + "now has as a leaver (training-service's directory says who has left: 503 when "
                                    + "it cannot)")
                    @RequestParam(defaultValue = "false")
                    boolean waitingOnLeaver,
            @ParameterObject @PageableDefault(size = 50, sort = "reportedAt", direction = Sort.Direction.DESC)
                    Pageable page,
            Caller caller) {
        return new PagedModel<>(incidents
                .page(
                        caller,
                        new IncidentService.Filter(status, severity, department, assignedToMe, waitingOnLeaver),
                        SortOrders.only(page, "reportedAt", "occurredAt", "reference", "status", "severity"))
                .map(Summary::of));
    }

    @GetMapping("/mine")
    @PreAuthorize("isAuthenticated()")
    @Operation(
            summary = "Incidents I reported or that are about me",
            description = "Anyone signed in. Each as I may " + "see it, newest first, a page at a time.")
    public PagedModel<IncidentView> mine(
            @ParameterObject @PageableDefault(size = 50, sort = "reportedAt", direction = Sort.Direction.DESC)
                    Pageable page,
            Caller caller) {
        return new PagedModel<>(
                incidents.mine(caller, SortOrders.only(page, "reportedAt", "occurredAt", "reference", "status")));
    }

    @GetMapping("/assigned")
    @PreAuthorize("isAuthenticated()")
    @Operation(
            summary = "Open incidents that ask something of me",
            description = "People only (any role; a service "
                    + "or HR client is 403: nothing is ever assigned to one). Incidents not closed that the caller "
                    + "investigates or where the caller owns an action not done yet, newest first, a page at a time. Each names "
                    + "its reference, status and the caller's part only.")
    public PagedModel<IncidentService.Assignment> assigned(
            @ParameterObject @PageableDefault(size = 50, sort = "reportedAt", direction = Sort.Direction.DESC)
                    Pageable page,
            Caller caller) {
        if (!caller.isPerson()) {
            throw new AccessDeniedException("Incidents are assigned to people; a client has none");
        }
        return new PagedModel<>(
                incidents.assignedTo(caller, SortOrders.only(page, "reportedAt", "occurredAt", "reference", "status")));
    }

    @GetMapping("/{reference}/bundle")
    @PreAuthorize("hasAnyRole('governance', 'auditor')")
    @Operation(
            summary = "The incident's case bundle, verifiable offline",
            description = "Governance and auditors not involved in the case: its subject or reporter gets 403 whatever "
                    + "their roles (the entries name the reporter). For a tribunal or a regulator referral: the whole "
                    + "incident, the audit-log entries of its workflow, the signed checkpoint (with the witness's "
                    + "cosignature), an inclusion proof per entry, and the manifest: the `export.sealed` entry the log "
                    + "appended for this bundle (who made it, when, the hash of its content and the list of its entries). "
                    + "Check it with `java Verify.java bundle <file> <log-vkey>,<witness-vkey>`. 503 while the newest "
                    + "entries are in no checkpoint.")
    public CaseBundles.CaseBundle bundle(
            @Parameter(example = "SMB-2026-000001") @PathVariable String reference, Caller caller) {
        return bundles.of(reference, caller);
    }

    @GetMapping("/{reference}")
    @PreAuthorize("isAuthenticated()")
    @Operation(
            summary = "One incident, as the caller may see it",
            description =
                    "Governance and auditors: everything. The subject: category, platform, when, clauses, status, "
                            + "outcome, appeals. The reporter: reference, status and what they reported. A subject or reporter "
                            + "sees their own view whatever their roles. Anyone else: 403, whether or not the reference exists.")
    public IncidentView get(@Parameter(example = "SMB-2026-000001") @PathVariable String reference, Caller caller) {
        return incidents.view(reference, caller);
    }

    @GetMapping("/{reference}/views")
    @PreAuthorize("isAuthenticated()")
    @Operation(
            summary = "Who read this case",
            description = "Every read of the incident, its case bundle and its outcome by someone other than its "
                    + "subject, and every refused attempt, newest first. Its subject sees the reader's role and "
                    + "department (their staff number only where the trust allows it); governance and auditors not "
                    + "involved see everything; the reporter and anyone else 403.")
    public PagedModel<AccessRecords.SeenByYou> views(
            @Parameter(example = "SMB-2026-000001") @PathVariable String reference,
            @ParameterObject @PageableDefault(size = 50) Pageable page,
            Caller caller) {
        return new PagedModel<>(incidents.views(
                reference,
                caller,
                org.springframework.data.domain.PageRequest.of(page.getPageNumber(), page.getPageSize())));
    }

    @PostMapping("/{reference}/triage")
    @PreAuthorize("hasRole('governance')")
    @Operation(summary = "REPORTED → TRIAGED, optionally re-grading the severity")
    public ResponseEntity<Incident> triage(
            @PathVariable String reference,
            @Valid @RequestBody(required = false) TriageRequest request,
            IdempotencyKey key,
            Caller caller) {
        return answer(incidents.change(
                new Step(Action.TRIAGE, "incident.triaged", key, request),
                reference,
                caller,
                (i, at) -> i.triage(request == null ? null : request.severity(), caller.logName(), at)));
    }

    @PostMapping("/{reference}/investigator")
    @PreAuthorize("hasRole('governance')")
    @Operation(
            summary = "Assign the investigator (TRIAGED or UNDER_INVESTIGATION)",
            description = "The investigator must be neither the case's subject nor its reporter (409), and active "
                    + "staff on the roster (400 naming staffNumber otherwise; 503 when training-service cannot "
                    + "confirm it). Nothing changes on any refusal.")
    public ResponseEntity<Incident> investigator(
            @PathVariable String reference,
            @Valid @RequestBody InvestigatorRequest request,
            IdempotencyKey key,
            Caller caller) {
        return answer(incidents.change(
                new Step(Action.ASSIGN_INVESTIGATOR, "incident.investigator-assigned", key, request),
                reference,
                caller,
                (i, at) -> {
                    i.assignInvestigator(request.staffNumber(), caller.logName(), at);
                    colleagues.requireActiveStaff("staffNumber", request.staffNumber());
                }));
    }

    @PostMapping("/{reference}/investigation")
    @PreAuthorize("hasRole('governance')")
    @Operation(summary = "TRIAGED → UNDER_INVESTIGATION (an investigator must be assigned)")
    public ResponseEntity<Incident> investigate(@PathVariable String reference, IdempotencyKey key, Caller caller) {
        return answer(incidents.change(
                new Step(Action.START_INVESTIGATION, "incident.investigation-started", key, null),
                reference,
                caller,
                (i, at) -> i.startInvestigation(caller.logName(), at)));
    }

    @PostMapping("/{reference}/actions")
    @PreAuthorize("hasRole('governance')")
    @Operation(
            summary = "Add an action with an owner and a due date",
            description = "The owner must be active staff on the roster (400 naming ownerStaffNumber otherwise; 503 "
                    + "when training-service cannot confirm it). Nothing changes on any refusal.")
    public ResponseEntity<Incident> action(
            @PathVariable String reference,
            @Valid @RequestBody ActionRequest request,
            IdempotencyKey key,
            Caller caller) {
        return answer(incidents.change(
                new Step(Action.ADD_ACTION, "incident.action-added", key, request), reference, caller, (i, at) -> {
                    i.addAction(
                            request.description(), request.ownerStaffNumber(), request.dueOn(), caller.logName(), at);
                    colleagues.requireActiveStaff("ownerStaffNumber", request.ownerStaffNumber());
                }));
    }

    @PostMapping("/{reference}/actions/{actionId}/done")
    @PreAuthorize("hasRole('governance')")
    @Operation(summary = "Mark an action done")
    public ResponseEntity<Incident> actionDone(
            @PathVariable String reference, @PathVariable String actionId, IdempotencyKey key, Caller caller) {
        return answer(incidents.change(
                new Step(Action.COMPLETE_ACTION, "incident.action-done", key, actionId),
                reference,
                caller,
                (i, at) -> i.completeAction(actionId, at)));
    }

    @PostMapping("/{reference}/notes")
    @PreAuthorize("hasRole('governance')")
    @Operation(summary = "Add an investigation note", description = "Seen by governance and auditors only.")
    public ResponseEntity<Incident> note(
            @PathVariable String reference,
            @Valid @RequestBody NoteRequest request,
            IdempotencyKey key,
            Caller caller) {
        return answer(incidents.change(
                new Step(Action.ADD_NOTE, "incident.note-added", key, request),
                reference,
                caller,
                (i, at) -> i.addNote(request.text(), caller.logName(), at)));
    }

    @PostMapping("/{reference}/outcome")
    @PreAuthorize("hasRole('governance')")
    @Operation(
            summary = "UNDER_INVESTIGATION → OUTCOME_RECORDED",
            description =
                    "Formal and final warnings need `expiresOn` (a future date); a referral names the `regulator` "
                            + "(NMC, GMC or HCPC).")
    public ResponseEntity<Incident> outcome(
            @PathVariable String reference,
            @Valid @RequestBody OutcomeRequest request,
            IdempotencyKey key,
            Caller caller) {
        return answer(incidents.change(
                new Step(Action.RECORD_OUTCOME, "incident.outcome-recorded", key, request),
                reference,
                caller,
                (i, at) -> i.recordOutcome(
                        request.type(),
                        request.summary(),
                        request.expiresOn(),
                        request.regulator(),
                        caller.logName(),
                        at)));
    }

    @PostMapping("/{reference}/close")
    @PreAuthorize("hasRole('governance')")
    @Operation(summary = "OUTCOME_RECORDED → CLOSED")
    public ResponseEntity<Incident> close(@PathVariable String reference, IdempotencyKey key, Caller caller) {
        return answer(incidents.change(
                new Step(Action.CLOSE, "incident.closed", key, null),
                reference,
                caller,
                (i, at) -> i.close(caller.logName(), at)));
    }

    @PostMapping("/{reference}/reporter-questions")
    @PreAuthorize("hasRole('governance')")
    @Operation(
            summary = "Ask the confidential reporter a question",
            description = "Only for a case reported confidentially and not closed (409 otherwise), up to "
                    + Incident.MAX_REPORTER_QUESTIONS + " questions. The reporter sees it, and answers, with their "
                    + "receipt code; no one learns who they are.")
    public ResponseEntity<Incident> askReporter(
            @PathVariable String reference,
            @Valid @RequestBody ReporterQuestionRequest request,
            IdempotencyKey key,
            Caller caller) {
        return answer(incidents.change(
                new Step(Action.ASK_REPORTER, "incident.reporter-asked", key, request),
                reference,
                caller,
                (i, at) -> i.askReporter(request.question(), caller.logName(), at)));
    }

    @PostMapping("/{reference}/malicious")
    @PreAuthorize("hasRole('governance')")
    @Operation(
            summary = "Close a confidential report as malicious",
            description = "Only for a case reported confidentially and not closed (409 otherwise): it goes to CLOSED "
                    + "from any status, with the reason and without an outcome for the subject, who cannot appeal "
                    + "what was never decided against them. The receipt code stops opening the case. Who sent it "
                    + "stays unknown: the platform never had it.")
    public ResponseEntity<Incident> malicious(
            @PathVariable String reference,
            @Valid @RequestBody MaliciousRequest request,
            IdempotencyKey key,
            Caller caller) {
        return answer(incidents.change(
                new Step(Action.CLOSE_AS_MALICIOUS, "incident.closed-as-malicious", key, request),
                reference,
                caller,
                (i, at) -> i.closeAsMalicious(request.reason(), caller.logName(), at)));
    }

    @PostMapping("/{reference}/appeal")
    @PreAuthorize("hasAnyRole('staff', 'governance')")
    @Operation(
            summary = "Appeal: CLOSED → UNDER_INVESTIGATION",
            description = "Lodged by the subject or recorded by governance.")
    public ResponseEntity<IncidentView> appeal(
            @PathVariable String reference,
            @Valid @RequestBody AppealRequest request,
            IdempotencyKey key,
            Caller caller) {
        KeyedChange.Changed<Incident> appealed = incidents.change(
                new Step(Action.APPEAL, "incident.appealed", key, request),
                reference,
                caller,
                (i, at) -> i.appeal(request.reason(), caller.logName(), at));
        return ResponseEntity.ok()
                .headers(IdempotencyKeys.answerHeaders(appealed.replayed()))
                .body(IncidentViews.of(appealed.document(), IncidentAccess.of(caller, appealed.document())));
    }

    /** A step's answer: the case, and {@link IdempotencyKeys#REPLAYED} when an earlier sending took the step. */
    private static ResponseEntity<Incident> answer(KeyedChange.Changed<Incident> changed) {
        return ResponseEntity.ok()
                .headers(IdempotencyKeys.answerHeaders(changed.replayed()))
                .body(changed.document());
    }
}
