package org.trustgov.policy.versions;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

import org.erdtman.jcs.JsonCanonicalizer;

import tools.jackson.databind.json.JsonMapper;

/**
 * SHA-256 over the RFC 8785 canonical JSON of a version's clauses (number, heading, text, in reading order), so
 * anyone holding the published text can recompute it and see that nothing changed.
 */
public final class ContentHash {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private ContentHash() {
    }

    public static String of(List<Clause> clauses) {
        try {
            String canonical = new JsonCanonicalizer(JSON.writeValueAsString(clauses)).getEncodedString();
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8));
            return "sha256:" + HexFormat.of().formatHex(digest);
        } catch (IOException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("Cannot hash the clauses", e);
        }
    }
}
