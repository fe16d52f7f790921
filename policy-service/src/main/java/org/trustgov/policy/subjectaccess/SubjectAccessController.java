package org.trustgov.policy.subjectaccess;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.trustgov.keycloak.Caller;
import org.trustgov.policy.attestations.AttestationService;
import org.trustgov.policy.consultation.Comment;
import org.trustgov.policy.consultation.ConsultationService;

/**
 * What policy-service holds about one person, for their subject access bundle (audit-service assembles it): their
 * acknowledgements, and the consultation comments they wrote or answered. Other people appear by role only: a
 * reply or a resolution by someone else is "a reviewer", and another person's comment they replied to is given by
 * its clause, not its words.
 */
@RestController
@Tag(name = "Subject access", description = "What policy-service holds about one person")
public class SubjectAccessController {

    public static final int MAX_ITEMS = 5000;

    public record Acknowledgement(
            String policyCode, String version, String contentHash, String department, Instant at) {}

    public record Reply(String by, String text, Instant at) {}

    public record CommentItem(
            String id,
            String policyCode,
            String version,
            String clauseNumber,
            String writtenBy,
            String text,
            Instant at,
            @Size(max = Comment.MAX_REPLIES) List<Reply> replies,
            boolean resolved,
            String resolvedBy,
            Instant resolvedAt) {}

    public record PolicyRecords(
            String staffNumber,
            @Size(max = MAX_ITEMS) List<Acknowledgement> acknowledgements,
            @Size(max = MAX_ITEMS) List<CommentItem> comments) {}

    private final AttestationService attestations;
    private final ConsultationService consultation;

    SubjectAccessController(AttestationService attestations, ConsultationService consultation) {
        this.attestations = attestations;
        this.consultation = consultation;
    }

    @GetMapping("/api/policy/subject-access/{staffNumber}")
    @PreAuthorize("hasRole('service')")
    @Operation(
            summary = "Everything held about one person, for their subject access bundle",
            description = "audit-service only: acknowledgements, and consultation comments the person wrote or "
                    + "answered. Others appear by role only.")
    public PolicyRecords of(
            @Parameter(example = "10000002")
                    @PathVariable
                    @Pattern(regexp = "[0-9]{8}", message = "must be an 8-digit staff number")
                    String staffNumber,
            Caller caller) {
        if (!caller.serviceAccount() || !"audit-service".equals(caller.clientId())) {
            throw new AccessDeniedException("Only audit-service assembles a subject access bundle");
        }
        List<Acknowledgement> acknowledged = attestations.of(staffNumber).stream()
                .sorted(Comparator.comparing(a -> a.getAt()))
                .limit(MAX_ITEMS)
                .map(a -> new Acknowledgement(
                        a.getPolicyCode(), a.getVersion(), a.getContentHash(), a.getDepartment(), a.getAt()))
                .toList();
        List<CommentItem> comments = consultation.writtenOrAnsweredBy(staffNumber).stream()
                .limit(MAX_ITEMS)
                .map(c -> item(c, staffNumber))
                .toList();
        return new PolicyRecords(staffNumber, acknowledged, comments);
    }

    private static CommentItem item(Comment c, String staffNumber) {
        boolean theirs = c.getBy() != null && staffNumber.equals(c.getBy().staffNumber());
        return new CommentItem(
                c.getId(),
                c.getPolicyCode(),
                c.getVersion(),
                c.getClauseNumber(),
                theirs ? "you" : "a reviewer",
                theirs ? c.getText() : null,
                c.getAt(),
                c.getReplies().stream()
                        .map(r -> {
                            boolean own = r.by() != null && staffNumber.equals(r.by().staffNumber());
                            return new Reply(own ? "you" : "a reviewer", r.text(), r.at());
                        })
                        .toList(),
                c.isResolved(),
                c.getResolvedBy() == null
                        ? null
                        : staffNumber.equals(c.getResolvedBy().staffNumber()) ? "you" : "a reviewer",
                c.getResolvedAt());
    }
}
