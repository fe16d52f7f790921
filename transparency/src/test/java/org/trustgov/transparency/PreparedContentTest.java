package org.trustgov.transparency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The two-step hash of an entry ({@link LogEntries.Prepared}) against the whole one the verifier recomputes, and the
 * whole one against the canonicalization library.
 */
class PreparedContentTest {

    private static final List<String> PLACE = List.of("sequence", "at", "previousHash");

    @Test
    void theTwoStepHashIsTheWholeHashForOddAndOrdinaryValues() {
        Random random = new Random(29);
        for (int i = 0; i < 2_000; i++) {
            Map<String, Object> fields = new HashMap<>();
            for (String field : LogEntries.HASHED_FIELDS) {
                if (random.nextInt(8) != 0) {
                    fields.put(field, RandomJson.value(random, 0));
                }
            }
            Map<String, Object> content = new HashMap<>(fields);
            Map<String, Object> place = new HashMap<>();
            PLACE.forEach(field -> place.put(field, content.remove(field)));

            assertThat(LogEntries.Prepared.of(content).hash(place))
                    .as("fields %s", fields)
                    .isEqualTo(LogEntries.hash(fields));
            // The whole hash, written field by field in member order, against the library's form of the content.
            assertThat(LogEntries.hash(fields))
                    .as("fields %s", fields)
                    .isEqualTo(CanonicalHash.sha256Of(CanonicalHash.libraryCanonicalJson(LogEntries.content(fields))));
        }
    }

    @Test
    void anEntryAsTheLogWritesItHashesAlike() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("actor", "staff:10000004");
        fields.put("action", "incident.reported");
        fields.put("target", "SMB-2026-000123");
        fields.put("details", Map.of("status", "REPORTED", "clauses", List.of("4.2", "7.1"), "note", "Ward \"B\"\n"));
        fields.put("source", null);
        fields.put("eventId", "c0ffee");
        Map<String, Object> place = Map.of(
                "sequence",
                9_007_199_254_740_993L, // beyond what JavaScript holds exactly: the library's form
                "at",
                "2026-12-04T05:00:00.123Z",
                "previousHash",
                "sha256:" + "ab".repeat(32));
        Map<String, Object> whole = new HashMap<>(fields);
        whole.putAll(place);

        assertThat(LogEntries.Prepared.of(fields).hash(place)).isEqualTo(LogEntries.hash(whole));
    }

    @Test
    void textThatCannotBeHashedAsStoredIsRefusedWhenPrepared() {
        assertThatThrownBy(() -> LogEntries.Prepared.of(Map.of("actor", "staff:\ud800")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not valid Unicode");
    }
}
