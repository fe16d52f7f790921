package org.trustgov.audit.incidents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.trustgov.audit.incidents.IncidentTypes.BreachedClause;
import org.trustgov.audit.incidents.IncidentTypes.Category;
import org.trustgov.audit.incidents.IncidentTypes.OutcomeType;
import org.trustgov.audit.incidents.IncidentTypes.Platform;
import org.trustgov.audit.incidents.IncidentTypes.Regulator;
import org.trustgov.audit.incidents.IncidentTypes.Severity;
import org.trustgov.problem.BadRequestException;
import org.trustgov.problem.ConflictException;

/** The investigation workflow as domain rules, without a database. */
class IncidentWorkflowTest {

    static final Instant NOW = Instant.parse("2026-11-24T10:00:00Z");
    static final LocalDate NEXT_YEAR = LocalDate.parse("2027-11-24");

    static Incident reported() {
        IncidentRequest request = new IncidentRequest(
                "10000002",
                NOW.minusSeconds(3600),
                Platform.FACEBOOK,
                Category.PATIENT_IMAGES_WITHOUT_CONSENT,
                Severity.HIGH,
                "A ward photo",
                List.of(),
                List.of(new IncidentRequest.ClauseRequest("SM-001", "1.0", "4.2")));
        return Incident.report(
                "SMB-2026-000001",
                request,
                List.of(new BreachedClause("SM-001", "1.0", "4.2", "Images")),
                "staff:10000001",
                NOW);
    }

    static Incident underInvestigation() {
        Incident incident = reported();
        incident.triage(null, "staff:10000004", NOW);
        incident.assignInvestigator("10000004", "staff:10000004", NOW);
        incident.startInvestigation("staff:10000004", NOW);
        return incident;
    }

    @Test
    void theHappyPathRecordsEachTransitionWithWhoAndWhen() {
        Incident incident = underInvestigation();
        incident.recordOutcome(OutcomeType.FINAL_WARNING, "Final warning", NEXT_YEAR, null, "staff:10000004", NOW);
        incident.close("staff:10000004", NOW.plusSeconds(7200));

        assertThat(incident.getStatus()).isEqualTo(Incident.Status.CLOSED);
        assertThat(incident.getTransitions())
                .extracting(t -> t.to().name())
                .containsExactly("TRIAGED", "UNDER_INVESTIGATION", "OUTCOME_RECORDED", "CLOSED");
        assertThat(incident.getTransitions()).allSatisfy(t -> assertThat(t.by()).isEqualTo("staff:10000004"));
        assertThat(incident.getHoursToClose()).isEqualTo(2);
        assertThat(incident.getReportedMonth()).isEqualTo("2026-11");
    }

    @Test
    void anIncidentHoldsAtMostItsNotesActionsAndAppealsSoItAlwaysFitsOneDocument() {
        Incident incident = underInvestigation();
        for (int i = 0; i < Incident.MAX_NOTES; i++) {
            incident.addNote("n".repeat(10_000), "g", NOW);
        }
        for (int i = 0; i < Incident.MAX_ACTIONS; i++) {
            incident.addAction("a".repeat(2_000), "10000005", NEXT_YEAR, "g", NOW);
        }
        assertThatThrownBy(() -> incident.addNote("one more", "g", NOW))
                .isInstanceOf(ConflictException.class)
                .hasMessageContaining("most notes");
        assertThatThrownBy(() -> incident.addAction("one more", "10000005", NEXT_YEAR, "g", NOW))
                .isInstanceOf(ConflictException.class)
                .hasMessageContaining("most actions");

        for (int appeal = 0; appeal <= Incident.MAX_APPEALS; appeal++) {
            incident.recordOutcome(OutcomeType.DISMISSAL, "Dismissed", null, null, "g", NOW);
            incident.close("g", NOW);
            if (appeal < Incident.MAX_APPEALS) {
                incident.appeal("Appeal " + appeal, "r", NOW);
            }
        }
        assertThatThrownBy(() -> incident.appeal("A sixth", "r", NOW))
                .isInstanceOf(ConflictException.class)
                .hasMessageContaining("appealed 5 times");
        assertThat(incident.getAppeals()).hasSize(Incident.MAX_APPEALS);
        assertThat(incident.getEarlierOutcomes()).hasSize(Incident.MAX_APPEALS);
        assertThat(incident.getTransitions()).hasSize(Incident.MAX_TRANSITIONS);
    }

