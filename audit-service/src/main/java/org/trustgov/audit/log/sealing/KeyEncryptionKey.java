package org.trustgov.audit.log.sealing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The key-encryption key (KEK): wraps each record key (AES-256-GCM, the key id as associated data) so the key store
 * in MongoDB holds no key in clear, and names record keys without naming their record: a record key's id is
 * {@code HMAC-SHA256(id key, record)} (the id key derived from the KEK), so the log and the key store show a
 * pseudonym, never a staff number.
 */
final class KeyEncryptionKey {

    private static final Logger log = LoggerFactory.getLogger(KeyEncryptionKey.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int IV_BYTES = 12;

    private final byte[] key;
    private final byte[] idKey;
    private final String fingerprint;
    /** One keyed HMAC per thread for key ids: asked for on every sealed append. */
    private final ThreadLocal<Mac> idMac;

    KeyEncryptionKey(byte[] key) {
        if (key.length != 32) {
            throw new IllegalArgumentException("a key-encryption key is 32 bytes, not " + key.length);
        }
        this.key = key.clone();
        this.idKey = hmac(key, "trustgov record key ids".getBytes(StandardCharsets.US_ASCII));
        byte[] ids = idKey;
        this.idMac = ThreadLocal.withInitial(() -> {
            try {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(new SecretKeySpec(ids, "HmacSHA256"));
                return mac;
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("HMAC-SHA256 is not available", e);
            }
        });
        this.fingerprint = HexFormat.of()
                .formatHex(Arrays.copyOf(hmac(key, "trustgov kek fingerprint".getBytes(StandardCharsets.US_ASCII)), 8));
    }

    /**
     * The KEK in {@code file}; generated into it (atomically: of two instances, the first written wins) only when
     * {@code mayCreate}, that is while no record key exists that an earlier KEK wrapped.
     */
    static KeyEncryptionKey loadOrCreate(Path file, boolean mayCreate, boolean generate) {
        try {
            if (Files.exists(file)) {
                return read(file);
            }
            if (!generate) {
                throw new IllegalStateException("The key-encryption key " + file.toAbsolutePath()
                        + " (trustgov.audit.sealing.kek-file) does not exist: in production give every replica the same "
                        + "key from the trust's secret store (32 random bytes, base64)");
            }
            if (!mayCreate) {
                throw new IllegalStateException("The key-encryption key " + file.toAbsolutePath()
                        + " (trustgov.audit.sealing.kek-file) is missing but the key store holds record keys it "
                        + "wrapped: restore it from the backup it was kept with; without it the sealed personal values "
                        + "in the audit log cannot be read");
            }
            byte[] fresh = new byte[32];
            RANDOM.nextBytes(fresh);
            Path parent = file.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            Path written = Files.createTempFile(parent, "kek", ".tmp");
            Files.writeString(written, Base64.getEncoder().encodeToString(fresh) + "\n", StandardCharsets.US_ASCII);
            try {
                Files.createLink(file, written);
            } catch (FileAlreadyExistsException taken) {
                return read(file);
            } finally {
                Files.deleteIfExists(written);
            }
            log.warn(
                    "Generated a new key-encryption key in {} (a first start); back it up apart from the database, "
                            + "and in production give trustgov.audit.sealing.kek-file a key from the trust's secret store",
                    file.toAbsolutePath());
            return new KeyEncryptionKey(fresh);
        } catch (IOException e) {
            throw new IllegalStateException(
                    "Could not read or create the key-encryption key " + file.toAbsolutePath() + ": " + e.getMessage(),
                    e);
        }
    }

    private static KeyEncryptionKey read(Path file) throws IOException {
        try {
            return new KeyEncryptionKey(Base64.getDecoder()
                    .decode(Files.readString(file, StandardCharsets.US_ASCII).strip()));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("The key-encryption key " + file.toAbsolutePath()
                    + " is not 32 bytes in base64 (trustgov.audit.sealing.kek-file)");
        }
    }

    /** The id of the record key of {@code record}: a pseudonym, 22 base64url characters (128 bits). */
    String keyIdOf(String record) {
        Mac mac = idMac.get();
        return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(Arrays.copyOf(mac.doFinal(record.getBytes(StandardCharsets.UTF_8)), 16));
    }

    /** Names this KEK in what it wrapped, without revealing it, so a wrong KEK is found at start, not at a read. */
    String fingerprint() {
        return fingerprint;
    }

    String wrap(byte[] recordKey, String keyId) {
        byte[] iv = new byte[IV_BYTES];
        RANDOM.nextBytes(iv);
        byte[] wrapped = gcm(Cipher.ENCRYPT_MODE, iv, keyId, recordKey);
        byte[] out = Arrays.copyOf(iv, IV_BYTES + wrapped.length);
        System.arraycopy(wrapped, 0, out, IV_BYTES, wrapped.length);
        return Base64.getEncoder().encodeToString(out);
    }

    byte[] unwrap(String wrapped, String keyId) {
        byte[] bytes = Base64.getDecoder().decode(wrapped);
        return gcm(
                Cipher.DECRYPT_MODE,
                Arrays.copyOf(bytes, IV_BYTES),
                keyId,
                Arrays.copyOfRange(bytes, IV_BYTES, bytes.length));
    }

    private byte[] gcm(int mode, byte[] iv, String keyId, byte[] input) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, iv));
            cipher.updateAAD(keyId.getBytes(StandardCharsets.US_ASCII));
            return cipher.doFinal(input);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("The record key " + keyId + " does not unwrap with this key-encryption "
                    + "key (" + fingerprint + "): the key store and trustgov.audit.sealing.kek-file disagree");
        }
    }

    private static byte[] hmac(byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }

    static boolean sameFingerprint(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.US_ASCII), b.getBytes(StandardCharsets.US_ASCII));
    }
}
