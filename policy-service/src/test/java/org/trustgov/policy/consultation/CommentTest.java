package org.trustgov.policy.consultation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.trustgov.policy.versions.Person;
import org.trustgov.problem.ConflictException;

class CommentTest {

    private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");

    @Test
    void aCommentHoldsAtMostItsRepliesThenAsksForANewComment() {
        Person author = new Person("jordan.author", "10000003");
        Comment comment =
                new Comment("v1", "SM-001", "2.0", "4.2", "Too strict", new Person("alex.nurse", "10000001"), NOW);
        for (int i = 0; i < Comment.MAX_REPLIES; i++) {
            comment.reply("r".repeat(5_000), author, NOW);
        }

        assertThatThrownBy(() -> comment.reply("one more", author, NOW))
                .isInstanceOf(ConflictException.class)
                .hasMessageContaining("add a new comment");
        assertThat(comment.getReplies()).hasSize(Comment.MAX_REPLIES);
    }
}
