package org.trustgov.transparency;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import org.erdtman.jcs.JsonCanonicalizer;
import org.erdtman.jcs.NumberToJSON;
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

    /**
     * The RFC 8785 form of the value as Jackson writes it. Plain JSON values (maps with text keys, lists, text,
     * numbers, booleans, null: what the logs hash) are written in RFC 8785 form in one pass, numbers in the library's
     * ECMAScript form; anything else goes through Jackson and the library, which also stand as the reference the
     * one-pass form is tested against ({@link #libraryCanonicalJson}).
     */
    public static String canonicalJson(Object value) {
        StringBuilder out = new StringBuilder(256);
        write(value, out, 0);
        return out.toString();
    }

    /** Appends the RFC 8785 form of the value (as {@link #canonicalJson} gives it) to {@code out}. */
    public static void appendCanonicalJson(Object value, StringBuilder out) {
        write(value, out, 0);
    }

    /** Deeper than this is refused, as Jackson refuses to write it. */
    static final int MAX_DEPTH = 1_000;

    private static void write(Object value, StringBuilder out, int depth) {
        if (depth > MAX_DEPTH) {
            throw new IllegalArgumentException("Cannot canonicalize the value: nested deeper than " + MAX_DEPTH);
        }
        if (value == null) {
            out.append("null");
        } else if (value instanceof String text) {
            string(text, out);
        } else if (value instanceof Boolean bool) {
            out.append(bool.booleanValue());
        } else if (value instanceof Integer || value instanceof Long || value instanceof Double) {
            number(((Number) value).doubleValue(), out);
        } else if (value instanceof Map<?, ?> map && textKeys(map)) {
            Object[] keys = map.keySet().toArray();
            java.util.Arrays.sort(keys); // String order is UTF-16 code unit order, as RFC 8785 sorts members
            out.append('{');
            for (int i = 0; i < keys.length; i++) {
                if (i > 0) {
                    out.append(',');
                }
                string((String) keys[i], out);
                out.append(':');
                write(map.get(keys[i]), out, depth + 1);
            }
            out.append('}');
        } else if (value instanceof java.util.List<?> list) {
            out.append('[');
            for (int i = 0; i < list.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                write(list.get(i), out, depth + 1);
            }
            out.append(']');
        } else {
            // Any other value as Jackson writes it, in an array of one (the library takes whole documents only).
            String inArray = libraryCanonicalJson(java.util.Collections.singletonList(value));
            out.append(inArray, 1, inArray.length() - 1);
        }
    }

    private static boolean textKeys(Map<?, ?> map) {
        for (Object key : map.keySet()) {
            if (!(key instanceof String)) {
                return false;
            }
        }
        return true;
    }

    private static void number(double number, StringBuilder out) {
        out.append(number(number));
    }

    /** A number as RFC 8785 writes it (ECMAScript's form); refuses NaN and the infinities, which JSON cannot hold. */
    public static String number(double number) {
        try {
            return NumberToJSON.serializeNumber(number);
        } catch (IOException notAJsonNumber) { // NaN and the infinities
            throw new IllegalArgumentException("Cannot canonicalize the value", notAJsonNumber);
        }
    }

    /** A string as RFC 8785 writes it (and the library does): the short escapes, other controls as a backslash, u and four hex digits. */
    private static void string(String text, StringBuilder out) {
        int first = 0; // the first character that is escaped or a surrogate: most text has none, and is copied whole
        while (first < text.length()) {
            char c = text.charAt(first);
            if (c < 0x20 || c == '"' || c == '\\' || Character.isSurrogate(c)) {
                break;
            }
            first++;
        }
        if (first == text.length()) {
            out.append('"').append(text).append('"');
            return;
        }
        if (!isWellFormed(text)) {
            throw new IllegalArgumentException(
                    "The value holds text that is not valid Unicode; it cannot be hashed as stored");
        }
        out.append('"').append(text, 0, first);
        for (int i = first; i < text.length(); i++) {
            char c = text.charAt(i);
            String escape = escape(c);
            if (escape != null) {
                out.append(escape);
            } else {
                out.append(c);
            }
        }
        out.append('"');
    }

    /**
     * How RFC 8785 writes {@code c} inside a string when it is escaped: the short escapes, other controls as a
     * backslash, u and four hex digits; {@code null} for a character written as itself.
     */
    public static String escape(char c) {
        if (c < 0x20) {
            return ESCAPES[c];
        }
        return switch (c) {
            case '"' -> "\\\"";
            case '\\' -> "\\\\";
            default -> null;
        };
    }

    private static final String[] ESCAPES = new String[0x20];

    static {
        for (char c = 0; c < 0x20; c++) {
            ESCAPES[c] = switch (c) {
                case '\n' -> "\\n";
                case '\b' -> "\\b";
                case '\f' -> "\\f";
                case '\r' -> "\\r";
                case '\t' -> "\\t";
                default -> String.format("\\u%04x", (int) c);
            };
        }
    }

    /** The RFC 8785 form as Jackson writes the value and the library canonicalizes it (an object or an array). */
    static String libraryCanonicalJson(Object value) {
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
        byte[] utf8 = canonical.getBytes(StandardCharsets.UTF_8);
        return sha256Of(utf8, utf8.length);
    }

    /** {@code sha256:<hex>} of the first {@code length} bytes of {@code utf8}, a canonical form already encoded. */
    public static String sha256Of(byte[] utf8, int length) {
        MessageDigest sha256 = SHA_256.get();
        sha256.update(utf8, 0, length);
        return "sha256:" + HexFormat.of().formatHex(sha256.digest()); // digest() also resets it
    }

    /** One digest per thread: looking the algorithm up among the providers cost more than hashing a log entry. */
    private static final ThreadLocal<MessageDigest> SHA_256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    });
}
