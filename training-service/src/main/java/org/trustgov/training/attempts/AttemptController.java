package org.trustgov.training.attempts;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;
import org.trustgov.keycloak.Caller;
import org.trustgov.problem.BadRequestException;
import org.trustgov.starter.validation.PlausibleDate;
import org.trustgov.training.modules.ModuleService;
import org.trustgov.training.modules.ModuleViews;
import org.trustgov.training.modules.TrainingModule;
import org.trustgov.transparency.ExportSeals;
import org.trustgov.transparency.VerifiableExport;

@RestController
@Tag(name = "Taking a module", description = "Staff: my modules, attempts, results and certificates")
public class AttemptController {

    /**
     * An attempt as its learner sees it: the module without answers, and the result once submitted: the score and
     * pass or fail, never which options were right. {@code failedAttemptsLeft} and {@code nextAttemptAllowedAt} say
     * where the learner stands against the attempt limit on this module.
     */
    public record AttemptView(
            String attemptId,
            Attempt.Status status,
            Instant startedAt,
            ModuleViews.ForLearner module,
            Integer score,
            Boolean passed,
            Attempt.Completion completion,
            int failedAttemptsLeft,
            Instant nextAttemptAllowedAt) {}

    /** The answers: question id → chosen option ids. */
    @Schema(example = """
            {"answers":{"q1":["b"],"q2":["a","c"]}}""")
    public record Submission(@NotNull @Size(max = 100) Map<String, @NotNull @Size(max = 10) Set<String>> answers) {}

    /** A certificate of completion. */
    public record Certificate(
            String certificateId,
            String staffNumber,
            String name,
            String moduleCode,
            int moduleVersion,
            String moduleTitle,
            String policyCode,
            String policyVersion,
            int score,
            Instant completedAt,
            Instant expiresAt) {}

    private final AttemptService attempts;
    private final ModuleService modules;
    private final CompletionExport export;

    AttemptController(AttemptService attempts, ModuleService modules, CompletionExport export) {
        this.attempts = attempts;
        this.modules = modules;
        this.export = export;
    }

