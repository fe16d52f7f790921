package org.trustgov.transparency;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Map;

/**
 * The audit log's evidence for some of its entries, as {@code POST /api/audit/log/evidence} answers and as exports
 * carry it: the entries exactly as stored, a signed checkpoint (cosigned by the witness) that covers them, one
 * inclusion proof per entry in the same order, the event ids asked about that are not in the log (yet), and the
 * openings of the entries' sealed personal values ({@link SealedValues}: sealed value to its value key).
 */
public record EntryEvidence(
        @Size(max = 2_000) String checkpoint,
        long treeSize,
        @Size(max = MAX_ENTRIES) List<Map<String, Object>> entries,
        @Size(max = MAX_ENTRIES) List<InclusionProof> proofs,
        @Size(max = MAX_ENTRIES) List<String> notLogged,
        ExportSeals.Manifest<Map<String, Object>> manifest,
        @Size(max = MAX_OPENINGS) Map<String, String> openings) {

    /** The most sealed values one answer opens. */
    public static final int MAX_OPENINGS = 4 * ExportSeals.MAX_ENTRIES;

    /** The most entries one request proves. */
    static final int MAX_ENTRIES = ExportSeals.MAX_ENTRIES;

    /**
     * What is asked: the sender's event ids, and (for an export) the seal the log is to append over the export and
     * those entries, whose entry and proof come back as {@code manifest}.
     */
    public record Request(
            @Size(max = MAX_ENTRIES) List<@Size(max = 64) String> eventIds,
            @Valid ExportSeals.Request seal) {}
}
