package org.trustgov.transparency;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What an audit-log entry's hash covers: exactly these fields, in this order, and nothing else an entry has but its
 * {@code hash}. An entry's hash is {@code sha256:<hex>} of the RFC 8785 canonical JSON of {@link #content}. The
 * offline verifier holds the same list, and a test holds the two equal.
 */
public final class LogEntries {

    /** The fields of a log entry its hash covers. */
    public static final List<String> HASHED_FIELDS =
            List.of("sequence", "at", "actor", "action", "target", "details", "source", "eventId", "previousHash");

    private LogEntries() {}

    /** The hashed content of an entry given field by field ({@code null} where a field is empty). */
    public static Map<String, Object> content(Map<String, ?> fields) {
        Map<String, Object> content = new LinkedHashMap<>();
        for (String field : HASHED_FIELDS) {
            content.put(field, fields.get(field));
        }
        return content;
    }

    /**
     * {@code sha256:<hex>} of the canonical JSON of {@link #content}, written straight from the given fields in
     * RFC 8785 member order (the field names need no escaping), without copying and sorting them first.
     */
    public static String hash(Map<String, ?> fields) {
        StringBuilder json = new StringBuilder(384).append('{');
        for (String field : MEMBER_ORDER) {
            if (json.length() > 1) {
                json.append(',');
            }
            json.append('"').append(field).append("\":");
            CanonicalHash.appendCanonicalJson(fields.get(field), json);
        }
        return CanonicalHash.sha256Of(json.append('}').toString());
    }

    /** The hashed fields in RFC 8785 member order (UTF-16 code units, which is how {@link String} compares). */
    public static final List<String> MEMBER_ORDER =
            HASHED_FIELDS.stream().sorted().toList();

    /**
     * An entry's content canonicalized in two steps, for a log that appends one entry at a time: the fields that do
     * not depend on the entry's place in the chain (actor, action, target, details, source, event id) first, by the
     * caller and in parallel with other callers, then the entry's place ({@link #hash}), which is cheap. RFC 8785
     * renders every member value on its own, so the hash is exactly {@link LogEntries#hash} of the same fields; the
     * verifier recomputes it that way, whole.
     */
    public static final class Prepared {

        private final Map<String, String> canonical = new java.util.HashMap<>();

        private Prepared(Map<String, ?> fields) {
            for (String field : HASHED_FIELDS) {
                if (fields.containsKey(field)) {
                    canonical.put(field, render(fields.get(field)));
                }
            }
        }

        /**
         * The given fields rendered now; refuses (as {@link CanonicalHash} does) a value that cannot be hashed as
         * stored.
         */
        public static Prepared of(Map<String, ?> fields) {
            return new Prepared(fields);
        }

        /** {@code sha256:<hex>} of the content: the prepared fields with {@code rest}, a field missing from both null. */
        public String hash(Map<String, ?> rest) {
            StringBuilder json = new StringBuilder(256).append('{');
            for (String field : MEMBER_ORDER) {
                if (json.length() > 1) {
                    json.append(',');
                }
                String value = canonical.get(field);
                json.append('"').append(field).append("\":").append(value != null ? value : render(rest.get(field)));
            }
            return CanonicalHash.sha256Of(json.append('}').toString());
        }

        /** A member value's RFC 8785 form: RFC 8785 renders each value on its own, whatever object it is in. */
        private static String render(Object value) {
            return CanonicalHash.canonicalJson(value);
        }
    }
}
