package org.trustgov.auditclient.access;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One read of a record about a person by someone other than that person, or one refused attempt at it: who (a staff
 * number, a client, or the holder of a confidential report's receipt, never more), in which role and department,
 * what, whose, when, and whether by a page or the API. Batched by {@link AccessLog} and kept by audit-service, whose
 * log binds each batch's hash.
 *
 * @param viewer            {@code staff:10000004}, {@code client:hr-system}, {@code person:<sub>} or
 *                          {@code receipt-holder}
 * @param viewerRole        the role they read it in (the most senior they hold: governance, auditor, ...)
 * @param viewerDepartment  their department, when their token names one
 * @param recordId          the incident reference, or the staff number the record is about
 * @param subjectStaffNumber whom it is about, when known (a refused read of an unknown reference names no one)
 * @param service           the service that served (or refused) the read
 */
public record AccessRecord(
        @NotBlank @Size(max = 64) @Pattern(regexp = "[A-Za-z0-9-]+")
        String id,

        @NotNull Instant at,
        @NotBlank @Size(max = 200) String viewer,
        @Size(max = 40) String viewerRole,
        @Size(max = 100) String viewerDepartment,
        @NotNull What what,
        @NotBlank @Size(max = 100) String recordId,

        @Pattern(regexp = "[0-9]{8}", message = "must be an 8-digit staff number")
        String subjectStaffNumber,

        @NotNull Route route,
        @NotNull Outcome outcome,
        @Size(max = 60) String service) {

    /** The kinds of record whose reads are recorded. */
    public enum What {
        INCIDENT,
        CASE_BUNDLE,
        OUTCOME,
        COMPLIANCE_RECORD,
        STAFF_RECORD,
        CERTIFICATE,
        ATTEMPT
    }

    /** Through the gateway's pages (the person's browser session) or the API (any other client). */
    public enum Route {
        PAGE,
        API
    }

    public enum Outcome {
        READ,
        REFUSED
    }

    /** The same record, read by {@code reader} instead (a reader disposed of: {@code [destroyed]}). */
    public AccessRecord readBy(String reader) {
        return with(reader, service);
    }

    /** The same record, as kept for the service that sent it (whatever it said). */
    public AccessRecord from(String sendingService) {
        return with(viewer, sendingService);
    }

    private AccessRecord with(String reader, String servedBy) {
        return new AccessRecord(
                id,
                at,
                reader,
                viewerRole,
                viewerDepartment,
                what,
                recordId,
                subjectStaffNumber,
                route,
                outcome,
                servedBy);
    }

    /** The viewer of a confidential report's case by its receipt code: no one the platform knows. */
    public static final String RECEIPT_HOLDER = "receipt-holder";

    /**
     * The fields as the hash covers them: strings only (the time to the millisecond, as stored), absent values left
     * out, so that the same record hashes alike in every service and after a round trip through the store.
     */
    public Map<String, Object> canonical() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("id", id);
        fields.put("at", at.truncatedTo(ChronoUnit.MILLIS).toString());
        fields.put("viewer", viewer);
        put(fields, "viewerRole", viewerRole);
        put(fields, "viewerDepartment", viewerDepartment);
        fields.put("what", what.name());
        fields.put("recordId", recordId);
        put(fields, "subjectStaffNumber", subjectStaffNumber);
        fields.put("route", route.name());
        fields.put("outcome", outcome.name());
        put(fields, "service", service);
        return fields;
    }

    private static void put(Map<String, Object> fields, String name, String value) {
        if (value != null) {
            fields.put(name, value);
        }
    }
}
