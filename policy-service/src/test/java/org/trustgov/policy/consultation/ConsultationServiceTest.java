package org.trustgov.policy.consultation;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.trustgov.policy.Callers;
import org.trustgov.policy.policies.Policy;
import org.trustgov.policy.versions.Clause;
import org.trustgov.policy.versions.Person;
import org.trustgov.policy.versions.PolicyVersion;
import org.trustgov.policy.versions.VersionContent;
import org.trustgov.policy.versions.VersionNumber;
import org.trustgov.policy.versions.VersionService;
import org.trustgov.problem.ConflictException;

class ConsultationServiceTest {

    @Test
    void aConsultationCollectsAtMostItsCommentsSoTheListStaffReadIsBounded() {
        PolicyVersion inReview = PolicyVersion.draft(
                "SM-001",
                VersionNumber.parse("2.0"),
                new VersionContent(
                        List.of(new Clause("1.1", "Purpose", "Why")),
                        "Second issue",
                        LocalDate.parse("2027-01-01"),
                        null),
                Person.of(Callers.AUTHOR),
                Period.ofYears(3),
                Instant.EPOCH);
        inReview.submitForReview(Person.of(Callers.AUTHOR), Instant.EPOCH);
        VersionService versions = mock(VersionService.class);
        when(versions.get("SM-001", "2.0", Callers.GOVERNANCE))
                .thenReturn(new VersionService.Versioned(
                        new Policy("SM-001", "Social media policy", "jordan.author"), inReview));
        CommentRepository comments = mock(CommentRepository.class);
        when(comments.countByVersionId(any())).thenReturn((long) Comment.MAX_PER_VERSION);
        ConsultationService service = new ConsultationService(versions, comments, Clock.systemUTC());

        assertThatThrownBy(() -> service.comment(
                        "SM-001", "2.0", new CommentRequest(null, "One comment too many"), Callers.GOVERNANCE, null))
                .isInstanceOf(ConflictException.class)
                .hasMessageContaining(Comment.MAX_PER_VERSION + " comments");
        verify(comments, never()).insert(any(Comment.class));
    }
}
