package org.trustgov.training.roster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.trustgov.problem.BadRequestException;

class RosterRowsTest {

    private static List<RosterRows.Parsed> csv(String text) {
        List<RosterRows.Parsed> rows = new ArrayList<>();
        RosterCsv.rows(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)))
                .forEachRemaining(rows::add);
        return rows;
    }

    @Test
    void csvColumnsMayComeInAnyOrderAndBlankMeansNotGiven() {
        List<RosterRows.Parsed> rows = csv("""
                name,staffNumber,department,staffGroup,active,leavingDate,registrationBody,registrationNumber
                Alex Carter,10000001,Acute Medicine,Nursing,,,NMC,12A3456E
                Sam Leaver,10000009,Acute Medicine,Nursing,no,2026-10-31,,
                """);

        assertThat(rows).hasSize(2);
        assertThat(rows.get(0).value().isActive()).isTrue();
        assertThat(rows.get(0).value().registrationBody()).isEqualTo("NMC");
        assertThat(rows.get(1).value().isActive()).isFalse();
        assertThat(rows.get(1).value().leavingDate()).hasToString("2026-10-31");
        assertThat(rows).allSatisfy(r -> assertThat(r.errors()).isEmpty());
    }

    @Test
    void unreadableValuesBecomeFieldErrorsOfThatRowOnly() {
        RosterRows.Parsed row = RosterRows.parse(
                7,
                Map.of(
                        "staffNumber",
                        "10000001",
                        "active",
                        "maybe",
                        "leavingDate",
                        "31/10/2026",
                        "name",
                        Map.of("$ne", "")));

        assertThat(row.row()).isEqualTo(7);
        assertThat(row.errors())
                .extracting(e -> e.get("field"))
                .containsExactlyInAnyOrder("active", "leavingDate", "name");
    }

    @Test
    void aHeaderWithoutTheKeyColumnsIsRefusedNamingTheMissingOne() {
        assertThatThrownBy(() -> csv("staffNumber,name,department\n10000001,Alex,Ward 7\n"))
                .isInstanceOf(BadRequestException.class)
                .hasMessageContaining("header");
    }
}
