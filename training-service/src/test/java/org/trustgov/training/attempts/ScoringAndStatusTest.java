package org.trustgov.training.attempts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.Period;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.trustgov.problem.BadRequestException;
import org.trustgov.training.compliance.ComplianceStatus;
import org.trustgov.training.modules.ModuleRequest;
import org.trustgov.training.modules.Question;
import org.trustgov.training.modules.TrainingModule;

public class ScoringAndStatusTest {

    public static TrainingModule module(int passMark, List<String> staffGroups, List<String> departments) {
        Question single = new Question(
                "q1",
                "?",
                Question.Type.SINGLE_CHOICE,
                List.of(new Question.Option("a", "A"), new Question.Option("b", "B")),
                Set.of("b"));
        Question multiple = new Question(
                "q2",
                "?",
                Question.Type.MULTIPLE_CHOICE,
                List.of(new Question.Option("a", "A"), new Question.Option("b", "B"), new Question.Option("c", "C")),
                Set.of("a", "c"));
        Question third = new Question(
                "q3",
                "?",
                Question.Type.SINGLE_CHOICE,
                List.of(new Question.Option("a", "A"), new Question.Option("b", "B")),
                Set.of("a"));
        return TrainingModule.draft(
                new ModuleRequest(
                        "SMT-01",
                        1,
                        "Social media",
                        List.of(new ModuleRequest.Section("h", "t")),
                        "SM-001",
                        "1.0",
                        List.of(single, multiple, third),
                        passMark,
                        "P1Y",
                        staffGroups,
                        departments),
                "gov");
    }

    @Test
    void aMultipleChoiceQuestionNeedsExactlyTheCorrectSet() {
        TrainingModule m = module(60, List.of(), List.of());

        assertThat(Scoring.score(m, Map.of("q1", Set.of("b"), "q2", Set.of("a", "c"), "q3", Set.of("a")))
                        .score())
                .isEqualTo(100);
        assertThat(Scoring.score(m, Map.of("q1", Set.of("b"), "q2", Set.of("a"), "q3", Set.of("a")))
                        .correct())
                .as("one missing")
                .isEqualTo(2);
        assertThat(Scoring.score(m, Map.of("q1", Set.of("b"), "q2", Set.of("a", "b", "c"), "q3", Set.of("a")))
                        .correct())
                .as("one extra")
                .isEqualTo(2);
    }

    @Test
    void unansweredQuestionsCountAsWrongAndTheScoreRoundsDown() {
        Scoring.Result result =
                Scoring.score(module(67, List.of(), List.of()), Map.of("q1", Set.of("b"), "q3", Set.of("a")));

        assertThat(result.score()).isEqualTo(66);
        assertThat(result.passed()).as("66 is below 67").isFalse();
        assertThat(Scoring.score(module(66, List.of(), List.of()), Map.of("q1", Set.of("b"), "q3", Set.of("a")))
                        .passed())
                .as("exactly the pass mark passes")
                .isTrue();
    }

    @Test
    void answersToQuestionsOrOptionsThatDoNotExistAre400NamingThem() {
        TrainingModule m = module(80, List.of(), List.of());

        assertThatThrownBy(() -> Scoring.score(m, Map.of("q9", Set.of("a"))))
                .isInstanceOf(BadRequestException.class)
                .satisfies(e -> assertThat(((BadRequestException) e)
                                .getBody()
                                .getProperties()
                                .toString())
                        .contains("answers.q9"));
        assertThatThrownBy(() -> Scoring.score(m, Map.of("q1", Set.of("z")))).isInstanceOf(BadRequestException.class);
        assertThatThrownBy(() -> Scoring.score(m, Map.of("q1", Set.of("a", "b"))))
                .isInstanceOf(BadRequestException.class);
    }

    @Test
    void complianceStatusAtTheEdges() {
        Instant expiry = Instant.parse("2027-06-30T12:00:00Z");
        Period window = Period.ofDays(30);

        assertThat(ComplianceStatus.of(null, expiry, window)).isEqualTo(ComplianceStatus.NOT_STARTED);
        assertThat(ComplianceStatus.of(expiry, expiry, window))
                .as("at the expiry instant")
                .isEqualTo(ComplianceStatus.EXPIRED);
        assertThat(ComplianceStatus.of(expiry, expiry.minusSeconds(1), window)).isEqualTo(ComplianceStatus.DUE_SOON);
        assertThat(ComplianceStatus.of(expiry, Instant.parse("2027-05-31T12:00:00Z"), window))
                .as("exactly 30 days before")
                .isEqualTo(ComplianceStatus.DUE_SOON);
        assertThat(ComplianceStatus.of(expiry, Instant.parse("2027-05-31T11:59:59Z"), window))
                .isEqualTo(ComplianceStatus.COMPLIANT);
    }

    @Test
    void aCompletionTaughtAgainstAnOlderMajorPolicyVersionNoLongerCounts() {
        Instant now = Instant.parse("2027-01-01T00:00:00Z");
        Instant expiry = Instant.parse("2027-12-01T00:00:00Z");
        Period window = Period.ofDays(30);

        assertThat(ComplianceStatus.of(expiry, 1, 2, now, window)).isEqualTo(ComplianceStatus.EXPIRED);
        assertThat(ComplianceStatus.of(expiry, 2, 2, now, window)).isEqualTo(ComplianceStatus.COMPLIANT);
        assertThat(ComplianceStatus.of(expiry, 1, null, now, window))
                .as("version in force not known: dates decide")
                .isEqualTo(ComplianceStatus.COMPLIANT);
        assertThat(ComplianceStatus.of(null, null, 2, now, window)).isEqualTo(ComplianceStatus.NOT_STARTED);
        assertThat(ComplianceStatus.majorOf("12.3")).isEqualTo(12);
    }

    @Test
    void theAudienceIsStaffGroupsAndDepartments() {
        assertThat(module(80, List.of(), List.of()).isAssignedTo(null, null))
                .as("no audience: everyone")
                .isTrue();
        assertThat(module(80, List.of("Medical and Dental"), List.of()).isAssignedTo("Nursing", "Ward 7"))
                .isFalse();
        assertThat(module(80, List.of("Medical and Dental"), List.of()).isAssignedTo("Medical and Dental", "ED"))
                .isTrue();
        assertThat(module(80, List.of(), List.of("Acute Medicine")).isAssignedTo("Nursing", "Emergency Department"))
                .isFalse();
        assertThat(module(80, List.of("All staff"), List.of()).isAssignedTo(null, "ED"))
                .isTrue();
    }
}
