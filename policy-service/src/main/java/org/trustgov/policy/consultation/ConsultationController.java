package org.trustgov.policy.consultation;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.trustgov.keycloak.Caller;
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
    @Parameter(
            name = IdempotencyKeys.HEADER,
            in = ParameterIn.HEADER,
            description = "Optional, and new for each comment (a random UUID, say): the comment sent again with the "
                    + "same key, because its answer never came, is answered 201 with the comment the first sending "
                    + "added (`Idempotent-Replayed: true`) and nothing more is added; the key sent with another comment "
                    + "is 422. " + IdempotencyKeys.DOCUMENTED_BOUNDS,
            schema =
                    @Schema(
                            type = "string",
                            minLength = IdempotencyKeys.MIN_LENGTH,
                            maxLength = IdempotencyKeys.MAX_LENGTH),
            example = IdempotencyKeys.EXAMPLE)
    public ResponseEntity<Comment> comment(
            @PathVariable String code,
            @PathVariable String number,
            @Valid @RequestBody CommentRequest request,
            @Parameter(hidden = true) @RequestHeader HttpHeaders headers,
            Caller caller) {
        ConsultationService.Sent sent =
                consultation.comment(code, number, request, caller, headers.get(IdempotencyKeys.HEADER));
        return ResponseEntity.status(HttpStatus.CREATED)
                .headers(IdempotencyKeys.answerHeaders(sent.replayed()))
                .body(sent.comment());
    }

    @PostMapping("/{commentId}/replies")
    @PreAuthorize("hasAnyRole('policy-author', 'governance')")
    @Operation(summary = "Answer a comment", description = "Policy authors and governance.")
    public Comment reply(
            @PathVariable String code,
            @PathVariable String number,
            @PathVariable String commentId,
            @Valid @RequestBody ReplyRequest request,
            Caller caller) {
        return consultation.reply(code, number, commentId, request, caller);
    }

    @PostMapping("/{commentId}/resolve")
    @PreAuthorize("hasAnyRole('policy-author', 'governance')")
    @Operation(summary = "Mark a comment resolved", description = "Approval waits until every comment is resolved.")
    public Comment resolve(
            @PathVariable String code, @PathVariable String number, @PathVariable String commentId, Caller caller) {
        return consultation.resolve(code, number, commentId, caller);
    }
}
