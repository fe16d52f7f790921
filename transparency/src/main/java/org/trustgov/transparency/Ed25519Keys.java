package org.trustgov.transparency;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Ed25519 key pairs of the log and of its witness, kept as one PEM file with the PKCS#8 {@code PRIVATE KEY}
 * and its {@code PUBLIC KEY} (what {@code openssl genpkey -algorithm ed25519} and {@code openssl pkey -pubout}
 * write). A missing file is generated on a local first start; in production the file comes from the trust's
 * secret store.
 */
public final class Ed25519Keys {

    private static final Logger log = LoggerFactory.getLogger(Ed25519Keys.class);
    private static final Pattern PEM =
            Pattern.compile("-----BEGIN (PRIVATE|PUBLIC) KEY-----([A-Za-z0-9+/=\\s]+)-----END \\1 KEY-----");

    private Ed25519Keys() {}

    /** The key pair in {@code file}, generated into it (atomically) when it does not exist. */
    public static KeyPair loadOrCreate(Path file, String setting) {
        try {
            if (Files.exists(file)) {
                return read(Files.readString(file, StandardCharsets.US_ASCII), file);
            }
            KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
            Path parent = file.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            Path written = Files.createTempFile(parent, "ed25519-key", ".tmp");
            Files.writeString(
                    written,
                    pem("PRIVATE", pair.getPrivate().getEncoded())
                            + pem("PUBLIC", pair.getPublic().getEncoded()));
            try {
                // A hard link never replaces an existing file: of two instances starting on one data folder (a
                // replicated local run), the first key written wins and the other instance reads it.
                Files.createLink(file, written);
            } catch (FileAlreadyExistsException taken) {
                return read(Files.readString(file, StandardCharsets.US_ASCII), file);
            } finally {
                Files.deleteIfExists(written);
            }
            log.warn(
                    "Generated a new Ed25519 signing key in {} (a local first start); in production give {} a key "
                            + "kept in the trust's secret store",
                    file.toAbsolutePath(),
                    setting);
            return pair;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException(
                    "Could not read or create the key " + file.toAbsolutePath() + " (" + setting + "): "
                            + e.getMessage(),
                    e);
        }
    }

    /** The raw public key in a PEM file's {@code PUBLIC KEY} block, or {@code null} while the file does not exist. */
    public static byte[] readPublicKey(Path file) {
        try {
            if (!Files.exists(file)) {
                return null;
            }
            Matcher m = PEM.matcher(Files.readString(file, StandardCharsets.US_ASCII));
            while (m.find()) {
                if (m.group(1).equals("PUBLIC")) {
                    PublicKey key = KeyFactory.getInstance("Ed25519")
                            .generatePublic(new X509EncodedKeySpec(
                                    Base64.getMimeDecoder().decode(m.group(2))));
                    return SignedNotes.rawPublicKey(key);
                }
            }
            throw new IllegalStateException(file.toAbsolutePath() + " holds no PUBLIC KEY");
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException(
                    "Could not read the public key " + file.toAbsolutePath() + ": " + e.getMessage(), e);
        }
    }

    private static KeyPair read(String text, Path file) throws GeneralSecurityException {
        PrivateKey privateKey = null;
        PublicKey publicKey = null;
        KeyFactory ed25519 = KeyFactory.getInstance("Ed25519");
        Matcher m = PEM.matcher(text);
        while (m.find()) {
            byte[] der = Base64.getMimeDecoder().decode(m.group(2));
            if (m.group(1).equals("PRIVATE")) {
                privateKey = ed25519.generatePrivate(new PKCS8EncodedKeySpec(der));
            } else {
                publicKey = ed25519.generatePublic(new X509EncodedKeySpec(der));
            }
        }
        if (privateKey == null || publicKey == null) {
            throw new GeneralSecurityException(file + " must hold the Ed25519 PRIVATE KEY and its PUBLIC KEY (PEM)");
        }
        // A public block that is not the private key's would publish a verifier key no signature ever matches.
        byte[] probe = "trustgov key check".getBytes(StandardCharsets.US_ASCII);
        Signature signer = Signature.getInstance("Ed25519");
        signer.initSign(privateKey);
        signer.update(probe);
        Signature verifier = Signature.getInstance("Ed25519");
        verifier.initVerify(publicKey);
        verifier.update(probe);
        if (!verifier.verify(signer.sign())) {
            throw new GeneralSecurityException(file + "'s PUBLIC KEY is not the public key of its PRIVATE KEY");
        }
        return new KeyPair(publicKey, privateKey);
    }

    private static String pem(String kind, byte[] der) {
        return "-----BEGIN " + kind + " KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                        .encodeToString(der) + "\n-----END " + kind + " KEY-----\n";
    }
}
