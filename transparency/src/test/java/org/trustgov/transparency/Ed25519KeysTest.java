package org.trustgov.transparency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The signing keys on disk: made once, read again as they were, and a file whose two blocks do not match is refused. */
class Ed25519KeysTest {

    @TempDir
    Path dir;

    @Test
    void aKeyFileIsReadBackAsWrittenAndAPublicBlockOfAnotherKeyIsRefused() throws Exception {
        Path file = dir.resolve("key.pem");
        KeyPair made = Ed25519Keys.loadOrCreate(file, "test.key-file");
        KeyPair read = Ed25519Keys.loadOrCreate(file, "test.key-file");
        assertThat(read.getPublic().getEncoded()).isEqualTo(made.getPublic().getEncoded());

        Path other = dir.resolve("other.pem");
        Ed25519Keys.loadOrCreate(other, "test.key-file");
        String text = Files.readString(file);
        String otherText = Files.readString(other);
        String spliced = text.substring(0, text.indexOf("-----BEGIN PUBLIC KEY-----"))
                + otherText.substring(otherText.indexOf("-----BEGIN PUBLIC KEY-----"));
        Path mismatched = Files.writeString(dir.resolve("mismatched.pem"), spliced);

        assertThatThrownBy(() -> Ed25519Keys.loadOrCreate(mismatched, "test.key-file"))
                .hasMessageContaining("PUBLIC KEY is not the public key of its PRIVATE KEY");
    }
}
