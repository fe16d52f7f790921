package org.trustgov.starter.validation;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;

/** Checks {@link PlausibleDate} on {@link LocalDate}, {@link LocalDateTime}, {@link Instant} and offset/zoned times. */
public class PlausibleDateValidator implements ConstraintValidator<PlausibleDate, Object> {

    private int minYear;
    private int maxYear;

    @Override
    public void initialize(PlausibleDate annotation) {
        minYear = annotation.minYear();
        maxYear = annotation.maxYear();
    }

    @Override
    public boolean isValid(Object value, ConstraintValidatorContext context) {
        if (value == null) {
            return true;
        }
        int year;
        if (value instanceof LocalDate d) {
            year = d.getYear();
        } else if (value instanceof LocalDateTime t) {
            year = t.getYear();
        } else if (value instanceof OffsetDateTime t) {
            year = t.getYear();
        } else if (value instanceof ZonedDateTime t) {
            year = t.getYear();
        } else if (value instanceof Instant i) {
            // Compared as instants: the far ends of Instant's range (year 1,000,000,000) have no date-time to take a
            // year from, and asking for one would throw instead of refusing the value.
            return !i.isBefore(LocalDate.of(minYear, 1, 1)
                            .atStartOfDay(ZoneOffset.UTC)
                            .toInstant())
                    && i.isBefore(LocalDate.of(maxYear + 1, 1, 1)
                            .atStartOfDay(ZoneOffset.UTC)
                            .toInstant());
        } else {
            throw new IllegalArgumentException("@PlausibleDate does not apply to " + value.getClass());
        }
        return year >= minYear && year <= maxYear;
    }
}
