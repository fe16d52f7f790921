package org.trustgov.training.modules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.trustgov.auditclient.AuditOutbox;
import org.trustgov.keycloak.Caller;
import org.trustgov.problem.BadRequestException;
import org.trustgov.problem.ConflictException;
import org.trustgov.starter.resilience.GuardedCalls;

class TrainingModuleTest {

    static Question question(String id, Question.Type type, Set<String> correct) {
        return new Question(
                id,
                "Which?",
                type,
                List.of(new Question.Option("a", "A"), new Question.Option("b", "B"), new Question.Option("c", "C")),
                correct);
    }

    static ModuleRequest request(List<Question> questions) {
        return new ModuleRequest(
                "SMT-01",
                1,
                "Social media",
                List.of(new ModuleRequest.Section("Why", "text")),
                "SM-001",
                "1.0",
                questions,
                80,
                "P1Y",
                List.of("All staff"),
                List.of());
    }

    @Test
    void theTrustKeepsAtMostItsModuleVersionsSoEveryListOfModulesIsBounded() {
        ModuleRepository modules = mock(ModuleRepository.class);
        when(modules.findByCodeAndVersion(any(), any(Integer.class))).thenReturn(Optional.empty());
        when(modules.count()).thenReturn((long) TrainingModule.MAX_MODULES);
        ModuleService service = new ModuleService(
                modules,
                mock(MongoTemplate.class),
                mock(PolicyClient.class),
                mock(GuardedCalls.class),
                mock(AuditOutbox.class),
                Clock.systemUTC());

        assertThatThrownBy(() -> service.create(
                        request(List.of(question("q1", Question.Type.SINGLE_CHOICE, Set.of("b")))),
                        new Caller(
                                "g",
                                "morgan.governance",
                                "10000004",
                                "Clinical Governance",
                                Set.of("governance"),
                                "demo-cli",
                                false)))
                .isInstanceOf(ConflictException.class)
                .hasMessageContaining(TrainingModule.MAX_MODULES + " module versions");
        verify(modules, never()).insert(any(TrainingModule.class));
    }

    @Test
    void aSingleChoiceQuestionHasExactlyOneCorrectOption() {
        assertThatThrownBy(() -> TrainingModule.draft(
                        request(List.of(question("q1", Question.Type.SINGLE_CHOICE, Set.of("a", "b")))), "gov"))
                .isInstanceOf(BadRequestException.class)
                .satisfies(e -> assertThat(((BadRequestException) e)
                                .getBody()
                                .getProperties()
                                .toString())
                        .contains("questions[0].correct"));
    }

    @Test
    void aCorrectAnswerMustBeOneOfTheOptions() {
        assertThatThrownBy(() -> TrainingModule.draft(
                        request(List.of(question("q1", Question.Type.MULTIPLE_CHOICE, Set.of("a", "z")))), "gov"))
                .isInstanceOf(BadRequestException.class);
    }

    @Test
    void questionIdsAreUnique() {
        assertThatThrownBy(() -> TrainingModule.draft(
                        request(List.of(
                                question("q1", Question.Type.SINGLE_CHOICE, Set.of("a")),
                                question("q1", Question.Type.SINGLE_CHOICE, Set.of("b")))),
                        "gov"))
                .isInstanceOf(BadRequestException.class)
                .satisfies(e -> assertThat(((BadRequestException) e)
                                .getBody()
                                .getProperties()
                                .toString())
                        .contains("questions[1].id"));
    }

    @Test
    void theLearnersViewCarriesNoAnswers() {
        TrainingModule module =
                TrainingModule.draft(request(List.of(question("q1", Question.Type.SINGLE_CHOICE, Set.of("b")))), "gov");

        ModuleViews.ForLearner view = ModuleViews.ForLearner.of(module);

        assertThat(view.questions().get(0).options()).hasSize(3);
        assertThat(view.toString()).doesNotContain("correct");
    }

    @Test
    void sectionsReachLearnersAsHtmlWithTheAuthorsMarkupEscapedAndUnsafeLinksRemoved() {
        ModuleRequest request = new ModuleRequest(
                "SMT-01",
                1,
                "Social media",
                List.of(new ModuleRequest.Section(
                        "Why",
                        "**Never** post a ward photo.\n\n- ask first\n- tell your manager\n\n<script>alert(1)</script>\n\n"
                                + "[policy](javascript:alert(2)) and [NMC](https://www.nmc.org.uk/)")),
                "SM-001",
                "1.0",
                List.of(question("q1", Question.Type.SINGLE_CHOICE, Set.of("b"))),
                80,
                "P1Y",
                List.of("All staff"),
                List.of());

        String html = ModuleViews.ForLearner.of(TrainingModule.draft(request, "gov"))
                .sections()
                .get(0)
                .html();

        assertThat(html)
                .contains("<strong>Never</strong>")
                .contains("<li>ask first</li>")
                .contains("href=\"https://www.nmc.org.uk/\">NMC</a>")
                .contains("&lt;script&gt;")
                .doesNotContain("<script>")
                .doesNotContain("javascript:");
    }

    @Test
    void aPublishedModuleIsFixed() {
        TrainingModule module =
                TrainingModule.draft(request(List.of(question("q1", Question.Type.SINGLE_CHOICE, Set.of("b")))), "gov");
        ModuleSeries series = ModuleSeries.empty("SMT-01");
        org.springframework.test.util.ReflectionTestUtils.setField(series, "publishedVersion", 1);
        org.springframework.test.util.ReflectionTestUtils.setField(
                series, "publications", List.of(new ModuleSeries.Publication(1, "gov", Instant.now(), "sha256:x")));
        module.resolve(series);
        assertThat(module.getStatus()).isEqualTo(TrainingModule.Status.PUBLISHED);

        assertThatThrownBy(
                        () -> module.edit(request(List.of(question("q1", Question.Type.SINGLE_CHOICE, Set.of("a"))))))
                .isInstanceOf(ConflictException.class)
                .hasMessageContaining("only drafts change");
        assertThat(module.refresher().getYears()).isEqualTo(1);
    }
}
