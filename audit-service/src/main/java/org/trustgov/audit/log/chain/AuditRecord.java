package org.trustgov.audit.log.chain;

import java.util.Map;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * What is to be appended: who did what to what, with details reduced to plain JSON values (strings, numbers,
 * booleans, lists, maps), so that what is hashed is exactly what MongoDB stores and gives back.
 *
 * @param source  the sending service, or {@code null} for audit-service's own changes
 * @param eventId the sender's event id, or {@code null}
 */
public record AuditRecord(
        String actor, String action, String target, Map<String, Object> details, String source, String eventId) {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    public AuditRecord {
        details = details == null ? Map.of() : plain(details) ? details : JSON.convertValue(details, DETAILS);
    }

    private static final TypeReference<Map<String, Object>> DETAILS = new TypeReference<>() {};

    /** Whether a value is already what MongoDB stores and gives back (so converting it would change nothing). */
    private static boolean plain(Object value) {
        if (value == null || value instanceof String || value instanceof Boolean) {
            return true;
        }
        if (value instanceof Integer || value instanceof Long || value instanceof Double) {
            return true;
        }
        if (value instanceof Map<?, ?> map) {
            return map.entrySet().stream().allMatch(e -> e.getKey() instanceof String && plain(e.getValue()));
        }
        if (value instanceof java.util.List<?> list) {
            return list.stream().allMatch(AuditRecord::plain);
        }
        return false;
    }

    /** This record with other actor, target and details (its personal values sealed), already plain JSON values. */
    AuditRecord withContent(String actor, String target, Map<String, Object> details) {
        return new AuditRecord(actor, action, target, details, source, eventId);
    }

    /** A change made in audit-service itself. */
    public static AuditRecord of(String actor, String action, String target, Map<String, ?> details) {
        return new AuditRecord(actor, action, target, details == null ? null : Map.copyOf(details), null, null);
    }
}
