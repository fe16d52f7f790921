package org.trustgov.transparency.verifier;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.syntax.ArchRuleDefinition;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.trustgov.transparency.ExportSeals;
import org.trustgov.transparency.LogEntries;
import org.trustgov.transparency.MerkleTree;
import org.trustgov.transparency.MerkleTreeTest;
import org.trustgov.transparency.SignedCheckpoint;
import org.trustgov.transparency.SignedNotes;

/**
 * The offline verifier is one JDK-only file an auditor runs, so it keeps its own copy of the Merkle math, the
 * signed-note rules, the checkpoint parsing and the lists of hashed and proof fields; the library keeps its own and
 * never calls the verifier. Here the two give the same answers: the same lists, the same hashes, the same verdict
 * on every genuine and every tampered proof, and the same acceptance or refusal of every odd checkpoint.
 */
class VerifierAgreesWithTheLibraryTest {

    private static final String ORIGIN = "trust.example.nhs.uk/audit-log";

    @Test
    void theSameListsOfHashedFieldsProofFieldsAndTheSealAction() {
        assertThat(Verify.ENTRY_FIELDS).isEqualTo(LogEntries.HASHED_FIELDS);
        assertThat(Verify.PROOF_FIELDS).isEqualTo(ExportSeals.PROOF_FIELDS);
        assertThat(Verify.SEALED).isEqualTo(ExportSeals.SEALED);
        assertThat(Verify.DASH).isEqualTo(SignedNotes.DASH);
    }

    @Test
    void theSameVerdictOnEveryProofGenuineOrTampered() {
        Random random = new Random(7);
        for (int n = 1; n <= 70; n++) {
            List<byte[]> leaves = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                byte[] entry = new byte[32];
                random.nextBytes(entry);
                leaves.add(MerkleTree.leafHash(entry));
                assertThat(Verify.leafHash(entry)).isEqualTo(leaves.get(i));
            }
            MerkleTree.Subtrees tree = MerkleTreeTest.subtrees(leaves);
            byte[] root = MerkleTree.root(tree, n);
            int index = random.nextInt(n);
            List<byte[]> proof = MerkleTree.inclusionProof(tree, index, n);
            assertThat(Verify.verifyInclusion(leaves.get(index), index, n, proof, root))
                    .isTrue()
                    .isEqualTo(MerkleTree.verifyInclusion(leaves.get(index), index, n, proof, root));
            int other = (index + 1) % n;
            assertThat(Verify.verifyInclusion(leaves.get(other), index, n, proof, root))
                    .isEqualTo(MerkleTree.verifyInclusion(leaves.get(other), index, n, proof, root));
            int first = 1 + random.nextInt(n);
            List<byte[]> consistency = MerkleTree.consistencyProof(tree, first, n);
            byte[] firstRoot = MerkleTree.root(tree, first);
            assertThat(Verify.verifyConsistency(first, n, firstRoot, root, consistency))
                    .isTrue()
                    .isEqualTo(MerkleTree.verifyConsistency(first, n, firstRoot, root, consistency));
            assertThat(Verify.verifyConsistency(first, n, root, firstRoot, consistency))
                    .isEqualTo(MerkleTree.verifyConsistency(first, n, root, firstRoot, consistency));
        }
    }

    @Test
    void theSameAcceptanceOrRefusalOfEveryOddCheckpoint() throws Exception {
        KeyPair key = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        byte[] raw = SignedNotes.rawPublicKey(key.getPublic());
        String vkey = SignedNotes.verifierKey(ORIGIN, raw);
        String root = Base64.getEncoder().encodeToString(new byte[32]);
        List<String> texts = List.of(
                ORIGIN + "\n13\n" + root + "\n",
                ORIGIN + "\n013\n" + root + "\n",
                ORIGIN + "\n13\n" + root.replace("=", "") + "\n",
                ORIGIN + "\n9223372036854775808\n" + root + "\n",
                ORIGIN + "\n13\n" + root + "\next one\n",
                ORIGIN + "\n13\n" + root + "\n\nx\n",
                "\n13\n" + root + "\n",
                ORIGIN + "\n13\n" + Base64.getEncoder().encodeToString(new byte[31]) + "\n",
                ORIGIN + "\n-1\n" + root + "\n");
        int accepted = 0;
        for (String text : texts) {
            String note = text + "\n" + signed(text, raw, key);
            boolean byVerifier = accepts(() -> Verify.checkpoint(note, vkey));
            boolean byLibrary = accepts(() -> SignedCheckpoint.verified(note, vkey));
            assertThat(byLibrary).as(text).isEqualTo(byVerifier);
            accepted += byVerifier ? 1 : 0;
        }
        assertThat(accepted)
                .as("the genuine one and the one with an extension line")
                .isEqualTo(2);
        String genuine = texts.get(0) + "\n" + signed(texts.get(0), raw, key);
        String other = SignedNotes.verifierKey(
                ORIGIN,
                SignedNotes.rawPublicKey(KeyPairGenerator.getInstance("Ed25519")
                        .generateKeyPair()
                        .getPublic()));
        assertThat(accepts(() -> SignedCheckpoint.verified(genuine, other)))
                .isFalse()
                .isEqualTo(accepts(() -> Verify.checkpoint(genuine, other)));
    }

    @Test
    void theLibraryNeverCallsTheVerifier() {
        ArchRuleDefinition.noClasses()
                .that()
                .resideOutsideOfPackage("..verifier..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("..verifier..")
                .check(new ClassFileImporter()
                        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                        .importPackages("org.trustgov.transparency"));
    }

    private static boolean accepts(Runnable check) {
        try {
            check.run();
            return true;
        } catch (RuntimeException refused) {
            return false;
        }
    }

    private static String signed(String text, byte[] raw, KeyPair key) throws Exception {
        java.security.Signature ed25519 = java.security.Signature.getInstance("Ed25519");
        ed25519.initSign(key.getPrivate());
        ed25519.update(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        byte[] line = new byte[68];
        System.arraycopy(SignedNotes.keyId(ORIGIN, raw), 0, line, 0, 4);
        System.arraycopy(ed25519.sign(), 0, line, 4, 64);
        return SignedNotes.DASH + ORIGIN + " " + Base64.getEncoder().encodeToString(line) + "\n";
    }
}
