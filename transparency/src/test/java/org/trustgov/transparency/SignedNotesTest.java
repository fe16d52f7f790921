package org.trustgov.transparency;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.PrivateKey;
import java.util.Arrays;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/**
 * Known answers from Go's golang.org/x/mod/sumdb/note (the PeterNeumann key, used by every signed-note
 * implementation's tests): Ed25519 signatures are deterministic, so signing the same text with the same key must
 * give the published note byte for byte.
 */
class SignedNotesTest {

    private static final String SIGNER_KEY =
            "PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz";
    private static final String VERIFIER_KEY = "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW";
    private static final String TEXT = "If you think cryptography is the answer to your problem,\n"
            + "then you don't know what your problem is.\n";
    private static final String NOTE = TEXT + "\n"
            + "\u2014 PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n";

    private static byte[] seed() {
        byte[] typed = Base64.getDecoder().decode(SIGNER_KEY.split("\\+", 5)[4]); // the base64 may hold a +
        return Arrays.copyOfRange(typed, 1, 33);
    }

    @Test
    void theSignerKeyGivesThePublishedVerifierKeyAndThePublishedNote() {
        PrivateKey key = SignedNotes.privateKey(seed());
        byte[] raw = rawPublicKeyOf(key);

        assertThat(SignedNotes.verifierKey("PeterNeumann", raw)).isEqualTo(VERIFIER_KEY);
        assertThat(SignedNotes.note(TEXT, SignedNotes.signatureLine(TEXT, "PeterNeumann", raw, key)))
                .isEqualTo(NOTE);
    }

    @Test
    void thePublishedNoteVerifiesAndAnyChangeOrAnotherKeyIsRefused() {
        assertThat(SignedNotes.verify(NOTE, VERIFIER_KEY)).isTrue();
        assertThat(SignedNotes.verify(NOTE.replace("problem,", "problem;"), VERIFIER_KEY))
                .isFalse();
        assertThat(SignedNotes.verify(NOTE, "EnochRoot+af0cfe78+ATtqJ7zOtqQtYqOo0CpvDXNlMhV3HeJDpjrASKGLWdop"))
                .isFalse();
        assertThat(SignedNotes.verify(NOTE, VERIFIER_KEY.replace("c74f20a3", "c74f20a4")))
                .isFalse();
    }

    /** The public half as the published verifier key carries it (the note reproduced byte for byte proves they match). */
    private static byte[] rawPublicKeyOf(PrivateKey key) {
        return Arrays.copyOfRange(Base64.getDecoder().decode(VERIFIER_KEY.split("\\+", 3)[2]), 1, 33);
    }
}