    @GetMapping(
            value = "/api/training/completions",
            produces = {"text/csv", MediaType.APPLICATION_JSON_VALUE})
    @PreAuthorize("hasAnyRole('hr-integration', 'governance')")
    @Operation(
            summary = "Completions in a date range, for HR (CSV or JSON by the Accept header)",
            description = "HR integration and governance. `from` inclusive, `to` exclusive, ISO dates (UTC days). "
                    + "Streamed from the database; no size limit.")
    public ResponseEntity<StreamingResponseBody> completions(
            @Parameter(example = "2026-01-01") @RequestParam @PlausibleDate LocalDate from,
            @Parameter(example = "2027-01-01") @RequestParam @PlausibleDate LocalDate to,
            @RequestHeader(value = HttpHeaders.ACCEPT, defaultValue = "text/csv") String accept) {
        if (!from.isBefore(to)) {
            throw new BadRequestException("to", "must be after from");
        }
        Instant start = from.atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant end = to.atStartOfDay(ZoneOffset.UTC).toInstant();
        boolean json = accept.contains(MediaType.APPLICATION_JSON_VALUE);
        StreamingResponseBody body = out -> {
            if (json) {
                export.json(start, end, out);
            } else {
                export.csv(start, end, out);
            }
        };
        return ResponseEntity.ok()
                .contentType(json ? MediaType.APPLICATION_JSON : MediaType.parseMediaType("text/csv"))
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        json ? "inline" : "attachment; filename=\"completions-" + from + "-" + to + ".csv\"")
                .body(body);
    }

    @GetMapping(value = "/api/training/completions/export", produces = MediaType.APPLICATION_JSON_VALUE)
    @PreAuthorize("hasAnyRole('hr-integration', 'governance')")
    @Operation(
            summary = "Completions in a date range, verifiable offline",
            description =
                    "HR integration and governance. A page (`size` up to 1,000) of the completions in [from, to): "
                            + "each as its audit event recorded it (`bound[].record`, each field equal to the same detail of log entry "
                            + "`bound[].sequence`), with those entries, a signed and witnessed checkpoint and an inclusion proof "
                            + "per entry from audit-service. Check it with `java Verify.java bundle <file> <log-vkey>,<witness-vkey>`. "
                            + "Completions whose event is not in the log yet are in `unbound` (the verifier then answers NOT PROVED, "
                            + "exit 2). Each export is sealed in the log (`manifest`: an `export.sealed` entry with the hash of every "
                            + "other field of the export and the list of its entries), so an edited or cut export fails. 503 while "
                            + "audit-service is unavailable.")
    public VerifiableExport<CompletionExport.BoundCompletion, CompletionExport.UnboundCompletion, Map<String, Object>>
            verifiableCompletions(
                    @Parameter(example = "2026-01-01") @RequestParam @PlausibleDate LocalDate from,
                    @Parameter(example = "2027-01-01") @RequestParam @PlausibleDate LocalDate to,
                    @RequestParam(defaultValue = "0") @Min(0) @Max(100_000) int page,
                    @RequestParam(defaultValue = "1000") @Min(1) @Max(ExportSeals.MAX_ENTRIES) int size) {
        if (!from.isBefore(to)) {
            throw new BadRequestException("to", "must be after from");
        }
        return export.verifiable(
                from.atStartOfDay(ZoneOffset.UTC).toInstant(),
                to.atStartOfDay(ZoneOffset.UTC).toInstant(),
                page,
                size);
    }

    @GetMapping("/api/training/my/modules")
    @PreAuthorize("hasRole('staff')")
    @Operation(
            summary = "My assigned modules with my status on each",
            description = "COMPLIANT, DUE_SOON (within trustgov.training.due-soon of expiry), EXPIRED or NOT_STARTED.")
    @ApiResponse(
            responseCode = "200",
            description = "My assigned modules, one published version each",
            content =
                    @Content(
                            array =
                                    @ArraySchema(
                                            maxItems = TrainingModule.MAX_MODULES,
                                            schema = @Schema(implementation = AttemptService.Assigned.class))))
    public List<AttemptService.Assigned> myModules(Caller caller) {
        return attempts.myModules(caller);
    }

    @PostMapping("/api/training/modules/{code}/versions/{version}/attempts")
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize("hasRole('staff')")
    @Operation(
            summary = "Start an attempt",
            description = "Returns the content and the questions, without answers. Only a module assigned to you (403 "
                    + "otherwise); after too many failed attempts in the period, 429 with Retry-After.")
    public AttemptView start(@PathVariable String code, @PathVariable int version, Caller caller) {
        return view(attempts.start(code, version, caller));
    }

    @GetMapping("/api/training/attempts/{attemptId}")
    @PreAuthorize("hasRole('staff')")
    @Operation(summary = "One of my attempts", description = "403 for anyone else's.")
    public AttemptView get(@PathVariable String attemptId, Caller caller) {
        return view(attempts.own(attemptId, caller));
    }

    @PostMapping("/api/training/attempts/{attemptId}/submit")
    @PreAuthorize("hasRole('staff')")
    @Operation(
            summary = "Submit my answers, once",
            description = "Scored on the server. A pass records a completion with a certificate id and an expiry "
                    + "(completed-at plus the module's refresher period). The same answers sent again (the "
                    + "answer to the first was lost) are answered with the result recorded the first time, and nothing "
                    + "is scored or recorded again; other answers to a submitted attempt are 409; an answer to a "
                    + "question the module does not have is 400; someone else's attempt is 403.")
    public AttemptView submit(
            @PathVariable String attemptId, @Valid @RequestBody Submission submission, Caller caller) {
        return view(attempts.submit(attemptId, submission.answers(), caller));
    }

    @GetMapping("/api/training/certificates/{certificateId}")
    @PreAuthorize("isAuthenticated()")
    @Operation(summary = "A certificate of completion", description = "For its holder, governance and HR.")
    public Certificate certificate(@PathVariable String certificateId, Caller caller) {
        Attempt attempt = attempts.certificate(certificateId, caller);
        Attempt.Completion c = attempt.getCompletion();
        return new Certificate(
                c.certificateId(),
                attempt.getStaffNumber(),
                attempts.holderName(attempt),
                c.moduleCode(),
                c.moduleVersion(),
                c.moduleTitle(),
                c.policyCode(),
                c.policyVersion(),
                c.score(),
                c.completedAt(),
                c.expiresAt());
    }

    private AttemptView view(Attempt a) {
        AttemptLimits.Standing limit = attempts.attemptsLeft(a.getStaffNumber(), a.getModuleCode());
        return new AttemptView(
                a.getId(),
                a.getStatus(),
                a.getStartedAt(),
                ModuleViews.ForLearner.of(modules.get(a.getModuleCode(), a.getModuleVersion())),
                a.getScore(),
                a.getPassed(),
                a.getCompletion(),
                limit.left(),
                limit.nextAllowedAt());
    }
}
