package org.trustgov.audit.incidents;

import java.util.List;
import org.springframework.http.HttpHeaders;
import org.trustgov.problem.BadRequestException;
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

    static final String HEADER = "Idempotency-Key";

    /** Shorter keys are too easily reused by chance (a UUID is 36 characters); longer ones are not keys. */
    static final int MIN_LENGTH = 16;

    static final int MAX_LENGTH = 255;

    /**
     * The key of a report sent with the header's {@code values} ({@code null} or none: a report without a key, as
     * before); 400 naming the header for an empty, short, long or repeated key, or one with anything but visible
     * ASCII. A key sent as a structured-field string ({@code "…"}, as the IETF draft writes it) is read without its
     * quotes, so either form finds the same report.
     */
    static ReportKey of(List<String> values, String scope, IncidentRequest request) {
        if (values == null || values.isEmpty()) {
            return null;
        }
        if (values.size() > 1) {
            throw new BadRequestException(HEADER, "is given more than once; give it once");
        }
        String key = values.get(0).strip();
        if (key.length() >= 2 && key.startsWith("\"") && key.endsWith("\"")) {
            key = key.substring(1, key.length() - 1);
        }
        if (key.length() < MIN_LENGTH
                || key.length() > MAX_LENGTH
                || !key.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            throw new BadRequestException(
                    HEADER,
                    "must be " + MIN_LENGTH + " to " + MAX_LENGTH
                            + " visible ASCII characters, new for each report: a random UUID, say");
        }
        return new ReportKey(
                CanonicalHash.sha256Of("incident-report-key\n" + scope + "\n" + key), CanonicalHash.sha256(request));
    }

    /** The header as the API documents it. */
    static final String DOCUMENTED = "Optional, and new for each report (a random UUID, say): a report sent again with "
            + "the same key, because its answer never came, is answered 201 with the case the first sending recorded "
            + "(`Idempotent-Replayed: true`) and records nothing more; the key sent with a different report is 422. "
            + MIN_LENGTH + " to " + MAX_LENGTH + " visible ASCII characters, else 400 naming the header.";

    /** The answer's headers: {@code Idempotent-Replayed: true} when an earlier sending recorded the report. */
    static HttpHeaders answerHeaders(boolean replayed) {
        HttpHeaders headers = new HttpHeaders();
        if (replayed) {
            headers.set("Idempotent-Replayed", "true");
        }
        return headers;
    }

    /** The scope of a confidential report's key: the key alone, since who sent it is stored nowhere. */
    static final String CONFIDENTIAL = "confidential";
}
