package org.trustgov.training.roster;

import java.util.List;
import java.util.Map;

/**
 * What happened to an upload: every row is either applied (inserted, updated, or unchanged because HR sent the
 * same data again) or rejected with its reasons. Rejected rows change nothing; applied rows are applied
 * whatever happened to the others.
 *
 * @param row 1-based position in the upload (for CSV: the data row after the header)
 */
public record UpsertReport(int received, int inserted, int updated, int unchanged, List<Rejected> rejected) {

    public record Rejected(int row, String staffNumber, List<Map<String, String>> errors) {
    }
}