    @Test
    void everyStepOutOfOrderIs409() {
        assertThatThrownBy(() -> reported().close("g", NOW)).isInstanceOf(ConflictException.class);
        assertThatThrownBy(() -> reported().startInvestigation("g", NOW)).isInstanceOf(ConflictException.class);
        assertThatThrownBy(() -> reported().appeal("r", "g", NOW)).isInstanceOf(ConflictException.class);
        assertThatThrownBy(() -> reported().recordOutcome(OutcomeType.DISMISSAL, "s", null, null, "g", NOW))
                .isInstanceOf(ConflictException.class);
        Incident triaged = reported();
        triaged.triage(Severity.LOW, "g", NOW);
        assertThat(triaged.getSeverity()).isEqualTo(Severity.LOW);
        assertThatThrownBy(() -> triaged.startInvestigation("g", NOW))
                .as("no investigator")
                .isInstanceOf(ConflictException.class);
        assertThatThrownBy(() -> triaged.assignInvestigator("10000002", "g", NOW))
                .as("the subject")
                .isInstanceOf(ConflictException.class);
        assertThatThrownBy(() -> triaged.triage(null, "g", NOW)).isInstanceOf(ConflictException.class);
    }

    @Test
    void outcomesCarryWhatTheyNeed() {
        assertThatThrownBy(
                        () -> underInvestigation().recordOutcome(OutcomeType.FORMAL_WARNING, "s", null, null, "g", NOW))
                .isInstanceOf(BadRequestException.class)
                .satisfies(e -> assertThat(((BadRequestException) e)
                                .getBody()
                                .getProperties()
                                .toString())
                        .contains("expiresOn"));
        assertThatThrownBy(() -> underInvestigation()
                        .recordOutcome(OutcomeType.FORMAL_WARNING, "s", LocalDate.parse("2026-11-24"), null, "g", NOW))
                .as("expiry not in the future")
                .isInstanceOf(BadRequestException.class);
        assertThatThrownBy(
                        () -> underInvestigation().recordOutcome(OutcomeType.DISMISSAL, "s", NEXT_YEAR, null, "g", NOW))
                .as("only warnings expire")
                .isInstanceOf(BadRequestException.class);
        assertThatThrownBy(() -> underInvestigation()
                        .recordOutcome(OutcomeType.REFERRAL_TO_REGULATOR, "s", null, null, "g", NOW))
                .isInstanceOf(BadRequestException.class)
                .satisfies(e -> assertThat(((BadRequestException) e)
                                .getBody()
                                .getProperties()
                                .toString())
                        .contains("regulator"));
        Incident referred = underInvestigation();
        referred.recordOutcome(OutcomeType.REFERRAL_TO_REGULATOR, "Referred to the NMC", null, Regulator.NMC, "g", NOW);
        assertThat(referred.getOutcome().regulator()).isEqualTo(Regulator.NMC);
    }

    @Test
    void anAppealReopensAClosedCaseAndTheEarlierOutcomeIsKept() {
        Incident incident = underInvestigation();
        incident.recordOutcome(OutcomeType.FORMAL_WARNING, "Formal warning", NEXT_YEAR, null, "g", NOW);
        incident.close("g", NOW);
        incident.appeal("Consent was given", "staff:10000002", NOW);

        assertThat(incident.getStatus()).isEqualTo(Incident.Status.UNDER_INVESTIGATION);
        assertThat(incident.getClosedAt()).isNull();
        incident.addNote("Consent form found", "g", NOW);
        incident.recordOutcome(OutcomeType.NO_CASE_TO_ANSWER, "No case", null, null, "g", NOW);
        assertThat(incident.getEarlierOutcomes()).extracting(o -> o.type()).containsExactly(OutcomeType.FORMAL_WARNING);
        assertThat(incident.getAppeals()).hasSize(1);
        assertThat(incident.getNotes()).hasSize(1);
    }

    @Test
    void actionsAreAddedAndDoneOnceAndNotesStopWhenClosed() {
        Incident incident = underInvestigation();
        var action = incident.addAction("Remove the post", "10000005", NEXT_YEAR, "g", NOW);
        incident.completeAction(action.id(), NOW);
        assertThatThrownBy(() -> incident.completeAction(action.id(), NOW)).isInstanceOf(ConflictException.class);
        incident.recordOutcome(OutcomeType.INFORMAL_ACTION, "Words of advice", null, null, "g", NOW);
        incident.close("g", NOW);
        assertThatThrownBy(() -> incident.addNote("late", "g", NOW)).isInstanceOf(ConflictException.class);
        assertThatThrownBy(() -> incident.addAction("late", "10000005", NEXT_YEAR, "g", NOW))
                .isInstanceOf(ConflictException.class);
    }

    @Test
    void anIncidentCannotHaveHappenedInTheFuture() {
        IncidentRequest future = new IncidentRequest(
                "10000002",
                NOW.plusSeconds(86_400),
                Platform.X,
                Category.OTHER,
                Severity.LOW,
                "d",
                List.of(),
                List.of(new IncidentRequest.ClauseRequest("SM-001", "1.0", "4.2")));
        assertThatThrownBy(() -> Incident.report("SMB-2026-000002", future, List.of(), "staff:1", NOW))
                .isInstanceOf(BadRequestException.class)
                .satisfies(e -> assertThat(((BadRequestException) e)
                                .getBody()
                                .getProperties()
                                .toString())
                        .contains("occurredAt"));
    }
}
