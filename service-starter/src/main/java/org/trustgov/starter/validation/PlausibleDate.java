package org.trustgov.starter.validation;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A date or instant a trust would really record: between {@link #minYear()} and {@link #maxYear()} (UTC). ISO
 * dates run to the year 999,999,999, which no database date can hold: without this such a value fails deep in the
 * service instead of being refused.
 */
@Documented
@Constraint(validatedBy = PlausibleDateValidator.class)
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.TYPE_USE})
@Retention(RetentionPolicy.RUNTIME)
public @interface PlausibleDate {

    String message() default "must be a date between the years {minYear} and {maxYear}";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    int minYear() default 1900;

    int maxYear() default 2999;
}
