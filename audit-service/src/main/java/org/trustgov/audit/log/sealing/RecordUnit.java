package org.trustgov.audit.log.sealing;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The record a log entry belongs to, in the trust's records-management terms: its class and its reference. The
 * entry's personal values are sealed under this record's key, so that when the record reaches the end of its
 * retention, destroying that one key erases them from every entry about it, and from nothing else.
 *
 * <ul>
 *   <li>{@value #CONDUCT_CASE}: everything about one incident (its workflow, and exports of its case bundle);
 *   <li>{@value #TRAINING_RECORD}: one member of staff's training and acknowledgement record (events naming a
 *       {@code staffNumber});
 *   <li>{@value #AUDIT_TRAIL}: the rest (policy authoring, roster uploads, exports), one record a calendar year.
 * </ul>
 */
public record RecordUnit(String recordClass, String reference) {

    public static final String CONDUCT_CASE = "conduct-case";
    public static final String TRAINING_RECORD = "training-record";
    public static final String AUDIT_TRAIL = "audit-trail";
    /**
     * A leaver's roster record: no log entry belongs to it, but access records are about it, and its disposal leaves a
     * tombstone in the key store as the others' do ({@link RecordKeys#destroyedAmong}).
     */
    public static final String STAFF_RECORD = "staff-record";

    private static final Pattern INCIDENT_REFERENCE = Pattern.compile("SMB-[0-9]{4}-[0-9]+", Pattern.CASE_INSENSITIVE);

    /** The incident reference ({@code SMB-2026-000123}) named anywhere in {@code text}, upper-case, or {@code null}. */
    public static String incidentReferenceIn(String text) {
        if (text == null) {
            return null;
        }
        Matcher m = INCIDENT_REFERENCE.matcher(text);
        return m.find() ? m.group().toUpperCase(Locale.ROOT) : null;
    }

    /** The name its key id is derived from. */
    public String name() {
        return recordClass + ":" + reference;
    }

    /**
     * The name the key of the record's {@code life} is derived from: its first life's is {@link #name()}, a later
     * life's (a person's record begun again after its disposal, {@link #renewable()}) adds the life's number.
     */
    public String name(int life) {
        return life == 0 ? name() : name() + "#" + life;
    }

    /**
     * Whether the record begins again when a service that keeps it records something new about it after its disposal:
     * a person's training and staff records (a leaver rehired years later under the same staff number, or a member of
     * staff who trains again after their old training record was disposed of). A conduct case or a year of the audit
     * trail never comes back: what is appended about it afterwards is born destroyed.
     */
    public boolean renewable() {
        return recordClass.equals(TRAINING_RECORD) || recordClass.equals(STAFF_RECORD);
    }

    /** The record an entry with this target and these details, made at {@code at}, belongs to. */
    public static RecordUnit of(String target, Map<String, ?> details, Instant at) {
        String incident = incidentReferenceIn(target);
        if (incident != null) {
            return new RecordUnit(CONDUCT_CASE, incident);
        }
        if (details != null && details.get("staffNumber") instanceof String staffNumber && !staffNumber.isBlank()) {
            return new RecordUnit(TRAINING_RECORD, staffNumber);
        }
        return new RecordUnit(
                AUDIT_TRAIL, String.valueOf(at.atZone(ZoneOffset.UTC).getYear()));
    }
}
