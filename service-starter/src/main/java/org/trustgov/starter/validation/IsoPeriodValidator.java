package org.trustgov.starter.validation;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import java.time.Period;

/** Checks {@link IsoPeriod}; the message says what is wrong (not a period, or out of bounds). */
public class IsoPeriodValidator implements ConstraintValidator<IsoPeriod, String> {

    private Period min;
    private Period max;

    @Override
    public void initialize(IsoPeriod annotation) {
        min = Period.parse(annotation.min());
        max = Period.parse(annotation.max());
    }

    @Override
    public boolean isValid(String value, ConstraintValidatorContext context) {
        if (value == null) {
            return true;
        }
        String problem = Periods.problem(value, min, max);
        if (problem == null) {
            return true;
        }
        context.disableDefaultConstraintViolation();
        context.buildConstraintViolationWithTemplate(problem).addConstraintViolation();
        return false;
    }
}
