package org.trustgov.policy.consultation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
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
import org.trustgov.starter.idempotency.IdempotencyKey;
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
        String code = inReview("CS-201", "Comments sent again");
        CommentRequest comment = new CommentRequest("1.1", "Say which wards this covers.");
        IdempotencyKey key = new IdempotencyKey(UUID.randomUUID().toString());

        ConsultationService.Sent first = consultation.comment(code, "1.0", comment, DOCTOR, key);
        ConsultationService.Sent again = consultation.comment(code, "1.0", comment, DOCTOR, key);

        assertThat(first.replayed()).isFalse();
        assertThat(again.replayed()).isTrue();
        assertThat(again.comment().getId()).isEqualTo(first.comment().getId());
        assertThat(consultation.list(code, "1.0", DOCTOR)).hasSize(1);

        // The same key from someone else is their own key; the key with another comment adds nothing (422).
        ConsultationService.Sent theirs = consultation.comment(code, "1.0", comment, NURSE, key);
        assertThat(theirs.replayed()).isFalse();
        assertThatThrownBy(() -> consultation.comment(
                        code, "1.0", new CommentRequest("1.1", "Something else entirely."), DOCTOR, key))
                .isInstanceOfSatisfying(
                        IdempotencyKeyReusedException.class,
                        e -> assertThat(e.getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT));
        assertThat(consultation.list(code, "1.0", DOCTOR)).hasSize(2);

        // Without a key, as before: the same comment twice is two comments.
        consultation.comment(code, "1.0", comment, DOCTOR, null);
        consultation.comment(code, "1.0", comment, DOCTOR, null);
        assertThat(consultation.list(code, "1.0", DOCTOR)).hasSize(4);

        // A reply and a resolution sent again with their keys: made once, the comment as it is answered.
        String id = first.comment().getId();
        IdempotencyKey replyKey = new IdempotencyKey(UUID.randomUUID().toString());
        ReplyRequest reply = new ReplyRequest("Acute wards only; added to 1.1.");
        assertThat(consultation.reply(code, "1.0", id, reply, AUTHOR, replyKey).replayed())
                .isFalse();
        ConsultationService.Sent replyAgain = consultation.reply(code, "1.0", id, reply, AUTHOR, replyKey);
        assertThat(replyAgain.replayed()).isTrue();
        assertThat(replyAgain.comment().getReplies()).hasSize(1);
        assertThatThrownBy(() ->
                        consultation.reply(code, "1.0", id, new ReplyRequest("Another answer."), AUTHOR, replyKey))
                .isInstanceOf(IdempotencyKeyReusedException.class);
        IdempotencyKey resolveKey = new IdempotencyKey(UUID.randomUUID().toString());
        consultation.resolve(code, "1.0", id, AUTHOR, resolveKey);
        assertThat(consultation.resolve(code, "1.0", id, AUTHOR, resolveKey).replayed())
                .as("where without its key a second resolution is 409")
                .isTrue();
        assertThatThrownBy(() -> consultation.resolve(code, "1.0", id, AUTHOR, replyKey))
                .as("the reply's key sent with a resolution")
                .isInstanceOf(IdempotencyKeyReusedException.class);
        assertThat(consultation.list(code, "1.0", DOCTOR))
                .filteredOn(c -> c.getId().equals(id))
                .singleElement()
                .satisfies(c -> {
                    assertThat(c.getReplies()).hasSize(1);
                    assertThat(c.isResolved()).isTrue();
                });
    }

    @Test
    void aReplySentAgainWhileTheFirstIsBeingSavedIsAddedOnce() throws Exception {
        String code = inReview("CS-202", "Replies that cross");
        String id = consultation
                .comment(code, "1.0", new CommentRequest("1.1", "Which wards?"), DOCTOR, null)
                .comment()
                .getId();
        IdempotencyKey key = new IdempotencyKey(UUID.randomUUID().toString());
        ReplyRequest reply = new ReplyRequest("All of them.");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<ConsultationService.Sent>> sendings = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                sendings.add(pool.submit(() -> {
                    go.await();
                    return consultation.reply(code, "1.0", id, reply, AUTHOR, key);
                }));
            }
            go.countDown();
            int made = 0;
            for (Future<ConsultationService.Sent> sending : sendings) {
                ConsultationService.Sent sent = sending.get();
                made += sent.replayed() ? 0 : 1;
                assertThat(sent.comment().getReplies()).hasSize(1);
            }
            assertThat(made).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }

    /** A new policy whose version 1.0 is in review. */
    private String inReview(String code, String title) {
        policies.create(new PolicyRequest(code, title, null, null, List.of(), List.of(), List.of()), AUTHOR);
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
        return code;
    }

    private static Caller person(String username, String staffNumber, String department, String... roles) {
        return new Caller(username, username, staffNumber, department, Set.of(roles), "demo-cli", false);
    }
}
