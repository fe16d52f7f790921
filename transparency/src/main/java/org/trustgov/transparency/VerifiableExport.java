package org.trustgov.transparency;

import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A verifiable export, for HR or a tribunal: a page of records from a range of time, each bound to the log entry
 * that recorded it (or listed as unbound, with why), and the proof: those entries as stored, a signed and witnessed
 * checkpoint, an inclusion proof per entry, the manifest, the log entry that sealed this export, and the openings of
 * the sealed personal values in those entries ({@link SealedValues})
 * ({@link ExportSeals}). The outcomes export and the completions export are both of this type; their records differ.
 * {@code java Verify.java bundle} checks it offline.
 *
 * @param totalPages how many pages the range has, when the export counts them ({@code null} otherwise)
 * @param bound      each record with the sequence number of the entry that logged it
 * @param unbound    records the log cannot prove, each with why (the verifier then answers NOT PROVED)
 * @param <B> a bound record
 * @param <U> an unbound record
 * @param <E> a log entry as the export carries it
 */
public record VerifiableExport<B, U, E>(
        String format,
        Instant cutAt,
        Instant from,
        Instant to,
        int page,
        int size,
        Integer totalPages,
        @Size(max = ExportSeals.MAX_ENTRIES) List<B> bound,
        @Size(max = ExportSeals.MAX_ENTRIES) List<U> unbound,
        @Size(max = ExportSeals.MAX_ENTRIES) List<E> entries,
        @Size(max = 2_000) String checkpoint,
        Long treeSize,
        @Size(max = ExportSeals.MAX_ENTRIES) List<InclusionProof> proofs,
        ExportSeals.Manifest<E> manifest,
        @Size(max = EntryEvidence.MAX_OPENINGS) Map<String, String> openings) {

    /** The content alone (the proof fields empty): what {@link ExportSeals#contentHash} hashes for the seal. */
    public static <B, U, E> VerifiableExport<B, U, E> content(
            String format,
            Instant cutAt,
            Instant from,
            Instant to,
            int page,
            int size,
            Integer totalPages,
            List<B> bound,
            List<U> unbound) {
        return new VerifiableExport<>(
                format, cutAt, from, to, page, size, totalPages, bound, unbound, null, null, null, null, null, null);
    }

    /** This content with its proof. */
    public VerifiableExport<B, U, E> proved(
            List<E> entries,
            String checkpoint,
            long treeSize,
            List<InclusionProof> proofs,
            ExportSeals.Manifest<E> manifest,
            Map<String, String> openings) {
        return new VerifiableExport<>(
                format,
                cutAt,
                from,
                to,
                page,
                size,
                totalPages,
                bound,
                unbound,
                entries,
                checkpoint,
                treeSize,
                proofs,
                manifest,
                openings);
    }
}
