package org.trustgov.audit.incidents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The cluster rule's boundaries: exactly 3, the 90 days, unfounded cases, departments, clauses cited twice. */
class ClusterRuleTest {

    private static final Instant NOW = Instant.parse("2026-12-03T12:00:00Z");
    private static final String ACUTE = "Acute Medicine";
    private final ClusterRule rule = new ClusterRule(3, Period.ofDays(90), 5);

    private static ClusterRule.Cited cited(String reference, String department, String clause, Instant at) {
        return new ClusterRule.Cited(reference, department, "SM-001", clause, at, false);
    }

    private static List<ClusterRule.Cited> three(String department, String clause) {
        List<ClusterRule.Cited> cited = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            cited.add(cited(department + "-" + clause + "-" + i, department, clause, NOW.minus(Duration.ofDays(i))));
        }
        return cited;
    }

    @Test
    void exactlyThreeIncidentsOnOneClauseInOneDepartmentRaiseASignalAndTwoDoNot() {
        List<ClusterRule.Cited> cited = three(ACUTE, "4.2");
        assertThat(rule.signals(cited, NOW))
                .containsExactly(new ClusterRule.Signal(
                        "SM-001", "4.2", ACUTE, 3, NOW.minus(Duration.ofDays(3)), NOW.minus(Duration.ofDays(1))));
        assertThat(rule.signals(cited.subList(0, 2), NOW)).isEmpty();
    }

    @Test
    void theWindowIsNinetyDaysUpToNowIncludingItsFirstMoment() {
        List<ClusterRule.Cited> cited = new ArrayList<>(three(ACUTE, "4.2").subList(0, 2));
        cited.add(cited("on-the-edge", ACUTE, "4.2", NOW.minus(Duration.ofDays(90))));
        assertThat(rule.signals(cited, NOW)).hasSize(1);
        cited.set(
                2,
                cited(
                        "a-second-too-early",
                        ACUTE,
                        "4.2",
                        NOW.minus(Duration.ofDays(90)).minusSeconds(1)));
        assertThat(rule.signals(cited, NOW)).isEmpty();
        cited.set(2, cited("in-the-future", ACUTE, "4.2", NOW.plusSeconds(60)));
        assertThat(rule.signals(cited, NOW))
                .as("an occurrence after now is a typo, not a pattern")
                .isEmpty();
    }

    @Test
    void aCaseClosedAsUnfoundedDoesNotCountAndAnOpenOneDoes() {
        List<ClusterRule.Cited> cited = new ArrayList<>(three(ACUTE, "4.2"));
        ClusterRule.Cited last = cited.get(2);
        cited.set(2, new ClusterRule.Cited(last.reference(), ACUTE, "SM-001", "4.2", last.occurredAt(), true));
        assertThat(rule.signals(cited, NOW)).isEmpty();
        cited.add(cited("still-open", ACUTE, "4.2", NOW.minus(Duration.ofDays(40))));
        assertThat(rule.signals(cited, NOW))
                .singleElement()
                .extracting(ClusterRule.Signal::incidents)
                .isEqualTo(3);
    }

    @Test
    void departmentsAndClausesAreCountedApart() {
        List<ClusterRule.Cited> cited = new ArrayList<>(three(ACUTE, "4.2").subList(0, 2));
        cited.addAll(three("Emergency Department", "4.2").subList(0, 2));
        cited.add(cited("other-clause", ACUTE, "5.1", NOW.minus(Duration.ofDays(5))));
        cited.add(cited("no-department", null, "4.2", NOW.minus(Duration.ofDays(5))));
        assertThat(rule.signals(cited, NOW)).as("2 + 2 + 1 is no cluster").isEmpty();
        cited.addAll(three("Emergency Department", "4.2").subList(2, 3));
        assertThat(rule.signals(cited, NOW))
                .singleElement()
                .extracting(ClusterRule.Signal::department)
                .isEqualTo("Emergency Department");
    }

    @Test
    void anIncidentCitingTheClauseInTwoVersionsCountsOnce() {
        List<ClusterRule.Cited> cited = new ArrayList<>(three(ACUTE, "4.2").subList(0, 2));
        cited.add(cited("twice", ACUTE, "4.2", NOW.minus(Duration.ofDays(3))));
        cited.add(cited("twice", ACUTE, "4.2", NOW.minus(Duration.ofDays(3))));
        assertThat(rule.signals(cited, NOW))
                .singleElement()
                .extracting(ClusterRule.Signal::incidents)
                .isEqualTo(3);
    }

    @Test
    void aRuleThatCouldNotMakeSenseStopsTheService() {
        assertThatThrownBy(() -> new ClusterRule(1, Period.ofDays(90), 5))
                .hasMessage("trustgov.signals.incidents is 1: a cluster is at least 2 incidents");
        assertThatThrownBy(() -> new ClusterRule(3, Period.ZERO, 5)).hasMessageContaining("trustgov.signals.within");
        assertThatThrownBy(() -> new ClusterRule(3, Period.ofYears(3), 5)).hasMessageContaining("at most two years");
        assertThatThrownBy(() -> new ClusterRule(3, Period.ofDays(90), 0))
                .hasMessageContaining("trustgov.signals.small-numbers");
    }
}
