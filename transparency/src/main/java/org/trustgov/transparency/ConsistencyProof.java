package org.trustgov.transparency;

import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * That the log's tree of {@code to} entries extends its tree of {@code from} entries (RFC 9162 §2.1.4); hashes in
 * base64. {@code java Verify.java consistency} checks it between two checkpoints.
 */
public record ConsistencyProof(
        long from,
        long to,
        @Size(max = InclusionProof.HASH_LENGTH) String fromRoot,
        @Size(max = InclusionProof.HASH_LENGTH) String toRoot,
        @Size(max = InclusionProof.MAX_HASHES) List<@Size(max = InclusionProof.HASH_LENGTH) String> hashes) {}
