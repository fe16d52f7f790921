package org.trustgov.transparency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CanonicalHashTest {

    @Test
    void theHashDoesNotDependOnKeyOrderOrNumberForm() {
        Map<String, Object> one = new LinkedHashMap<>();
        one.put("b", 1);
        one.put("a", List.of("x", 2.0));
        Map<String, Object> two = new LinkedHashMap<>();
        two.put("a", List.of("x", 2));
        two.put("b", 1.0);

        assertThat(CanonicalHash.sha256(one))
                .isEqualTo(CanonicalHash.sha256(two))
                .startsWith("sha256:")
                .hasSize(71);
    }

    @Test
    void theOnePassFormIsTheLibrarysFormForOrdinaryAndOddValues() {
        java.util.Random random = new java.util.Random(8785);
        for (int i = 0; i < 5_000; i++) {
            Object value = RandomJson.value(random, 0);
            List<Object> document = java.util.Collections.singletonList(value);
            assertThat(CanonicalHash.canonicalJson(document))
                    .as("value %s", value)
                    .isEqualTo(CanonicalHash.libraryCanonicalJson(document));
        }
        Map<String, Object> others = new LinkedHashMap<>();
        others.put("when", java.time.Instant.parse("2026-12-04T06:00:00Z"));
        others.put("float", 0.1f);
        others.put("big", new java.math.BigDecimal("12345678901234567890.5"));
        others.put("edges", List.of(Long.MAX_VALUE, Long.MIN_VALUE, 1e21, 1e-7, -0.0, Double.MIN_VALUE));
        assertThat(CanonicalHash.canonicalJson(others))
                .as("values that are not plain JSON go through Jackson and the library")
                .isEqualTo(CanonicalHash.libraryCanonicalJson(others));
    }

    @Test
    void notANumberAndValuesNestedTooDeeplyAreRefusedAsValuesThatCannotBeHashed() {
        assertThatThrownBy(() -> CanonicalHash.sha256(Map.of("n", Double.NaN)))
                .isInstanceOf(IllegalArgumentException.class);
        Object deep = "bottom";
        for (int i = 0; i < 5_000; i++) {
            deep = List.of(deep);
        }
        Object tooDeep = deep;
        assertThatThrownBy(() -> CanonicalHash.sha256(tooDeep))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("nested deeper");
    }

    @Test
    void textThatUtf8CannotHoldIsRefusedRatherThanHashedAsSomethingElse() {
        assertThatThrownBy(() -> CanonicalHash.sha256(Map.of("details", "\ud800")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not valid Unicode");
        assertThat(CanonicalHash.sha256(Map.of("emoji", "\ud83d\ude42")))
                .as("a proper pair is fine")
                .startsWith("sha256:");
    }
}
