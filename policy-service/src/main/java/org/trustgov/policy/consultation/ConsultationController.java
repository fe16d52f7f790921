package org.trustgov.policy.consultation;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.trustgov.keycloak.Caller;
import org.trustgov.starter.idempotency.IdempotencyKey;
import org.trustgov.starter.idempotency.IdempotencyKeys;

@RestController
@RequestMapping("/api/policy/policies/{code}/versions/{number}/comments")
@Tag(name = "Consultation", description = "Comments on a version under review")
public class ConsultationController {

    private final ConsultationService consultation;

    ConsultationController(ConsultationService consultation) {
        this.consultation = consultation;
    }

    @GetMapping
    @PreAuthorize("isAuthenticated()")
    @Operation(summary = "The consultation comments on a version")
    @ApiResponse(
            responseCode = "200",
            description = "The comments, oldest first (a version collects at most 2,000)",
            content =
                    @Content(
                            array =
                                    @ArraySchema(
                                            maxItems = Comment.MAX_PER_VERSION,
                                            schema = @Schema(implementation = Comment.class))))
    public List<Comment> list(@PathVariable String code, @PathVariable String number, Caller caller) {
        return consultation.list(code, number, caller);
    }

    @PostMapping
    @PreAuthorize("hasAnyRole('staff', 'policy-author', 'governance', 'line-manager')")
    @Operation(
            summary = "Comment on a version under review, or on one of its clauses",
            description = "Any member of staff while the version is IN_REVIEW; otherwise 409. Unknown clause: 400.")
    public ResponseEntity<Comment> comment(
            @PathVariable String code,
            @PathVariable String number,
            @Valid @RequestBody CommentRequest request,
            IdempotencyKey idempotencyKey,
            Caller caller) {
        ConsultationService.Sent sent = consultation.comment(code, number, request, caller, idempotencyKey);
        return ResponseEntity.status(HttpStatus.CREATED)
                .headers(IdempotencyKeys.answerHeaders(sent.replayed()))
                .body(sent.comment());
    }

    @PostMapping("/{commentId}/replies")
    @PreAuthorize("hasAnyRole('policy-author', 'governance')")
    @Operation(summary = "Answer a comment", description = "Policy authors and governance.")
    public ResponseEntity<Comment> reply(
            @PathVariable String code,
            @PathVariable String number,
            @PathVariable String commentId,
            @Valid @RequestBody ReplyRequest request,
            IdempotencyKey idempotencyKey,
            Caller caller) {
        return answer(consultation.reply(code, number, commentId, request, caller, idempotencyKey));
    }

    @PostMapping("/{commentId}/resolve")
    @PreAuthorize("hasAnyRole('policy-author', 'governance')")
    @Operation(summary = "Mark a comment resolved", description = "Approval waits until every comment is resolved.")
    public ResponseEntity<Comment> resolve(
            @PathVariable String code,
            @PathVariable String number,
            @PathVariable String commentId,
            IdempotencyKey idempotencyKey,
            Caller caller) {
        return answer(consultation.resolve(code, number, commentId, caller, idempotencyKey));
    }

    /** A change's answer: the comment, and {@link IdempotencyKeys#REPLAYED} when an earlier sending made it. */
    private static ResponseEntity<Comment> answer(ConsultationService.Sent sent) {
        return ResponseEntity.ok()
                .headers(IdempotencyKeys.answerHeaders(sent.replayed()))
                .body(sent.comment());
    }
}
