package org.trustgov.transparency;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.erdtman.jcs.JsonCanonicalizer;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code sha256:<hex>} over the RFC 8785 canonical JSON of a value (sorted keys, fixed number and string forms),
 * so anyone holding the same data can recompute the hash with any RFC 8785 implementation. Only text that UTF-8 can
 * hold is hashed: a lone surrogate would be stored (and read back) as U+FFFD, and the stored value would no longer
 * hash to the recorded hash, so it is refused here, as it is at every service's edge.
 */
public final class CanonicalHash {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private CanonicalHash() {}

    public static String sha256(Object value) {
        return sha256Of(canonicalJson(value));
    }

    /** The RFC 8785 form of the value as Jackson writes it. */
    public static String canonicalJson(Object value) {
        try {
            String canonical = new JsonCanonicalizer(JSON.writeValueAsString(value)).getEncodedString();
            if (!isWellFormed(canonical)) {
                throw new IllegalArgumentException(
                        "The value holds text that is not valid Unicode; it cannot be hashed as stored");
            }
            return canonical;
        } catch (IOException e) {
            throw new IllegalArgumentException("Cannot canonicalize the value", e);
        }
    }

    /** No lone UTF-16 surrogate: text UTF-8 can hold, so what is stored hashes as it was hashed. */
    public static boolean isWellFormed(CharSequence text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return false;
            }
        }
        return true;
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
