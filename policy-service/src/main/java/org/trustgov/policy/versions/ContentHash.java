package org.trustgov.policy.versions;

import java.util.List;
import org.trustgov.transparency.CanonicalHash;

/**
 * SHA-256 over the RFC 8785 canonical JSON of a version's clauses (number, heading, text, in reading order), so
 * anyone holding the published text can recompute it and see that nothing changed.
 */
public final class ContentHash {

    private ContentHash() {}

    public static String of(List<Clause> clauses) {
        return CanonicalHash.sha256(clauses);
    }
}
