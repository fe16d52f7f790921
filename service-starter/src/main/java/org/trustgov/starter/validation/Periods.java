package org.trustgov.starter.validation;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.Period;
import java.time.format.DateTimeParseException;

/**
 * ISO-8601 periods ({@code P1Y}, {@code P6M}, {@code P30D}) kept as data, checked against sane bounds. Periods
 * are compared by how far each takes a fixed date (months and years have no fixed length in days), so
 * {@code P12M} equals {@code P1Y} and {@code P999999999Y} is simply too long, never an overflow later.
 */
public final class Periods {

    private static final LocalDate REFERENCE = LocalDate.of(2000, 1, 1);

    private Periods() {}

    /** Why {@code text} is not a period within [min, max], or {@code null} when it is one. */
    public static String problem(String text, Period min, Period max) {
        if (text == null || text.isBlank()) {
            return "must be an ISO-8601 period such as P1Y or P6M";
        }
        Period period;
        try {
            period = Period.parse(text);
        } catch (DateTimeParseException e) {
            return "must be an ISO-8601 period such as P1Y or P6M";
        }
        return problem(period, min, max);
    }

    /** Why {@code period} is not within [min, max], or {@code null} when it is. */
    public static String problem(Period period, Period min, Period max) {
        String range = "must be between " + min + " and " + max;
        if (period.getYears() < 0 || period.getMonths() < 0 || period.getDays() < 0) {
            return range + " (no negative parts)";
        }
        try {
            LocalDate end = REFERENCE.plus(period);
            if (end.isBefore(REFERENCE.plus(min)) || end.isAfter(REFERENCE.plus(max))) {
                return range;
            }
            return null;
        } catch (DateTimeException | ArithmeticException e) {
            return range;
        }
    }

    /**
     * For settings: the period, or a clear start-up failure naming the property.
     *
     * @param property the setting's name, e.g. {@code trustgov.training.due-soon}
     */
    public static Period requireWithin(String property, Period value, Period min, Period max) {
        if (value == null) {
            throw new IllegalArgumentException(property + " must be set (an ISO-8601 period)");
        }
        String problem = problem(value, min, max);
        if (problem != null) {
            throw new IllegalArgumentException(property + " " + problem + "; it is " + value);
        }
        return value;
    }
}
