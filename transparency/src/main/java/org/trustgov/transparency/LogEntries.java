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

    public static String hash(Map<String, ?> fields) {
        return CanonicalHash.sha256(content(fields));
    }
}
