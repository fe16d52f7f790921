package org.trustgov.training.roster;

import java.util.List;
import java.util.Map;

/**
 * What happened to an upload: every row is either applied (inserted, updated, or unchanged because HR sent the
 * same data again) or rejected with its reasons. Rejected rows change nothing; applied rows are applied
 * whatever happened to the others.
 *
 * @param uploadId the upload's own record, kept with its counts (and in the audit log)
 */
public record UpsertReport(String uploadId, int received, int inserted, int updated, int unchanged,
        List<Rejected> rejected) {

    /**
     * @param row  1-based position in the upload (for CSV: the data row after the header)
     * @param line where the row starts in the upload (the header is line 1); {@code null} when not known
     */
    public record Rejected(int row, Integer line, String staffNumber, List<Map<String, String>> errors) {
    }
}
