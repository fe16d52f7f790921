package org.trustgov.training.roster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.time.Clock;
import java.time.Duration;
import java.time.Period;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.security.access.AccessDeniedException;
import org.trustgov.auditclient.access.AccessLog;
import org.trustgov.auditclient.access.AccessRecord;
import org.trustgov.auditclient.access.AccessRecordSettings;
import org.trustgov.keycloak.Caller;
import org.trustgov.training.TrainingSettings;
import org.trustgov.training.roster.StaffRecordAccess.Record;

/**
 * Who may read which record of the nurse 10000001, as a table: caller × record → allowed. Her line manager is
 * 10000005, who reports to 10000008; 10000007 manages someone else.
 */
class StaffRecordAccessTest {

    private static final String NURSE = "10000001";

    static Stream<Arguments> table() {
        // caller, ROSTER_ENTRY, COMPLIANCE, CERTIFICATE, ATTEMPT
        return Stream.of(
                Arguments.of("the nurse herself", person(NURSE, "staff"), true, true, true, true),
                Arguments.of("a colleague", person("10000002", "staff"), false, false, false, false),
                Arguments.of(
                        "her line manager", person("10000005", "staff", "line-manager"), false, true, false, false),
                Arguments.of(
                        "her manager's manager",
                        person("10000008", "staff", "line-manager"),
                        false,
                        true,
                        false,
                        false),
                Arguments.of(
                        "another line manager",
                        person("10000007", "staff", "line-manager"),
                        false,
                        false,
                        false,
                        false),
                Arguments.of("governance", person("10000004", "staff", "governance"), true, true, true, false),
                Arguments.of("an auditor", person("10000006", "auditor"), false, false, false, false),
                Arguments.of("HR", service("hr-system", "hr-integration"), true, false, true, false),
                Arguments.of("audit-service", service("audit-service", "service"), false, true, false, false),
                Arguments.of("policy-service", service("policy-service", "service"), false, false, false, false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void eachCallerReadsWhatTheirRelationAllows(
            String who, Caller caller, boolean roster, boolean compliance, boolean certificate, boolean attempt) {
        RosterQueries queries = mock(RosterQueries.class);
        when(queries.reportsTo(NURSE, "10000005")).thenReturn(true);
        when(queries.reportsTo(NURSE, "10000008")).thenReturn(true);
        List<AccessRecord> recorded = new ArrayList<>();
        AccessLog accessLog = new AccessLog(
                (batchId, records) -> recorded.addAll(records),
                new AccessRecordSettings(true, Duration.ofSeconds(1), 500, 1000, "gateway"),
                "training-service",
                Clock.systemUTC());
        StaffRecordAccess access = new StaffRecordAccess(queries, settings(), accessLog);

        assertThat(access.may(caller, Record.ROSTER_ENTRY, NURSE))
                .as("roster entry")
                .isEqualTo(roster);
        assertThat(access.may(caller, Record.COMPLIANCE, NURSE))
                .as("compliance")
                .isEqualTo(compliance);
        assertThat(access.may(caller, Record.CERTIFICATE, NURSE))
                .as("certificate")
                .isEqualTo(certificate);
        assertThat(access.may(caller, Record.ATTEMPT, NURSE)).as("attempt").isEqualTo(attempt);

        // Each read by someone else is recorded, and each refusal; the nurse reading her own records is not.
        Map<Record, Boolean> allowed = Map.of(
                Record.ROSTER_ENTRY,
                roster,
                Record.COMPLIANCE,
                compliance,
                Record.CERTIFICATE,
                certificate,
                Record.ATTEMPT,
                attempt);
        for (Record record : Record.values()) {
            try {
                access.require(caller, record, NURSE);
                if (record == Record.ROSTER_ENTRY || record == Record.COMPLIANCE) {
                    access.read(caller, record, NURSE); // as the controllers do, once the record is found
                }
            } catch (AccessDeniedException refused) {
                assertThat(allowed.get(record)).as("refused " + record).isFalse();
            }
        }
        accessLog.flush();
        boolean herself = NURSE.equals(caller.staffNumber());
        assertThat(recorded).hasSize(herself ? 0 : Record.values().length);
        for (AccessRecord r : recorded) {
            assertThat(r.subjectStaffNumber()).isEqualTo(NURSE);
            assertThat(r.viewer()).isEqualTo(caller.logName());
            assertThat(r.route())
                    .as("a token of demo-cli, not the gateway's pages")
                    .isEqualTo(AccessRecord.Route.API);
            Record kind = switch (r.what()) {
                case STAFF_RECORD -> Record.ROSTER_ENTRY;
                case COMPLIANCE_RECORD -> Record.COMPLIANCE;
                case CERTIFICATE -> Record.CERTIFICATE;
                default -> Record.ATTEMPT;
            };
            assertThat(r.outcome())
                    .as(kind.name())
                    .isEqualTo(allowed.get(kind) ? AccessRecord.Outcome.READ : AccessRecord.Outcome.REFUSED);
        }
    }

    private static Caller person(String staffNumber, String... roles) {
        return new Caller("s", "user", staffNumber, "Dept", Set.of(roles), "demo-cli", false);
    }

    private static Caller service(String client, String role) {
        return new Caller("s", "service-account-" + client, null, null, Set.of(role), client, true);
    }

    private static TrainingSettings settings() {
        return new TrainingSettings(
                Period.ofDays(30),
                Duration.ofMinutes(1),
                1000,
                Duration.ofHours(48),
                Duration.ofHours(1),
                new TrainingSettings.AttemptLimit(3, Period.ofDays(1)),
                List.of("audit-service"));
    }
}
