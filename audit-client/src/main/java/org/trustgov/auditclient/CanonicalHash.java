package org.trustgov.auditclient;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import org.erdtman.jcs.JsonCanonicalizer;

import tools.jackson.databind.json.JsonMapper;

/**
 * {@code sha256:<hex>} over the RFC 8785 canonical JSON of a value (sorted keys, fixed number and string forms),
 * so anyone holding the same data can recompute the hash with any RFC 8785 implementation.
 */
public final class CanonicalHash {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private CanonicalHash() {
    }

    public static String sha256(Object value) {
        return sha256Of(canonicalJson(value));
    }

    /** The RFC 8785 form of the value as Jackson writes it. */
    public static String canonicalJson(Object value) {
        try {
            return new JsonCanonicalizer(JSON.writeValueAsString(value)).getEncodedString();
        } catch (IOException e) {
            throw new IllegalArgumentException("Cannot canonicalize the value", e);
        }
    }

    public static String sha256Of(String canonical) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8));
            return "sha256:" + HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
