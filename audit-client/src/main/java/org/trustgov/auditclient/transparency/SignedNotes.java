package org.trustgov.auditclient.transparency;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

/**
 * C2SP signed notes with Ed25519 keys (c2sp.org/signed-note), on the JDK's own Ed25519 (Java 15+): the key ID is the
 * first four bytes of {@code SHA-256(name || 0x0A || 0x01 || public key)}, a signature line is
 * {@code "— " name " " base64(key ID || signature)}, and a verifier key is {@code name+<key ID hex>+base64(0x01 || key)}.
 */
public final class SignedNotes {

    private static final byte[] PKCS8_PREFIX = HexFormat.of().parseHex("302e020100300506032b657004220420");

    private SignedNotes() {
    }

    /** The raw 32-byte Ed25519 public key inside a JDK public key. */
    public static byte[] rawPublicKey(PublicKey key) {
        byte[] encoded = key.getEncoded();
        return Arrays.copyOfRange(encoded, encoded.length - 32, encoded.length);
    }

    public static PublicKey publicKey(byte[] raw) {
        try {
            return Verify.publicKey(raw);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("not an Ed25519 public key", e);
        }
    }

    /** The private key of a 32-byte Ed25519 seed (the form signed-note signer keys carry). */
    public static PrivateKey privateKey(byte[] seed) {
        try {
            byte[] encoded = Arrays.copyOf(PKCS8_PREFIX, PKCS8_PREFIX.length + 32);
            System.arraycopy(seed, 0, encoded, PKCS8_PREFIX.length, 32);
            return KeyFactory.getInstance("Ed25519").generatePrivate(new PKCS8EncodedKeySpec(encoded));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("not an Ed25519 seed", e);
        }
    }

    public static byte[] keyId(String name, byte[] rawPublicKey) {
        return Verify.keyId(name, rawPublicKey);
    }

    /** The verifier key an auditor is given: {@code name+<key ID>+<base64(0x01 || key)>}. */
    public static String verifierKey(String name, byte[] rawPublicKey) {
        byte[] typed = new byte[33];
        typed[0] = Verify.ED25519;
        System.arraycopy(rawPublicKey, 0, typed, 1, 32);
        return name + "+" + HexFormat.of().formatHex(keyId(name, rawPublicKey)) + "+" + Base64.getEncoder().encodeToString(typed);
    }

    /** The signature line of {@code text} (which ends with a newline), ending with its own newline. */
    public static String signatureLine(String text, String name, byte[] rawPublicKey, PrivateKey key) {
        requireText(text, name);
        try {
            Signature ed25519 = Signature.getInstance("Ed25519");
            ed25519.initSign(key);
            ed25519.update(text.getBytes(StandardCharsets.UTF_8));
            byte[] signature = ed25519.sign();
            byte[] line = new byte[4 + signature.length];
            System.arraycopy(keyId(name, rawPublicKey), 0, line, 0, 4);
            System.arraycopy(signature, 0, line, 4, signature.length);
            return Verify.DASH + name + " " + Base64.getEncoder().encodeToString(line) + "\n";
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 signing failed", e);
        }
    }

    /** The verifier key of a witness's Ed25519 cosignatures: {@code name+<key ID>+<base64(0x04 || key)>}. */
    public static String cosignerKey(String name, byte[] rawPublicKey) {
        byte[] typed = new byte[33];
        typed[0] = Verify.COSIGNATURE;
        System.arraycopy(rawPublicKey, 0, typed, 1, 32);
        return name + "+" + HexFormat.of().formatHex(Verify.keyId(name, Verify.COSIGNATURE, rawPublicKey)) + "+"
                + Base64.getEncoder().encodeToString(typed);
    }

    /**
     * A witness's cosignature line over {@code text} (C2SP tlog-cosignature/v1): the key ID, the time as 8 bytes
     * big-endian, and the Ed25519 signature of {@code cosignature/v1}, the time line and the text.
     */
    public static String cosignatureLine(String text, String name, byte[] rawPublicKey, PrivateKey key, long timestamp) {
        requireText(text, name);
        try {
            Signature ed25519 = Signature.getInstance("Ed25519");
            ed25519.initSign(key);
            ed25519.update(Verify.cosignedMessage(text, timestamp));
            byte[] line = java.nio.ByteBuffer.allocate(76).put(Verify.keyId(name, Verify.COSIGNATURE, rawPublicKey))
                    .putLong(timestamp).put(ed25519.sign()).array();
            return Verify.DASH + name + " " + Base64.getEncoder().encodeToString(line) + "\n";
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 signing failed", e);
        }
    }

    /** A signed note: the text, a blank line, the signature lines. */
    public static String note(String text, String... signatureLines) {
        return text + "\n" + String.join("", signatureLines);
    }

    /** Whether {@code note} carries a valid signature of its text by the key {@code verifierKey} names. */
    public static boolean verify(String note, String verifierKey) {
        return Verify.verifyNote(note, verifierKey);
    }

    private static void requireText(String text, String name) {
        if (!text.endsWith("\n") || text.contains("\n\n") || name.isEmpty() || name.contains(" ") || name.contains("+")
                || name.contains("\n")) {
            throw new IllegalArgumentException("a note's text ends with one newline and has no blank line; a key name has no space, + or newline");
        }
    }
}
