package org.trustgov.starter.validation;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.validation.Validation;
import jakarta.validation.Validator;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** Dates a trust would record pass; the far ends of every date type are refused, never a failure of the check. */
class PlausibleDateValidatorTest {

    record When(@PlausibleDate Instant at, @PlausibleDate LocalDate on) {}

    private final Validator validator =
            Validation.buildDefaultValidatorFactory().getValidator();

    @Test
    void theFarEndsAreRefusedAndOrdinaryDatesPass() {
        assertThat(validator.validate(new When(Instant.parse("2026-12-03T10:00:00Z"), LocalDate.of(2026, 12, 3))))
                .isEmpty();
        assertThat(validator.validate(new When(Instant.parse("2999-12-31T23:59:59.999Z"), LocalDate.of(1900, 1, 1))))
                .isEmpty();
        for (Instant extreme : new Instant[] {
            Instant.MAX, Instant.MIN, Instant.parse("3000-01-01T00:00:00Z"), Instant.parse("1899-12-31T23:59:59Z")
        }) {
            assertThat(validator.validate(new When(extreme, null)))
                    .as(extreme.toString())
                    .singleElement()
                    .satisfies(v -> assertThat(v.getPropertyPath().toString()).isEqualTo("at"));
        }
        assertThat(validator.validate(new When(null, LocalDate.MAX))).hasSize(1);
        assertThat(validator.validate(new When(null, LocalDate.MIN))).hasSize(1);
    }
}
