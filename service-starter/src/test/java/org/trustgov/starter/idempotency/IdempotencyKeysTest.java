package org.trustgov.starter.idempotency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.parameters.Parameter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.web.method.HandlerMethod;
import org.trustgov.problem.BadRequestException;

class IdempotencyKeysTest {

    static final String KEY = "0f8b7c52-3d7e-4c41-9a55-2c6f1e0b9d43";

    @Test
    void aKeyIsReadAsSentOrAsAStructuredFieldStringAndNoneIsNull() {
        assertThat(IdempotencyKeys.read(List.of(KEY))).isEqualTo(KEY);
        assertThat(IdempotencyKeys.read(List.of("\"" + KEY + "\""))).isEqualTo(KEY);
        assertThat(IdempotencyKeys.read(List.of(" " + KEY + " "))).isEqualTo(KEY);
        assertThat(IdempotencyKeys.read(null)).isNull();
        assertThat(IdempotencyKeys.read(List.of())).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "\"\"", "fifteen-chars-x", "has a space in the middle", "non-ascii-kéy-0123456789"})
    void whatCannotBeAKeyIs400NamingTheHeader(String bad) {
        assertThatThrownBy(() -> IdempotencyKeys.read(List.of(bad)))
                .isInstanceOfSatisfying(
                        BadRequestException.class,
                        e -> assertThat(e.getMessage()).contains("Idempotency-Key"));
        assertThatThrownBy(() -> IdempotencyKeys.read(List.of("k".repeat(256))))
                .isInstanceOf(BadRequestException.class);
        assertThatThrownBy(() -> IdempotencyKeys.read(List.of(KEY, KEY))).isInstanceOf(BadRequestException.class);
        assertThat(IdempotencyKeys.read(List.of("k".repeat(255)))).hasSize(255);
        assertThat(IdempotencyKeys.read(List.of("k".repeat(16)))).hasSize(16);
    }

    @Test
    void aKeyIsHashedInItsScopeAndWhatItCameWithByItsCanonicalForm() {
        IdempotencyKey key = new IdempotencyKey(KEY);
        assertThat(key.hashIn("note\nstaff:1")).isNotEqualTo(key.hashIn("note\nstaff:2"));
        assertThat(key.hashIn("note\nstaff:1")).isEqualTo(new IdempotencyKey(KEY).hashIn("note\nstaff:1"));
        assertThat(IdempotencyKey.sentWith("note", Map.of("a", 1, "b", 2)))
                .as("the same content, another order")
                .isEqualTo(IdempotencyKey.sentWith("note", Map.of("b", 2, "a", 1)));
        assertThat(IdempotencyKey.sentWith("note", null)).isNotEqualTo(IdempotencyKey.sentWith("close", null));
    }

    @Test
    void keyedChangesTellAChangeSentAgainFromAKeyReusedAndKeepTheLatest() {
        KeyedChanges changes = new KeyedChanges();
        assertThat(changes.madeAlready("k1", "r1", "note")).isFalse();
        changes.record("k1", "r1");
        assertThat(changes.madeAlready("k1", "r1", "note")).isTrue();
        assertThatThrownBy(() -> changes.madeAlready("k1", "r2", "note"))
                .isInstanceOf(IdempotencyKeyReusedException.class)
                .hasMessageContaining("another note");
        for (int i = 2; i <= KeyedChanges.KEPT + 1; i++) {
            changes.record("k" + i, "r" + i);
        }
        assertThat(changes.kept()).hasSize(KeyedChanges.KEPT);
        assertThat(changes.madeAlready("k1", "r1", "note"))
                .as("the oldest dropped")
                .isFalse();
        assertThat(changes.madeAlready("k2", "r2", "note")).isTrue();
    }

    @Test
    void theHeaderIsDocumentedOnTheOperationsThatTakeAKeyOnly() throws Exception {
        IdempotencyKeyHeader header = new IdempotencyKeyHeader();
        Operation keyed = header.customize(
                new Operation(),
                new HandlerMethod(new Handlers(), Handlers.class.getMethod("keyed", IdempotencyKey.class)));
        Operation plain =
                header.customize(new Operation(), new HandlerMethod(new Handlers(), Handlers.class.getMethod("plain")));

        assertThat(keyed.getParameters()).singleElement().satisfies((Parameter p) -> {
            assertThat(p.getName()).isEqualTo("Idempotency-Key");
            assertThat(p.getIn()).isEqualTo("header");
            assertThat(p.getRequired()).isFalse();
            assertThat(p.getSchema().getMinLength()).isEqualTo(16);
            assertThat(p.getSchema().getMaxLength()).isEqualTo(255);
        });
        assertThat(plain.getParameters()).isNull();
    }

    static class Handlers {
        public void keyed(IdempotencyKey key) {}

        public void plain() {}
    }
}
