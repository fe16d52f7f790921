package org.trustgov.audit.incidents;

import org.trustgov.starter.idempotency.IdempotencyKey;
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

    /** The key of a report ({@code null}: a report sent without one, as before), in its scope. */
    static ReportKey of(IdempotencyKey key, String scope, IncidentRequest request) {
        return key == null
                ? null
                : new ReportKey(key.hashIn("incident-report-key\n" + scope), CanonicalHash.sha256(request));
    }

    /** The scope of a confidential report's key: the key alone, since who sent it is stored nowhere. */
    static final String CONFIDENTIAL = "confidential";
}
