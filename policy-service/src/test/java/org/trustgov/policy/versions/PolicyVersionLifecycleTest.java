package org.trustgov.policy.versions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.test.util.ReflectionTestUtils;
import org.trustgov.policy.policies.Policy;
import org.trustgov.problem.BadRequestException;
import org.trustgov.problem.ConflictException;

class PolicyVersionLifecycleTest {

    private static final Instant NOW = Instant.parse("2026-11-24T10:00:00Z");
    private static final Person AUTHOR = new Person("jordan.author", "10000003");
    private static final Person GOVERNANCE = new Person("morgan.governance", "10000004");

    private static VersionContent content(Clause... clauses) {
        return new VersionContent(List.of(clauses), "First issue", LocalDate.parse("2027-01-01"), null);
    }

    private static PolicyVersion draft() {
        return PolicyVersion.draft(
                "SM-001",
                VersionNumber.parse("1.0"),
                content(new Clause("4.10", "Later", "b"), new Clause("4.2", "Images", "a")),
                AUTHOR,
                Period.ofYears(3),
                NOW);
    }

    @Test
    void aDraftSortsItsClausesAsReadersDoAndIsDueForReviewThreeYearsAfterItTakesEffect() {
        PolicyVersion draft = draft();

        assertThat(draft.getClauses()).extracting(Clause::number).containsExactly("4.2", "4.10");
        assertThat(draft.getReviewDue()).isEqualTo(LocalDate.parse("2030-01-01"));
        assertThat(draft.getTransitions())
                .containsExactly(new Transition(null, VersionStatus.DRAFT, "jordan.author", NOW));
    }

    @Test
    void aClauseNumberUsedTwiceIsRefusedNamingTheField() {
        assertThatThrownBy(() -> PolicyVersion.draft(
                        "SM-001",
                        VersionNumber.parse("1.0"),
                        content(new Clause("1.1", "A", "a"), new Clause("1.1", "B", "b")),
                        AUTHOR,
                        Period.ofYears(3),
                        NOW))
                .isInstanceOf(BadRequestException.class)
                .satisfies(e -> assertThat(((BadRequestException) e)
                                .getBody()
                                .getProperties()
                                .toString())
                        .contains("clauses[1].number"));
    }

    /** What the publish switch writes to the policy in its one update: the pointer and the publication record. */
    static void published(Policy policy, String number, String by, Instant at, String hash) {
        ReflectionTestUtils.setField(policy, "publishedVersion", number);
        List<Policy.Publication> publications = new java.util.ArrayList<>(policy.getPublications());
        publications.add(new Policy.Publication(number, by, at, hash));
        ReflectionTestUtils.setField(policy, "publications", publications);
    }

    @Test
    void theWholeLifecycleRecordsWhoAndWhen() {
        PolicyVersion version = draft();
        Policy policy = new Policy("SM-001", "Social media policy", "jordan.author");
        version.submitForReview(AUTHOR, NOW.plusSeconds(1));
        version.approve(GOVERNANCE, 0, NOW.plusSeconds(2));
        published(policy, "1.0", "morgan.governance", NOW.plusSeconds(3), "sha256:x");

        assertThat(version.status(policy)).isEqualTo(VersionStatus.PUBLISHED);
        assertThat(version.contentHash(policy)).isEqualTo("sha256:x");
        assertThat(version.getApprover()).isEqualTo(GOVERNANCE);
        assertThat(version.history(policy))
                .extracting(Transition::to)
                .containsExactly(
                        VersionStatus.DRAFT, VersionStatus.IN_REVIEW, VersionStatus.APPROVED, VersionStatus.PUBLISHED);
        assertThat(version.history(policy))
                .extracting(Transition::by)
                .containsExactly("jordan.author", "jordan.author", "morgan.governance", "morgan.governance");
    }

