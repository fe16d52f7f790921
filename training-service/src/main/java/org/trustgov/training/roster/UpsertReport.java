package org.trustgov.training.roster;

import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Map;

/**
 * What happened to an upload: every row is either applied (inserted, updated, or unchanged because HR sent the
 * same data again), left out as a leaver whose record was disposed of, or rejected with its reasons. Rejected rows change nothing; applied rows are applied
 * whatever happened to the others.
 *
 * @param uploadId          the upload's own record, kept with its counts (and in the audit log)
 * @param alreadyDisposed   leavers whose roster record the trust disposed of at the end of its retention, sent
 *                          again: not kept again (a leaver sent as active again, a rehire, is kept)
 * @param rejectedCount     how many rows were rejected in all
 * @param rejected          the first {@value #MAX_REPORTED_REJECTIONS} of them with their reasons, in upload order
 * @param rejectedTruncated whether more rows were rejected than are listed (fix those and send the roster again)
 */
public record UpsertReport(
        String uploadId,
        int received,
        int inserted,
        int updated,
        int unchanged,
        int alreadyDisposed,
        int rejectedCount,
        @Size(max = MAX_REPORTED_REJECTIONS) List<Rejected> rejected,
        boolean rejectedTruncated) {

    /** The most rejected rows one report lists; the count covers all of them. */
    public static final int MAX_REPORTED_REJECTIONS = 1_000;
    /** The most reasons listed for one row (a row has eleven fields, each with a few rules). */
    public static final int MAX_ERRORS_PER_ROW = 50;

    /**
     * @param row  1-based position in the upload (for CSV: the data row after the header)
     * @param line where the row starts in the upload (the header is line 1); {@code null} when not known
     */
    public record Rejected(
            int row,
            Integer line,
            String staffNumber,
            @Size(max = MAX_ERRORS_PER_ROW) List<Map<String, String>> errors) {

        public Rejected {
            errors = errors.size() > MAX_ERRORS_PER_ROW ? List.copyOf(errors.subList(0, MAX_ERRORS_PER_ROW)) : errors;
        }
    }
}
