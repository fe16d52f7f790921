package org.trustgov.starter.problem;

import java.util.List;
import org.trustgov.starter.json.WellFormedStringDeserializer;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.TokenStreamContext;
import tools.jackson.core.exc.InputCoercionException;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/** Turns a Jackson read failure into the field it concerns and a message that echoes nothing of the input. */
final class JsonProblems {

    /** The message of a field an object gives twice (the streaming parser's strict duplicate detection). */
    static final String DUPLICATE = "is given twice; give each field once";

    private JsonProblems() {}

    /** {@code details.a}, {@code clauses[3].text}, or {@code body} when the failure is not inside a field. */
    static String field(JacksonException e) {
        List<JacksonException.Reference> path = e.getPath();
        StringBuilder field = new StringBuilder();
        if (path != null && !path.isEmpty()) {
            for (JacksonException.Reference reference : path) {
                append(field, reference.getPropertyName(), reference.getIndex());
            }
        } else if (e.processor() instanceof JsonParser parser) {
            // Streaming failures (nesting too deep, a number too long) carry no databind path: take the parser's.
            fromContext(field, parser.streamReadContext());
        }
        String text = field.toString();
        if (text.length() > 120) {
            text = text.substring(0, 120) + "…";
        }
        return text.isEmpty() ? "body" : text;
    }

    static String message(JacksonException e) {
        if (e instanceof StreamConstraintsException) {
            return "is nested too deeply or is too long to read";
        }
        if (e instanceof StreamReadException
                && String.valueOf(e.getOriginalMessage()).startsWith("Duplicate ")) {
            return DUPLICATE;
        }
        if (e instanceof InputCoercionException) {
            return "is a number out of range";
        }
        if (e instanceof InvalidFormatException invalid
                && WellFormedStringDeserializer.MESSAGE.equals(invalid.getOriginalMessage())) {
            return WellFormedStringDeserializer.MESSAGE;
        }
        if (e instanceof UnrecognizedPropertyException) {
            return "is not a field of this request";
        }
        if (e instanceof MismatchedInputException mismatched && mismatched.getTargetType() != null) {
            Class<?> type = mismatched.getTargetType();
            if (type.isEnum()) {
                return "must be one of " + java.util.Arrays.toString(type.getEnumConstants());
            }
            return "has the wrong type or format (expected " + kind(type) + ")";
        }
        return "is not valid JSON here";
    }

    private static String kind(Class<?> type) {
        if (type == String.class) {
            return "text";
        }
        if (Number.class.isAssignableFrom(type) || type.isPrimitive() && type != boolean.class) {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (java.time.temporal.Temporal.class.isAssignableFrom(type)) {
            return "an ISO-8601 date or time";
        }
        if (java.util.Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "a list";
        }
        if (java.util.Map.class.isAssignableFrom(type) || type.isRecord()) {
            return "an object";
        }
        return type.getSimpleName();
    }

    private static void fromContext(StringBuilder field, TokenStreamContext context) {
        java.util.ArrayDeque<TokenStreamContext> chain = new java.util.ArrayDeque<>();
        for (TokenStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
            chain.push(c);
        }
        int depth = 0;
        for (TokenStreamContext c : chain) {
            if (++depth > 3) { // enough to say which field; a 500-level path helps no one
                break;
            }
            if (c.inObject()) {
                append(field, c.currentName(), -1);
            } else if (c.inArray()) {
                append(field, null, Math.max(0, c.getCurrentIndex()));
            }
        }
    }

    private static void append(StringBuilder field, String name, int index) {
        if (name != null) {
            if (!field.isEmpty()) {
                field.append('.');
            }
            field.append(safe(name));
        } else if (index >= 0) {
            field.append('[').append(index).append(']');
        }
    }

    /** A property name is input: keep it printable and short. */
    private static String safe(String name) {
        StringBuilder out = new StringBuilder();
        name.codePoints()
                .limit(64)
                .forEach(c ->
                        out.appendCodePoint(Character.isISOControl(c) || Character.isSurrogate((char) c) ? '?' : c));
        return out.toString();
    }
}
