package org.trustgov.audit.retention;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Period;

/**
 * How long one class of record is kept, and what happens then.
 *
 * @param recordClass the class, as the platform names it ({@code conduct-case}, {@code training-record}, …)
 * @param description what records of the class are, in the trust's words
 * @param period      how long after {@code startsAt} the record is kept
 * @param startsAt    the event the period runs from ({@code case-closed}, {@code staff-member-left}, …)
 * @param action      what happens at the end: destroyed, or reviewed by governance first
 * @param automatic   whether disposal at the end needs no review and approval (a trust's choice, off by default)
 * @param codeMinimum the shortest period the NHS Records Management Code of Practice allows, or {@code null}
 * @param source      where the rule comes from: the Code's entry, or the setting that overrides it
 */
public record RetentionRule(
        @Schema(example = "conduct-case") String recordClass,
        String description,
        @Schema(example = "P10Y", type = "string") Period period,
        @Schema(example = "case-closed") String startsAt,
        Action action,
        boolean automatic,
        @Schema(example = "P10Y", type = "string") Period codeMinimum,
        String source) {

    /** What happens to a record whose retention period has ended. */
    public enum Action {
        /** It goes on the disposal list, and is destroyed once approved (at once, when the class is automatic). */
        DESTROY,
        /** It goes on the disposal list for governance to decide: destroy, or keep and set a new review date. */
        REVIEW
    }
}
