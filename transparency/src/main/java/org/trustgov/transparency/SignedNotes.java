package org.trustgov.transparency;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

/**
 * C2SP signed notes with Ed25519 keys (c2sp.org/signed-note), on the JDK's own Ed25519 (Java 15+): the key ID is the
 * first four bytes of {@code SHA-256(name || 0x0A || 0x01 || public key)}, a signature line is
 * {@code "— " name " " base64(key ID || signature)}, and a verifier key is {@code name+<key ID hex>+base64(0x01 || key)}.
 */
public final class SignedNotes {

    /** How every signature line of a signed note starts. */
    public static final String DASH = "\u2014 ";
    /** The signature type of an Ed25519 note signature, and of an Ed25519 cosignature (C2SP tlog-cosignature/v1). */
    public static final byte ED25519 = 0x01;

    public static final byte COSIGNATURE = 0x04;

    private static final byte[] PKCS8_PREFIX = HexFormat.of().parseHex("302e020100300506032b657004220420");
    private static final byte[] X509_PREFIX = HexFormat.of().parseHex("302a300506032b6570032100");

    private SignedNotes() {}

    /** The raw 32-byte Ed25519 public key inside a JDK public key. */
    public static byte[] rawPublicKey(PublicKey key) {
        byte[] encoded = key.getEncoded();
        return Arrays.copyOfRange(encoded, encoded.length - 32, encoded.length);
    }

