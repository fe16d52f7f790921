package org.trustgov.policy.consultation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.trustgov.keycloak.Caller;
import org.trustgov.policy.policies.PolicyRequest;
import org.trustgov.policy.policies.PolicyService;
import org.trustgov.policy.versions.Clause;
import org.trustgov.policy.versions.NewVersionRequest;
import org.trustgov.policy.versions.VersionContent;
import org.trustgov.policy.versions.VersionService;
import org.trustgov.problem.BadRequestException;
import org.trustgov.starter.idempotency.IdempotencyKeyReusedException;
import org.trustgov.test.IntegrationTest;

/**
 * A consultation comment whose answer was lost, sent again with its {@code Idempotency-Key}: the comment the first
 * sending added, not a second one; the key is its author's own, and the key with another comment adds nothing.
 */
@IntegrationTest
class CommentsSentAgainTest {

    static final Caller AUTHOR = person("jordan.author", "10000003", "Communications", "staff", "policy-author");
    static final Caller DOCTOR = person("priya.doctor", "10000002", "Emergency Department", "staff");
    static final Caller NURSE = person("alex.nurse", "10000001", "Acute Medicine", "staff");

    @Autowired
    PolicyService policies;

    @Autowired
    VersionService versions;

    @Autowired
    ConsultationService consultation;

    @Test
    void aCommentSentAgainWithItsKeyIsTheCommentTheFirstSendingAdded() {
        String code = "CS-201";
        policies.create(
                new PolicyRequest(code, "Comments sent again", null, null, List.of(), List.of(), List.of()), AUTHOR);
        versions.createDraft(
                code,
                new NewVersionRequest(
                        "1.0",
                        new VersionContent(
                                List.of(new Clause("1.1", "Purpose", "Why this policy exists")),
                                "v1.0",
                                LocalDate.parse("2027-01-01"),
                                null)),
                AUTHOR);
        versions.submitForReview(code, "1.0", AUTHOR);
        CommentRequest comment = new CommentRequest("1.1", "Say which wards this covers.");
        List<String> key = List.of(UUID.randomUUID().toString());

        ConsultationService.Sent first = consultation.comment(code, "1.0", comment, DOCTOR, key);
        ConsultationService.Sent again = consultation.comment(code, "1.0", comment, DOCTOR, key);
        ConsultationService.Sent quoted =
                consultation.comment(code, "1.0", comment, DOCTOR, List.of("\"" + key.get(0) + "\""));

        assertThat(first.replayed()).isFalse();
        assertThat(again.replayed()).isTrue();
        assertThat(again.comment().getId()).isEqualTo(first.comment().getId());
        assertThat(quoted.comment().getId()).isEqualTo(first.comment().getId());
        assertThat(consultation.list(code, "1.0", DOCTOR)).hasSize(1);

        // The same key from someone else is their own key; the key with another comment adds nothing (422).
        ConsultationService.Sent theirs = consultation.comment(code, "1.0", comment, NURSE, key);
        assertThat(theirs.replayed()).isFalse();
        assertThatThrownBy(() -> consultation.comment(
                        code, "1.0", new CommentRequest("1.1", "Something else entirely."), DOCTOR, key))
                .isInstanceOfSatisfying(
                        IdempotencyKeyReusedException.class,
                        e -> assertThat(e.getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT));
        assertThatThrownBy(() -> consultation.comment(code, "1.0", comment, DOCTOR, List.of("too-short")))
                .isInstanceOf(BadRequestException.class);
        assertThat(consultation.list(code, "1.0", DOCTOR)).hasSize(2);

        // Without a key, as before: the same comment twice is two comments.
        consultation.comment(code, "1.0", comment, DOCTOR, null);
        consultation.comment(code, "1.0", comment, DOCTOR, null);
        assertThat(consultation.list(code, "1.0", DOCTOR)).hasSize(4);
    }

    private static Caller person(String username, String staffNumber, String department, String... roles) {
        return new Caller(username, username, staffNumber, department, Set.of(roles), "demo-cli", false);
    }
}
