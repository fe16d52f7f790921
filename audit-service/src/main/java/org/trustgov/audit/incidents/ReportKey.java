package org.trustgov.audit.incidents;

import java.util.List;
import org.trustgov.starter.idempotency.IdempotencyKeys;
import org.trustgov.transparency.CanonicalHash;

/**
 * The {@code Idempotency-Key} a report may carry (the IETF's Idempotency-Key header): a report sent again with the same
 * key, after its answer was lost, is answered with the case the first sending recorded instead of recording a second
 * one. Only hashes are stored: {@code hash} of the key in its scope (the reporter's identity for a named report, so no
 * one can reach another person's report with their key; nothing but the key for a confidential one, whose reporter
 * is stored nowhere), and {@code requestHash} of the report as sent, so a key reused for a different report is
 * refused rather than answered with a case that is not what was sent.
 */
record ReportKey(String hash, String requestHash) {

    /**
     * The key of a report sent with the header's {@code values} ({@code null} or none: a report without a key, as
     * before), in its scope; 400 naming the header for a key that cannot be one ({@link IdempotencyKeys#read}).
     */
    static ReportKey of(List<String> values, String scope, IncidentRequest request) {
        String key = IdempotencyKeys.read(values);
        return key == null
                ? null
                : new ReportKey(
                        CanonicalHash.sha256Of("incident-report-key\n" + scope + "\n" + key),
                        CanonicalHash.sha256(request));
    }

    /** The header as the API documents it. */
    static final String DOCUMENTED = "Optional, and new for each report (a random UUID, say): a report sent again with "
            + "the same key, because its answer never came, is answered 201 with the case the first sending recorded "
            + "(`Idempotent-Replayed: true`) and records nothing more; the key sent with a different report is 422. "
            + IdempotencyKeys.DOCUMENTED_BOUNDS;

    /** The scope of a confidential report's key: the key alone, since who sent it is stored nowhere. */
    static final String CONFIDENTIAL = "confidential";
}
