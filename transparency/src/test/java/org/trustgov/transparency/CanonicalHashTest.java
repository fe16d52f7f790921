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
    void textThatUtf8CannotHoldIsRefusedRatherThanHashedAsSomethingElse() {
        assertThatThrownBy(() -> CanonicalHash.sha256(Map.of("details", "\ud800")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not valid Unicode");
        assertThat(CanonicalHash.sha256(Map.of("emoji", "\ud83d\ude42")))
                .as("a proper pair is fine")
                .startsWith("sha256:");
    }
}