    @Test
    void aVersionHoldsAtMostItsEditorsAndAFurtherOneIsRefusedWithoutAChange() {
        PolicyVersion version = draft();
        for (int i = 1; i < PolicyVersion.MAX_EDITORS; i++) {
            version.edit(
                    content(new Clause("1.1", "Purpose", "Edit " + i)),
                    new Person("editor." + i, "2" + i),
                    Period.ofYears(3));
        }
        version.edit(content(new Clause("1.1", "Purpose", "The author again")), AUTHOR, Period.ofYears(3));

        assertThatThrownBy(() -> version.edit(
                        content(new Clause("1.1", "Purpose", "One too many")),
                        new Person("editor.extra", "29999"),
                        Period.ofYears(3)))
                .isInstanceOf(ConflictException.class)
                .hasMessageContaining(PolicyVersion.MAX_EDITORS + " editors");
        assertThat(version.getEditors()).hasSize(PolicyVersion.MAX_EDITORS);
        assertThat(version.getClauses()).extracting(Clause::text).containsExactly("The author again");
    }

    @Test
    void aVersionSentBackAndForthStopsAtItsMostStepsAndItsHistoryStaysWithinTheDeclaredBound() {
        PolicyVersion version = draft();
        while (version.getTransitions().size() < PolicyVersion.MAX_STEPS) {
            if (version.getTransitions().size() % 2 == 1) {
                version.submitForReview(AUTHOR, NOW);
            } else {
                version.returnToDraft(GOVERNANCE, NOW);
            }
        }
        VersionStatus before = version.status(new Policy("SM-001", "Social media policy", "jordan.author"));

        assertThatThrownBy(() -> {
                    if (before == VersionStatus.DRAFT) {
                        version.submitForReview(AUTHOR, NOW);
                    } else {
                        version.approve(GOVERNANCE, 0, NOW);
                    }
                })
                .isInstanceOf(ConflictException.class)
                .hasMessageContaining(PolicyVersion.MAX_STEPS + " lifecycle steps");
        assertThat(version.getTransitions()).hasSize(PolicyVersion.MAX_STEPS);
        assertThat(version.status(new Policy("SM-001", "Social media policy", "jordan.author")))
                .isEqualTo(before);
        assertThat(version.history(new Policy("SM-001", "Social media policy", "jordan.author")))
                .hasSizeLessThanOrEqualTo(PolicyVersion.MAX_HISTORY);
    }

    @Test
    void nobodyWhoEditedADraftMayApproveIt() {
        PolicyVersion version = draft();
        version.submitForReview(AUTHOR, NOW);
        version.returnToDraft(GOVERNANCE, NOW.plusSeconds(1));
        version.edit(content(new Clause("1.1", "Purpose", "Changed by governance")), GOVERNANCE, Period.ofYears(3));
        version.submitForReview(GOVERNANCE, NOW.plusSeconds(2));

        assertThat(version.mayApprove(GOVERNANCE)).isFalse();
        assertThatThrownBy(() -> version.approve(GOVERNANCE, 0, NOW.plusSeconds(3)))
                .isInstanceOf(ConflictException.class)
                .satisfies(e -> assertThat(((ConflictException) e).getBody().getDetail())
                        .contains("four eyes"));
        Person other = new Person("sam.governance", "10000008");
        assertThat(version.mayApprove(other)).isTrue();
        version.approve(other, 0, NOW.plusSeconds(4));
        assertThat(version.getEditors())
                .extracting(Person::username)
                .containsExactly("jordan.author", "morgan.governance");
    }

    @Test
    void onlyDraftsCanBeEdited() {
        PolicyVersion version = draft();
        version.submitForReview(AUTHOR, NOW);

        assertThatThrownBy(() -> version.edit(content(new Clause("1.1", "A", "a")), AUTHOR, Period.ofYears(3)))
                .isInstanceOf(ConflictException.class)
                .hasMessageContaining("IN_REVIEW");
    }

    @Test
    void theAuthorMayNotApproveTheirOwnVersion() {
        PolicyVersion version = draft();
        version.submitForReview(AUTHOR, NOW);

        assertThatThrownBy(() -> version.approve(new Person("jordan.author", "10000003"), 0, NOW))
                .isInstanceOf(ConflictException.class)
                .satisfies(e -> assertThat(((ConflictException) e).getBody().getDetail())
                        .contains("approver may not be the author"));
        assertThat(version.status(new Policy("SM-001", "Social media policy", "jordan.author")))
                .isEqualTo(VersionStatus.IN_REVIEW);
    }

    @Test
    void approvalWaitsForEveryCommentToBeResolved() {
        PolicyVersion version = draft();
        version.submitForReview(AUTHOR, NOW);

        assertThatThrownBy(() -> version.approve(GOVERNANCE, 2, NOW))
                .isInstanceOf(ConflictException.class)
                .satisfies(e -> assertThat(((ConflictException) e).getBody().getDetail())
                        .contains("2 consultation comment"));
    }

