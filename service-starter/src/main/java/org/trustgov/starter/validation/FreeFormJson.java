package org.trustgov.starter.validation;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A free-form JSON value (an object of facts such as an audit event's {@code details}) that is safe to store,
 * read back and hash: nested at most {@link #maxDepth()} levels, at most {@link #maxEntries()} values in all,
 * keys of letters, digits, {@code _} and {@code -} only (no {@code $}, dots or control characters, which MongoDB
 * treats as operators or refuses), strings well-formed and at most {@link #maxStringLength()} characters, numbers
 * that fit in 64 bits (finite doubles or longs), and nothing but strings, numbers, booleans, nulls, objects and
 * arrays. The message names where inside the value the first problem is.
 */
@Documented
@Constraint(validatedBy = FreeFormJsonValidator.class)
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.TYPE_USE})
@Retention(RetentionPolicy.RUNTIME)
public @interface FreeFormJson {

    String message() default "is not an acceptable JSON value";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /** Levels of objects and arrays, the value itself being level 1. */
    int maxDepth() default 4;

    /** Keys and array elements counted over the whole value. */
    int maxEntries() default 200;

    int maxStringLength() default 2000;
}