    public static PublicKey publicKey(byte[] raw) {
        try {
            byte[] encoded = Arrays.copyOf(X509_PREFIX, X509_PREFIX.length + 32);
            System.arraycopy(raw, 0, encoded, X509_PREFIX.length, 32);
            return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(encoded));
        } catch (GeneralSecurityException | ArrayIndexOutOfBoundsException e) {
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

    /** The signed-note key ID: the first four bytes of SHA-256(name || 0x0A || 0x01 || Ed25519 public key). */
    public static byte[] keyId(String name, byte[] rawPublicKey) {
        return keyId(name, ED25519, rawPublicKey);
    }

    /** The key ID for a signature type: 0x01 for a note signature, 0x04 for a C2SP tlog-cosignature/v1. */
    public static byte[] keyId(String name, byte type, byte[] rawPublicKey) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update(name.getBytes(StandardCharsets.UTF_8));
            sha256.update((byte) '\n');
            sha256.update(type);
            return Arrays.copyOf(sha256.digest(rawPublicKey), 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** The message a witness signs (C2SP tlog-cosignature, Ed25519): a header, the time, then the note's text. */
    public static byte[] cosignedMessage(String text, long timestamp) {
        return ("cosignature/v1\ntime " + timestamp + "\n" + text).getBytes(StandardCharsets.UTF_8);
    }

    /** The verifier key an auditor is given: {@code name+<key ID>+<base64(0x01 || key)>}. */
    public static String verifierKey(String name, byte[] rawPublicKey) {
        byte[] typed = new byte[33];
        typed[0] = ED25519;
        System.arraycopy(rawPublicKey, 0, typed, 1, 32);
        return name + "+" + HexFormat.of().formatHex(keyId(name, rawPublicKey)) + "+"
                + Base64.getEncoder().encodeToString(typed);
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
            return DASH + name + " " + Base64.getEncoder().encodeToString(line) + "\n";
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 signing failed", e);
        }
    }

    /** The verifier key of a witness's Ed25519 cosignatures: {@code name+<key ID>+<base64(0x04 || key)>}. */
    public static String cosignerKey(String name, byte[] rawPublicKey) {
        byte[] typed = new byte[33];
        typed[0] = COSIGNATURE;
        System.arraycopy(rawPublicKey, 0, typed, 1, 32);
        return name + "+" + HexFormat.of().formatHex(keyId(name, COSIGNATURE, rawPublicKey)) + "+"
                + Base64.getEncoder().encodeToString(typed);
    }

    /**
     * A witness's cosignature line over {@code text} (C2SP tlog-cosignature/v1): the key ID, the time as 8 bytes
     * big-endian, and the Ed25519 signature of {@code cosignature/v1}, the time line and the text.
     */
    public static String cosignatureLine(
            String text, String name, byte[] rawPublicKey, PrivateKey key, long timestamp) {
        requireText(text, name);
        try {
            Signature ed25519 = Signature.getInstance("Ed25519");
            ed25519.initSign(key);
            ed25519.update(cosignedMessage(text, timestamp));
            byte[] line = java.nio.ByteBuffer.allocate(76)
                    .put(keyId(name, COSIGNATURE, rawPublicKey))
                    .putLong(timestamp)
                    .put(ed25519.sign())
                    .array();
            return DASH + name + " " + Base64.getEncoder().encodeToString(line) + "\n";
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 signing failed", e);
        }
    }

    /** A signed note: the text, a blank line, the signature lines. */
    public static String note(String text, String... signatureLines) {
        return text + "\n" + String.join("", signatureLines);
    }

    /**
     * Whether {@code note} carries a valid signature of its text by every key {@code verifierKeys} names (one
     * verifier key, or several separated by commas) and no invalid one under any of those keys' name and ID.
     */
    public static boolean verify(String note, String verifierKeys) {
        for (String key : verifierKeys.split(",")) {
            if (signatureProblem(note, key) != null) {
                return false;
            }
        }
        return true;
    }

    /**
     * {@code null} when {@code note} carries a valid signature of its text by the key {@code verifierKey} names and
     * no line under that key's name and ID fails to verify (C2SP signed-note: such a note is rejected, whatever
     * else it carries); otherwise why not. Ed25519 note signatures (0x01) and cosignatures (0x04, timestamped).
     */
    public static String signatureProblem(String note, String verifierKey) {
        String[] parts = verifierKey.strip().split("\\+", 3);
        String name = parts[0];
        int split = note == null ? -1 : note.lastIndexOf("\n\n");
        if (parts.length != 3 || split < 0) {
            return "the checkpoint carries no valid signature by " + name;
        }
        byte[] typed;
        try {
            typed = Base64.getDecoder().decode(parts[2]);
        } catch (IllegalArgumentException e) {
            return "the key " + name + " is not a verifier key (name+id+base64 key)";
        }
        if (typed.length != 33 || (typed[0] != ED25519 && typed[0] != COSIGNATURE)) {
            return "the key " + name + " is not an Ed25519 verifier key";
        }
        boolean cosignature = typed[0] == COSIGNATURE;
        byte[] raw = Arrays.copyOfRange(typed, 1, 33);
        byte[] id = keyId(name, typed[0], raw);
        if (!HexFormat.of().formatHex(id).equals(parts[1])) {
            return "the key " + name + "'s ID is not the one its name and key give";
        }
        String text = note.substring(0, split + 1);
        boolean valid = false;
        for (String line : note.substring(split + 2).split("\n")) {
            if (!line.startsWith(DASH + name + " ")) {
                continue;
            }
            byte[] signed;
            try {
                signed = Base64.getDecoder().decode(line.substring(DASH.length() + name.length() + 1));
            } catch (IllegalArgumentException e) {
                continue;
            }
            if (signed.length < 4 || !Arrays.equals(Arrays.copyOf(signed, 4), id)) {
                continue; // another key of the same name
            }
            if (!verifies(text, signed, raw, cosignature)) {
                return "the checkpoint carries an invalid signature under " + name
                        + "'s name and key ID: the note is rejected";
            }
            valid = true;
        }
        return valid ? null : "the checkpoint carries no valid signature by " + name;
    }

    private static boolean verifies(String text, byte[] signed, byte[] raw, boolean cosignature) {
        if (signed.length != (cosignature ? 76 : 68)) {
            return false;
        }
        try {
            byte[] message = text.getBytes(StandardCharsets.UTF_8);
            if (cosignature) {
                long timestamp = java.nio.ByteBuffer.wrap(signed, 4, 8).getLong();
                if (timestamp < 0) {
                    return false;
                }
                message = cosignedMessage(text, timestamp);
            }
            Signature ed25519 = Signature.getInstance("Ed25519");
            ed25519.initVerify(publicKey(raw));
            ed25519.update(message);
            return ed25519.verify(Arrays.copyOfRange(signed, signed.length - 64, signed.length));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    private static void requireText(String text, String name) {
        if (!text.endsWith("\n")
                || text.contains("\n\n")
                || name.isEmpty()
                || name.contains(" ")
                || name.contains("+")
                || name.contains("\n")) {
            throw new IllegalArgumentException(
                    "a note's text ends with one newline and has no blank line; a key name has no space, + or newline");
        }
    }
}
