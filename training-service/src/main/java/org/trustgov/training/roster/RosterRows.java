package org.trustgov.training.roster;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.trustgov.starter.json.WellFormedText;

/**
 * Turns one uploaded row (a JSON object or a CSV line, as name → value) into a {@link RosterRow}, collecting
 * what cannot be read per field instead of failing the upload.
 */
final class RosterRows {

    /**
     * A row as read, with its position and the fields that could not be read.
     *
     * @param row  1-based position among the data rows
     * @param line the line of the upload it starts on (the header is line 1), {@code null} when not known
     */
    record Parsed(int row, Integer line, RosterRow value, List<Map<String, String>> errors) {}

    private RosterRows() {}

    static Parsed parse(int row, Map<String, ?> raw) {
        return parse(row, null, raw);
    }

    static Parsed parse(int row, Integer line, Map<String, ?> raw) {
        List<Map<String, String>> errors = new ArrayList<>();
        Map<String, String> text = new LinkedHashMap<>();
        raw.forEach((k, v) -> {
            if (v instanceof Map<?, ?> || v instanceof List<?>) {
                errors.add(error(k, "must be a plain value, not an object or list"));
            } else if (v instanceof String value && !WellFormedText.isWellFormed(value)) {
                errors.add(error(k, "is not valid Unicode text"));
            } else if (v != null && !String.valueOf(v).isBlank()) {
                text.put(k, String.valueOf(v).trim());
            }
        });
        Boolean active = null;
        if (text.containsKey("active")) {
            switch (text.get("active").toLowerCase(Locale.ROOT)) {
                case "true", "yes", "y", "1" -> active = true;
                case "false", "no", "n", "0" -> active = false;
                default -> errors.add(error("active", "must be true or false"));
            }
        }
        LocalDate leavingDate = null;
        if (text.containsKey("leavingDate")) {
            try {
                leavingDate = LocalDate.parse(text.get("leavingDate"));
            } catch (DateTimeParseException e) {
                errors.add(error("leavingDate", "must be a date such as 2026-11-30"));
            }
        }
        RosterRow value = new RosterRow(
                text.get("staffNumber"),
                text.get("name"),
                text.get("workEmail"),
                text.get("department"),
                text.get("staffGroup"),
                text.get("registrationBody"),
                text.get("registrationNumber"),
                text.get("lineManagerStaffNumber"),
                active,
                leavingDate);
        return new Parsed(row, line, value, errors);
    }

    static Map<String, String> error(String field, String message) {
        Map<String, String> error = new LinkedHashMap<>();
        error.put("field", field);
        error.put("message", message);
        return error;
    }
}
