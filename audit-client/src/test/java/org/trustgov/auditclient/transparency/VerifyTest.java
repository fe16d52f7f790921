package org.trustgov.auditclient.transparency;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import tools.jackson.databind.json.JsonMapper;

/**
 * The offline verifier as an auditor runs it: {@code java Verify.java …} in source-file mode, in its own JDK
 * process, on files shaped exactly as audit-service serves them. A genuine checkpoint, inclusion and consistency
 * pass; a changed checkpoint, another key, a rewritten history signed with the log's own key and a proof for
 * another entry fail with the reason.
 */
class VerifyTest {

    private static final Path SOURCE = Path.of("src/main/java/org/trustgov/auditclient/transparency/Verify.java");
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String ORIGIN = "trust.example.nhs.uk/audit-log";

    @TempDir Path dir;

    private static List<byte[]> entryHashes(long seed, int n) {
        Random random = new Random(seed);
        List<byte[]> hashes = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            byte[] h = new byte[32];
            random.nextBytes(h);
            hashes.add(h);
        }
        return hashes;
    }

    private static MerkleTree.Subtrees tree(List<byte[]> entryHashes) {
        return MerkleTreeTest.subtrees(entryHashes.stream().map(MerkleTree::leafHash).toList());
    }

    private static String checkpoint(MerkleTree.Subtrees tree, long size, KeyPair key) {
        String text = ORIGIN + "\n" + size + "\n" + Base64.getEncoder().encodeToString(MerkleTree.root(tree, size)) + "\n";
        return SignedNotes.note(text, SignedNotes.signatureLine(text, ORIGIN, SignedNotes.rawPublicKey(key.getPublic()), key.getPrivate()));
    }

    private static List<String> b64(List<byte[]> hashes) {
        return hashes.stream().map(h -> Base64.getEncoder().encodeToString(h)).toList();
    }

    private Path file(String name, String content) throws Exception {
        return Files.writeString(dir.resolve(name), content, StandardCharsets.UTF_8);
    }

    private String[] run(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                SOURCE.toAbsolutePath().toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new String[] {String.valueOf(process.exitValue()), new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip()};
    }

    @Test
    void anAuditorChecksCheckpointsAndProofsWithNothingButTheJdkAndEveryForgeryFails() throws Exception {
        KeyPair logKey = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        String vkey = SignedNotes.verifierKey(ORIGIN, SignedNotes.rawPublicKey(logKey.getPublic()));
        List<byte[]> entries = entryHashes(1, 29);
        MerkleTree.Subtrees tree = tree(entries);
        Path kept = file("kept.txt", checkpoint(tree, 13, logKey));
        Path latest = file("latest.txt", checkpoint(tree, 29, logKey));
        Path inclusion = file("inclusion.json", JSON.writeValueAsString(new InclusionProof(6, 5, 29,
                Base64.getEncoder().encodeToString(MerkleTree.leafHash(entries.get(5))), b64(MerkleTree.inclusionProof(tree, 5, 29)),
                Base64.getEncoder().encodeToString(MerkleTree.root(tree, 29)))));
        Path consistency = file("consistency.json", JSON.writeValueAsString(new ConsistencyProof(13, 29,
                Base64.getEncoder().encodeToString(MerkleTree.root(tree, 13)), Base64.getEncoder().encodeToString(MerkleTree.root(tree, 29)),
                b64(MerkleTree.consistencyProof(tree, 13, 29)))));

        assertThat(run("inclusion", latest.toString(), vkey, inclusion.toString(),
                "sha256:" + HexFormat.of().formatHex(entries.get(5))))
                .containsExactly("0", "OK: entry 6 is in the checkpoint of " + ORIGIN + " at 29 entries, root "
                        + Base64.getEncoder().encodeToString(MerkleTree.root(tree, 29)));
        assertThat(run("consistency", kept.toString(), latest.toString(), vkey, consistency.toString()))
                .containsExactly("0", "OK: the tree of 29 entries extends the tree of 13 (" + ORIGIN + ")");

        // The size changed after signing, and a checkpoint signed by someone else's key.
        Path changed = file("changed.txt", Files.readString(latest).replace("\n29\n", "\n30\n"));
        assertThat(run("checkpoint", changed.toString(), vkey)[1]).startsWith("FAILED: the checkpoint carries no valid signature");
        Path foreign = file("foreign.txt", checkpoint(tree, 29, KeyPairGenerator.getInstance("Ed25519").generateKeyPair()));
        assertThat(run("checkpoint", foreign.toString(), vkey)[0]).isEqualTo("1");

        // Whoever holds the log's key rewrote entry 3 and signed the new tree: it does not extend the kept checkpoint.
        List<byte[]> rewritten = new ArrayList<>(entries);
        rewritten.set(2, entryHashes(2, 1).get(0));
        MerkleTree.Subtrees forgedTree = tree(rewritten);
        Path forged = file("forged.txt", checkpoint(forgedTree, 29, logKey));
        Path forgedProof = file("forged.json", JSON.writeValueAsString(new ConsistencyProof(13, 29,
                Base64.getEncoder().encodeToString(MerkleTree.root(forgedTree, 13)), Base64.getEncoder().encodeToString(MerkleTree.root(forgedTree, 29)),
                b64(MerkleTree.consistencyProof(forgedTree, 13, 29)))));
        assertThat(run("consistency", kept.toString(), forged.toString(), vkey, forgedProof.toString()))
                .containsExactly("1", "FAILED: the newer checkpoint does not extend the older one: the log was rewritten or truncated");

        // A proof for entry 6 offered for another entry.
        assertThat(run("inclusion", latest.toString(), vkey, inclusion.toString(),
                "sha256:" + HexFormat.of().formatHex(entries.get(7)))[1]).startsWith("FAILED: the proof's leaf is not the entry");
    }
}
