package org.trustgov.transparency;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Sealing a verifiable export in the audit log, so that what it shows is what was exported: the log appends an
 * {@value #SEALED} entry naming the export's format, its query, the sequence numbers of exactly the entries
 * it carries and the SHA-256 of the canonical JSON of all its other fields (its content: everything but
 * {@link #PROOF_FIELDS}); the export carries that entry and its inclusion proof as its {@code manifest}.
 * {@code java Verify.java bundle} then fails an export whose content was edited, or whose entries were cut.
 */
public final class ExportSeals {

    /** The fields of an export that carry the proof; every other field is the content the seal's hash binds. */
    public static final List<String> PROOF_FIELDS =
            List.of("checkpoint", "treeSize", "entries", "proofs", "manifest", "openings");
    /** The action of the log entry that seals an export. */
    public static final String SEALED = "export.sealed";
    /** The most entries one export carries, and one evidence request proves. */
    public static final int MAX_ENTRIES = 1_000;

    private ExportSeals() {}

    /** The sealing entry of an export, as the export carries it, with its proof in the export's checkpoint. */
    public record Manifest<E>(E entry, InclusionProof proof) {}

    /**
     * What a service asks the log to seal (the log adds the entries' sequence numbers).
     *
     * @param format      the export's {@code format}
     * @param query       what the export was made of (its range, page, size): small, plain values
     * @param contentHash {@link #contentHash} of the export
     */
    public record Request(
            @NotBlank
            @Pattern(regexp = "trustgov-[a-z-]{1,40}/v[0-9]{1,3}", message = "must be a trustgov export format")
            String format,

            @Size(max = 10)
            Map<@Pattern(regexp = "[A-Za-z]{1,32}", message = "keys are letters") String, @Size(max = 64) String> query,

            @NotBlank @Pattern(regexp = "sha256:[0-9a-f]{64}", message = "must be sha256:<64 hex digits>")
            String contentHash) {}

    /**
     * {@code sha256:<hex>} of the RFC 8785 canonical JSON of {@code export} as {@code mapper} writes it (use the
     * mapper that writes the response), without its proof fields.
     */
    public static String contentHash(JsonMapper mapper, Object export) {
        Map<String, Object> content =
                mapper.convertValue(export, new TypeReference<LinkedHashMap<String, Object>>() {});
        PROOF_FIELDS.forEach(content::remove);
        return CanonicalHash.sha256(content);
    }
}
