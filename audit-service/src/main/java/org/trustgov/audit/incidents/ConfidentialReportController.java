package org.trustgov.audit.incidents;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.trustgov.audit.incidents.IncidentViews.ReceiptView;
import org.trustgov.starter.idempotency.IdempotencyKey;
import org.trustgov.starter.idempotency.IdempotencyKeys;

/**
 * Confidential reporting (Freedom to Speak Up): a member of staff reports a concern without their identity being
 * kept anywhere, and follows it with the receipt code they are shown once. These handlers never read who the caller
 * is (they take no {@code Caller}); the token is checked for a staff role and that is all. The code travels in
 * request bodies only, never in an address, so no access log holds it. How many confidential reports one person
 * may send is limited at the gateway, which knows the caller when the record does not.
 */
@RestController
@RequestMapping("/api/audit/confidential-reports")
@Tag(name = "Confidential reports", description = "Reporting a concern without one's name on the record")
public class ConfidentialReportController {

    /** The answer to a confidential report: the only time the receipt code is ever shown. */
    public record Receipt(String reference, Incident.Status status, String receiptCode, String keepIt) {}

    public record ReceiptRequest(@NotBlank @Size(max = 100) String receiptCode) {}

    public record AnswerRequest(
            @NotBlank @Size(max = 100) String receiptCode,
            @NotBlank @Size(max = 100) String questionId,
            @NotBlank @Size(max = 10_000) String answer) {}

    private final IncidentService incidents;

    ConfidentialReportController(IncidentService incidents) {
        this.incidents = incidents;
    }

    @PostMapping
    @PreAuthorize("hasAnyRole('staff', 'governance')")
    @Operation(
            summary = "Report a breach confidentially",
            description = "Any member of staff. The same report as `POST /api/audit/incidents` and the same checks "
                    + "(an unknown clause is 400 naming `breachedClauses[i]`, policy-service down is 503 and nothing "
                    + "is recorded), but who sent it is stored nowhere: not on the incident, not in the log (whose "
                    + "entry names `confidential-reporter`), not in any access record. The answer holds a receipt "
                    + "code of 160 random bits, shown this once and kept only as its hash: with it the reporter "
                    + "follows the case and answers the investigation's questions. The gateway limits how many "
                    + "confidential reports one person sends a day (429). A report sent again with its "
                    + "`Idempotency-Key` after its answer was lost is given a new receipt code, in this answer: the "
                    + "code of the lost answer opens it no longer. A confidential report's key is no one's own: it "
                    + "is kept as the hash of the key alone.")
    public ResponseEntity<Receipt> report(@Valid @RequestBody IncidentRequest request, IdempotencyKey idempotencyKey) {
        IncidentService.ConfidentialReport recorded = incidents.reportConfidentially(request, idempotencyKey);
        return ResponseEntity.status(HttpStatus.CREATED)
                .headers(IdempotencyKeys.answerHeaders(recorded.replayed()))
                .body(new Receipt(
                        recorded.incident().getReference(),
                        recorded.incident().getStatus(),
                        recorded.receiptCode(),
                        "Write this code down now: it is shown only this once, and it is the only way to follow "
                                + "your report. Anyone who has it can read the report's status and answer for you."));
    }

    @PostMapping("/receipt")
    @PreAuthorize("hasAnyRole('staff', 'governance')")
    @Operation(
            summary = "Follow a confidential report with its receipt code",
            description = "The case's reference, status, what was reported and the investigation's questions with "
                    + "their answers. 404 for any code that opens no case (never given, mistyped, or of a case "
                    + "closed as malicious): one lookup of the code's hash, so every such code takes the same path.")
    public ReceiptView follow(@Valid @RequestBody ReceiptRequest request) {
        return ReceiptView.of(incidents.byReceipt(request.receiptCode()));
    }

    @PostMapping("/receipt/answers")
    @PreAuthorize("hasAnyRole('staff', 'governance')")
    @Operation(
            summary = "Answer the investigation's question, with the receipt code",
            description = "Once per question (409 when answered already; 404 for an unknown question or code). "
                    + "The answer has no author; the log entry names `confidential-reporter`.")
    public ReceiptView answer(@Valid @RequestBody AnswerRequest request) {
        return ReceiptView.of(incidents.answerByReceipt(request.receiptCode(), request.questionId(), request.answer()));
    }
}
