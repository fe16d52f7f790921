package org.trustgov.policy.versions;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.trustgov.keycloak.Caller;

/** Who sees a version in each status, and who may approve one in review: a table of role × status. */
class VersionAccessTest {

    static Stream<Arguments> table() {
        // role, sees DRAFT, sees APPROVED, sees IN_REVIEW, sees PUBLISHED/SUPERSEDED/RETIRED, may approve (not the
        // author)
        return Stream.of(
                Arguments.of("staff", false, false, true, true, false),
                Arguments.of("line-manager", false, false, true, true, false),
                Arguments.of("policy-author", true, true, true, true, false),
                Arguments.of("governance", true, true, true, true, true),
                Arguments.of("auditor", false, false, true, true, false),
                Arguments.of("service", false, true, true, true, false)); // training flags the modules a change touches
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void eachRoleSeesWhatItsWorkNeeds(
            String role, boolean draft, boolean approved, boolean review, boolean published, boolean approve) {
        Caller caller = new Caller("s", "someone", "10000099", "Dept", Set.of(role), "demo-cli", false);

        assertThat(VersionAccess.maySee(caller, VersionStatus.DRAFT))
                .as("draft")
                .isEqualTo(draft);
        assertThat(VersionAccess.maySee(caller, VersionStatus.APPROVED))
                .as("approved")
                .isEqualTo(approved);
        assertThat(VersionAccess.maySee(caller, VersionStatus.IN_REVIEW))
                .as("in review")
                .isEqualTo(review);
        for (VersionStatus done : List.of(VersionStatus.PUBLISHED, VersionStatus.SUPERSEDED, VersionStatus.RETIRED)) {
            assertThat(VersionAccess.maySee(caller, done)).as(done.name()).isEqualTo(published);
        }
        assertThat(VersionAccess.mayApprove(caller, inReviewBy("jordan.author"), VersionStatus.IN_REVIEW))
                .as("approve")
                .isEqualTo(approve);
        assertThat(VersionAccess.mayApprove(caller, inReviewBy("someone"), VersionStatus.IN_REVIEW))
                .as("approve own")
                .isFalse();
    }

    private static PolicyVersion inReviewBy(String author) {
        PolicyVersion version = PolicyVersion.draft(
                "SM-001",
                VersionNumber.parse("1.0"),
                new VersionContent(
                        List.of(new Clause("1.1", "Purpose", "text")), "first", LocalDate.parse("2027-01-01"), null),
                new Person(author, "10000003"),
                Period.ofYears(3),
                Instant.now());
        version.submitForReview(new Person(author, "10000003"), Instant.now());
        return version;
    }
}
