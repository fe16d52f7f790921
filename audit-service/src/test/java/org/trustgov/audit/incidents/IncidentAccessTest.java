package org.trustgov.audit.incidents;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.trustgov.audit.incidents.IncidentAccess.Action;
import org.trustgov.audit.incidents.IncidentAccess.View;
import org.trustgov.keycloak.Caller;

/**
 * Who sees what and does what with one incident, as a table: role × relation to the incident → the view and the
 * actions allowed. The subject is 10000002, the reporter 10000001.
 */
class IncidentAccessTest {

    private static final Set<Action> WORKFLOW = EnumSet.of(
            Action.TRIAGE,
            Action.ASSIGN_INVESTIGATOR,
            Action.START_INVESTIGATION,
            Action.ADD_ACTION,
            Action.COMPLETE_ACTION,
            Action.ADD_NOTE,
            Action.RECORD_OUTCOME,
            Action.CLOSE,
            Action.ASK_REPORTER,
            Action.CLOSE_AS_MALICIOUS);
    private static final Set<Action> NONE = EnumSet.noneOf(Action.class);

    static Stream<Arguments> table() {
        Set<Action> governanceActions = EnumSet.copyOf(WORKFLOW);
        governanceActions.add(Action.READ);
        governanceActions.add(Action.APPEAL);
        return Stream.of(
                // role, staff number (relation), expected view, expected actions
                Arguments.of("governance", "10000004", View.FULL, governanceActions),
                Arguments.of("governance", "10000002", View.SUBJECT, EnumSet.of(Action.READ, Action.APPEAL)),
                Arguments.of("governance", "10000001", View.REPORTER, EnumSet.of(Action.READ)),
                Arguments.of("auditor", "10000006", View.FULL, EnumSet.of(Action.READ)),
                Arguments.of("auditor", "10000002", View.SUBJECT, EnumSet.of(Action.READ, Action.APPEAL)),
                Arguments.of("staff", "10000002", View.SUBJECT, EnumSet.of(Action.READ, Action.APPEAL)),
                Arguments.of("staff", "10000001", View.REPORTER, EnumSet.of(Action.READ)),
                Arguments.of("staff", "10000007", View.NONE, NONE),
                Arguments.of("line-manager", "10000005", View.NONE, NONE),
                Arguments.of("hr-integration", null, View.NONE, NONE));
    }

    @ParameterizedTest(name = "{0} {1} sees {2}")
    @MethodSource("table")
    void eachRoleAndRelationSeesItsViewAndMayTakeOnlyItsSteps(
            String role, String staffNumber, View view, Set<Action> allowed) {
        Caller caller = staffNumber == null
                ? new Caller("s", "service-account-hr-system", null, null, Set.of(role), "hr-system", true)
                : new Caller("s", "user", staffNumber, "Dept", Set.of(role), "demo-cli", false);

        IncidentAccess access = IncidentAccess.of(caller, incident());

        assertThat(access.view()).isEqualTo(view);
        for (Action action : Action.values()) {
            assertThat(access.may(action))
                    .as(role + " " + staffNumber + " " + action)
                    .isEqualTo(allowed.contains(action));
        }
    }

    private static Incident incident() {
        IncidentRequest request = new IncidentRequest(
                "10000002",
                Instant.parse("2026-11-20T21:30:00Z"),
                IncidentTypes.Platform.FACEBOOK,
                IncidentTypes.Category.PATIENT_IMAGES_WITHOUT_CONSENT,
                IncidentTypes.Severity.HIGH,
                "A ward photo",
                List.of(),
                List.of());
        return Incident.report(
                "SMB-2026-000001", request, List.of(), "staff:10000001", Instant.parse("2026-11-21T09:00:00Z"));
    }
}
