package org.trustgov.starter.json;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Limits on every JSON body a service parses ({@code trustgov.json.*}), enforced by the parser before any
 * object is built: beyond them the request is a 400. Free-form fields (an audit event's details) have tighter
 * limits of their own ({@link org.trustgov.starter.validation.FreeFormJson}).
 *
 * @param maxNestingDepth  objects and arrays open at once (a typed request needs fewer than 10)
 * @param maxNumberLength  digits in one number
 * @param maxNameLength    characters in one property name
 * @param maxStringLength  characters in one string value (no field of a typed request allows more)
 */
@ConfigurationProperties("trustgov.json")
public record JsonInputProperties(
        @DefaultValue("32") int maxNestingDepth,
        @DefaultValue("40") int maxNumberLength,
        @DefaultValue("200") int maxNameLength,
        @DefaultValue("50000") int maxStringLength) {

    public JsonInputProperties {
        if (maxNestingDepth < 4 || maxNumberLength < 20 || maxNameLength < 20 || maxStringLength < 1000) {
            throw new IllegalArgumentException(
                    "trustgov.json limits are too small to read ordinary requests "
                            + "(max-nesting-depth >= 4, max-number-length >= 20, max-name-length >= 20, max-string-length >= 1000)");
        }
    }
}
