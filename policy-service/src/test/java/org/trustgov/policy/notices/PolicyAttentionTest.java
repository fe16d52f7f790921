package org.trustgov.policy.notices;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.trustgov.policy.Callers;
import org.trustgov.policy.consultation.ConsultationService;
import org.trustgov.policy.policies.Policy;
import org.trustgov.policy.policies.PolicyService;
import org.trustgov.policy.versions.Clause;
import org.trustgov.policy.versions.Person;
import org.trustgov.policy.versions.PolicyVersion;
import org.trustgov.policy.versions.VersionContent;
import org.trustgov.policy.versions.VersionNumber;
import org.trustgov.policy.versions.VersionService;

class PolicyAttentionTest {

    private static final Instant NOW = Instant.parse("2026-12-07T09:00:00Z");

    private static PolicyVersion version(String code, String number, LocalDate reviewDue) {
        return PolicyVersion.draft(
                code,
                VersionNumber.parse(number),
                new VersionContent(
                        List.of(new Clause("1.1", "Purpose", "Why")),
                        "An issue",
                        LocalDate.parse("2026-01-01"),
                        reviewDue),
                Person.of(Callers.AUTHOR),
                Period.ofYears(3),
                NOW);
    }

    @Test
    void eachItemNamesThePolicyVersionItIsAboutSoItsNoticeCanOpenWhereItIsSettled() {
        Policy conduct = new Policy("SM-003", "Online conduct", "jordan.author");
        Policy social = new Policy("SM-001", "Social media", "jordan.author");
        PolicyVersion inReview = version("SM-003", "2.0", null);
        inReview.submitForReview(Person.of(Callers.AUTHOR), NOW);
        VersionService versions = mock(VersionService.class);
        PolicyService policies = mock(PolicyService.class);
        ConsultationService consultation = mock(ConsultationService.class);
        when(policies.all()).thenReturn(List.of(conduct, social));
        when(versions.inConsultation()).thenReturn(List.of(new VersionService.Versioned(conduct, inReview)));
        when(versions.inForce(conduct)).thenReturn(Optional.empty());
        when(versions.inForce(social)).thenReturn(Optional.of(version("SM-001", "1.4", LocalDate.parse("2027-01-10"))));
        when(consultation.answeredSince(any()))
                .thenReturn(List.of(new ConsultationService.Answered("c-1", "10000001", "SM-003", "2.0", NOW)));

        List<PolicyAttention.Item> items =
                new PolicyAttention(versions, policies, consultation, Clock.fixed(NOW, ZoneOffset.UTC)).items();

        assertThat(items)
                .extracting(
                        PolicyAttention.Item::kind, PolicyAttention.Item::subject, PolicyAttention.Item::policyVersion)
                .containsExactlyInAnyOrder(
                        tuple(PolicyAttention.Kind.CONSULTATION_OPENED, "SM-003/2.0", "SM-003/2.0"),
                        // the comment's id alone does not say which consultation it was made in
                        tuple(PolicyAttention.Kind.COMMENT_ANSWERED, "c-1", "SM-003/2.0"),
                        // to governance and to the version's author
                        tuple(PolicyAttention.Kind.REVIEW_DUE, "SM-001", "SM-001/1.4"),
                        tuple(PolicyAttention.Kind.REVIEW_DUE, "SM-001", "SM-001/1.4"));
    }
}