    @Test
    void aDraftCannotBePublishedOrApprovedDirectly() {
        assertThatThrownBy(() -> draft().approve(GOVERNANCE, 0, NOW)).isInstanceOf(ConflictException.class);
        assertThatThrownBy(() -> draft().requirePublishable()).isInstanceOf(ConflictException.class);
    }

    @Test
    void anEmptyDraftCannotGoToReview() {
        PolicyVersion empty =
                PolicyVersion.draft("SM-001", VersionNumber.parse("1.0"), content(), AUTHOR, Period.ofYears(3), NOW);

        assertThatThrownBy(() -> empty.submitForReview(AUTHOR, NOW)).isInstanceOf(ConflictException.class);
    }

    @Test
    void thePoliciesPointerDecidesPublishedSupersededAndRetired() {
        PolicyVersion version = draft();
        version.submitForReview(AUTHOR, NOW);
        version.approve(GOVERNANCE, 0, NOW);
        Policy policy = new Policy("SM-001", "Social media policy", "jordan.author");

        assertThat(version.status(policy)).isEqualTo(VersionStatus.APPROVED);
        published(policy, "1.0", "morgan.governance", NOW, "h");
        assertThat(version.status(policy))
                .as("the pointer moved: nothing else needs writing")
                .isEqualTo(VersionStatus.PUBLISHED);
        published(policy, "1.1", "morgan.governance", NOW.plusSeconds(5), "h2");
        assertThat(version.status(policy)).isEqualTo(VersionStatus.SUPERSEDED);
        assertThat(version.history(policy))
                .extracting(Transition::to)
                .endsWith(VersionStatus.PUBLISHED, VersionStatus.SUPERSEDED);
        ReflectionTestUtils.setField(policy, "publishedVersion", "1.0");
        policy.retire("morgan.governance", NOW, null);
        assertThat(version.status(policy)).isEqualTo(VersionStatus.RETIRED);
    }

    @Test
    void theContentHashIsCanonicalAndChangesWithAnyWord() {
        List<Clause> clauses = List.of(new Clause("1.1", "Purpose", "Use social media safely."));

        assertThat(ContentHash.of(clauses))
                .isEqualTo(ContentHash.of(List.of(new Clause("1.1", "Purpose", "Use social media safely."))))
                .startsWith("sha256:")
                .hasSize(71);
        assertThat(ContentHash.of(clauses))
                .isNotEqualTo(ContentHash.of(List.of(new Clause("1.1", "Purpose", "Use social media safely!"))));
    }

    @Test
    void versionNumbersCompareNumerically() {
        assertThat(VersionNumber.parse("1.10")).isGreaterThan(VersionNumber.parse("1.9"));
        assertThat(VersionNumber.parse("2.0")).isGreaterThan(VersionNumber.parse("1.99"));
        assertThatThrownBy(() -> VersionNumber.parse("2")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void comparisonFindsAddedRemovedAndChangedClauses() {
        PolicyVersion one = PolicyVersion.draft(
                "SM-001",
                VersionNumber.parse("1.0"),
                content(
                        new Clause("1.1", "Purpose", "a"),
                        new Clause("2.1", "Images", "b"),
                        new Clause("3.1", "Old", "c")),
                AUTHOR,
                Period.ofYears(3),
                NOW);
        PolicyVersion two = PolicyVersion.draft(
                "SM-001",
                VersionNumber.parse("2.0"),
                content(
                        new Clause("1.1", "Purpose", "a"),
                        new Clause("2.1", "Images", "b, now stricter"),
                        new Clause("4.1", "New", "d")),
                AUTHOR,
                Period.ofYears(3),
                NOW);

        VersionComparison diff = VersionComparison.between(one, two);

        assertThat(diff.added()).extracting(Clause::number).containsExactly("4.1");
        assertThat(diff.removed()).extracting(Clause::number).containsExactly("3.1");
        assertThat(diff.changed())
                .extracting(VersionComparison.ChangedClause::number)
                .containsExactly("2.1");
        assertThat(diff.unchanged()).containsExactly("1.1");
    }
}
