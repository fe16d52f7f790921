package org.trustgov.transparency;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * A personal value in a log entry, encrypted so that destroying one key erases it without changing a byte that a
 * hash covers (crypto-shredding). A sealed value is the string
 * {@code sealed:v1:<key id>:<nonce>:<ciphertext>} (base64url without padding): the value's UTF-8 bytes under
 * AES-256-GCM with the key id as associated data, with a key of its own, the <em>value key</em>
 * {@code HMAC-SHA256(record key, nonce)}, and the nonce's first 12 bytes as IV. The entry's hash covers the sealed
 * string, so the log verifies whether or not the record key still exists.
 *
 * <p>An export carries, for each sealed value it shows, its value key (an <em>opening</em>): the receiver, and
 * {@code Verify.java}, open exactly those values and no other value sealed under the same record key.
 */
public final class SealedValues {

    public static final String PREFIX = "sealed:v1:";

    private static final Pattern SEALED =
            Pattern.compile("sealed:v1:([A-Za-z0-9_-]{22}):([A-Za-z0-9_-]{22}):([A-Za-z0-9_-]{22,2800})");
    private static final int NONCE_BYTES = 16;
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;
    /**
     * One generator, cipher and HMAC per thread: a shared SecureRandom serialises concurrent appends on its lock,
     * and looking a cipher up costs more than using it on a staff number.
     */
    private static final ThreadLocal<SecureRandom> RANDOM = ThreadLocal.withInitial(SecureRandom::new);

    private static final ThreadLocal<Cipher> AES_GCM = ThreadLocal.withInitial(() -> {
        try {
            return Cipher.getInstance("AES/GCM/NoPadding");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-256-GCM is not available", e);
        }
    });

    private static final ThreadLocal<Mac> HMAC = ThreadLocal.withInitial(() -> {
        try {
            return Mac.getInstance("HmacSHA256");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    });
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder UNB64 = Base64.getUrlDecoder();

    /** A sealed value taken apart. */
    public record Parts(String keyId, byte[] nonce, byte[] ciphertext) {}

    private SealedValues() {}

    public static boolean isSealed(Object value) {
        return value instanceof String s && s.startsWith(PREFIX);
    }

    /** The parts of a sealed value; empty-handed ({@code null}) when it is not one. */
    public static Parts parse(String sealed) {
        Matcher m = SEALED.matcher(sealed);
        if (!m.matches()) {
            return null;
        }
        return new Parts(m.group(1), UNB64.decode(m.group(2)), UNB64.decode(m.group(3)));
    }

    /** {@code value} sealed under the record key {@code recordKey} (32 bytes) named {@code keyId}. */
    public static String seal(String keyId, byte[] recordKey, String value) {
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.get().nextBytes(nonce);
        byte[] ciphertext = gcm(Cipher.ENCRYPT_MODE, valueKey(recordKey, nonce), nonce, keyId)
                .apply(value.getBytes(StandardCharsets.UTF_8));
        return PREFIX + keyId + ":" + B64.encodeToString(nonce) + ":" + B64.encodeToString(ciphertext);
    }

    /** The value key of one sealed value, base64url: what an export carries so that value, and no other, opens. */
    public static String opening(byte[] recordKey, String sealed) {
        Parts parts = parse(sealed);
        if (parts == null) {
            throw new IllegalArgumentException("not a sealed value");
        }
        return B64.encodeToString(valueKey(recordKey, parts.nonce()));
    }

    /** The value, opened with its value key (an opening); {@code null} if the key does not open it. */
    public static String open(String sealed, String opening) {
        Parts parts = parse(sealed);
        if (parts == null || opening == null) {
            return null;
        }
        try {
            byte[] plain = gcm(Cipher.DECRYPT_MODE, UNB64.decode(opening), parts.nonce(), parts.keyId())
                    .apply(parts.ciphertext());
            return new String(plain, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException | IllegalStateException wrongKeyOrEdited) {
            return null;
        }
    }

    /** The value, opened with the record key it was sealed under; {@code null} if it was not. */
    public static String openWithRecordKey(String sealed, byte[] recordKey) {
        Parts parts = parse(sealed);
        return parts == null ? null : open(sealed, B64.encodeToString(valueKey(recordKey, parts.nonce())));
    }

    static byte[] valueKey(byte[] recordKey, byte[] nonce) {
        try {
            Mac hmac = HMAC.get();
            hmac.init(new SecretKeySpec(recordKey, "HmacSHA256"));
            return hmac.doFinal(nonce);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 could not be keyed", e);
        }
    }

    private interface Transform {
        byte[] apply(byte[] input);
    }

    private static Transform gcm(int mode, byte[] key, byte[] nonce, String keyId) {
        return input -> {
            try {
                Cipher cipher = AES_GCM.get();
                cipher.init(
                        mode,
                        new SecretKeySpec(key, "AES"),
                        new GCMParameterSpec(TAG_BITS, Arrays.copyOf(nonce, IV_BYTES)));
                cipher.updateAAD(keyId.getBytes(StandardCharsets.US_ASCII));
                return cipher.doFinal(input);
            } catch (javax.crypto.AEADBadTagException | java.security.InvalidKeyException e) {
                throw new IllegalArgumentException("the key does not open this value", e);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("AES-256-GCM is not available", e);
            }
        };
    }
}
