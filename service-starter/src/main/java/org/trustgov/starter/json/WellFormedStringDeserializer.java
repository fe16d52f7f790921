package org.trustgov.starter.json;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.deser.jdk.StringDeserializer;
import tools.jackson.databind.exc.InvalidFormatException;

/**
 * Every JSON string a service reads, in typed fields and in free-form maps alike, must be well-formed Unicode
 * ({@link WellFormedText}); otherwise the request is a 400 naming the field, before anything is stored or hashed.
 */
public class WellFormedStringDeserializer extends StringDeserializer {

    /** The message of the 400; the offending value is not echoed. */
    public static final String MESSAGE = "is not valid Unicode text (it contains a lone surrogate such as \\ud800)";

    @Override
    public String deserialize(JsonParser p, DeserializationContext ctxt) throws JacksonException {
        String value = super.deserialize(p, ctxt);
        if (value != null && !WellFormedText.isWellFormed(value)) {
            throw InvalidFormatException.from(p, MESSAGE, "", String.class);
        }
        return value;
    }
}
