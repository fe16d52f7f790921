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
import java.util.Map;
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

    @Test
    void anExportIsCheckedEntryByEntryAndRecordByRecordAgainstTheCanonicalHashTheServicesUse() throws Exception {
        KeyPair logKey = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        String vkey = SignedNotes.verifierKey(ORIGIN, SignedNotes.rawPublicKey(logKey.getPublic()));
        Map<String, Object> decision = new java.util.LinkedHashMap<>(Map.of("reference", "SMB-2026-000001", "outcome", "FORMAL_WARNING",
                "summary", "Zoë \"quoted\" \u0007 😀 note", "decidedAt", "2026-12-02T01:00:00.120Z"));
        // Entries shaped as audit-service stores them, hashed with the services' own RFC 8785 library; odd values on purpose.
        List<Map<String, Object>> entries = new ArrayList<>();
        String previous = "sha256:" + "0".repeat(64);
        for (int i = 1; i <= 5; i++) {
            Map<String, Object> details = new java.util.LinkedHashMap<>();
            details.put("score", i == 2 ? 0.85 : 100);
            details.put("tiny", 1e-7);
            details.put("large", 1e21);
            details.put("nested", Map.of("b", List.of(1, "x", true), "a", Map.of()));
            if (i == 3) {
                details.put("outcomeHash", org.trustgov.auditclient.CanonicalHash.sha256(decision));
            }
            if (i == 4) {
                details.put("certificateId", "CERT-1");
                details.put("staffNumber", "10000001");
                details.put("occurredAt", "2026-12-02T01:00:00Z");
            }
            Map<String, Object> entry = new java.util.LinkedHashMap<>();
            entry.put("sequence", i);
            entry.put("at", "2026-12-02T01:00:0" + i + ".5Z");
            entry.put("actor", "staff:10000004");
            entry.put("action", "incident.noted");
            entry.put("target", "SMB-2026-000001");
            entry.put("details", details);
            entry.put("source", i == 4 ? "training-service" : null);
            entry.put("eventId", null);
            entry.put("previousHash", previous);
            previous = org.trustgov.auditclient.CanonicalHash.sha256(entry);
            entry.put("hash", previous);
            entries.add(entry);
        }
        List<byte[]> entryHashes = entries.stream().map(e -> HexFormat.of().parseHex(((String) e.get("hash")).substring(7))).toList();
        MerkleTree.Subtrees tree = tree(entryHashes);
        List<InclusionProof> proofs = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            proofs.add(new InclusionProof(i + 1, i, 5, Base64.getEncoder().encodeToString(MerkleTree.leafHash(entryHashes.get(i))),
                    b64(MerkleTree.inclusionProof(tree, i, 5)), Base64.getEncoder().encodeToString(MerkleTree.root(tree, 5))));
        }
        Map<String, Object> export = new java.util.LinkedHashMap<>();
        export.put("checkpoint", checkpoint(tree, 5, logKey));
        export.put("bound", List.of(ordered("record", decision, "sequence", 3, "field", "outcomeHash"),
                ordered("record", ordered("certificateId", "CERT-1", "staffNumber", "10000001"), "sequence", 4)));
        export.put("entries", entries);
        export.put("proofs", proofs);
        String json = JSON.writeValueAsString(export);

        assertThat(Verify.bundle(json, vkey)).isEqualTo("5 entries, each unchanged, are all in the checkpoint of " + ORIGIN
                + " at 5 entries, root " + Base64.getEncoder().encodeToString(MerkleTree.root(tree, 5)) + ", and 2 records are the ones they logged");
        for (String[] change : new String[][] {{"Zoë", "Zoe"}, {"\"CERT-1\",\"staffNumber\":\"10000001\"}", "\"CERT-1\",\"staffNumber\":\"10000002\"}"},
                {"0.85", "0.86"}, {"\"sequence\":3,\"field\"", "\"sequence\":9,\"field\""}}) {
            assertThat(json.replace(change[0], change[1])).as("the export holds %s", change[0]).isNotEqualTo(json);
        }
        assertThat(failure(json.replace("Zoë", "Zoe"), vkey)).isEqualTo("the record bound to entry 3 (SMB-2026-000001) is not the one logged: it was changed");
        assertThat(failure(json.replace("\"CERT-1\",\"staffNumber\":\"10000001\"}", "\"CERT-1\",\"staffNumber\":\"10000002\"}"), vkey))
                .startsWith("the record bound to entry 4");
        assertThat(failure(json.replace("0.85", "0.86"), vkey)).isEqualTo("entry 2's content does not match its hash: it was changed after it was logged");
        assertThat(failure(json.replace("\"sequence\":3,\"field\"", "\"sequence\":9,\"field\""), vkey)).contains("which the export does not prove");
        assertThat(failure(json, SignedNotes.verifierKey(ORIGIN, SignedNotes.rawPublicKey(KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPublic()))))
                .startsWith("the checkpoint carries no valid signature");
        assertThat(failure("[1,2", vkey)).startsWith("the export is not JSON");
    }

    /** A map that keeps its keys in the order given, so the JSON written is the same on every run. */
    private static Map<String, Object> ordered(Object... keysAndValues) {
        Map<String, Object> map = new java.util.LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    private static String failure(String json, String keys) {
        try {
            return "no failure: " + Verify.bundle(json, keys);
        } catch (Verify.Failure e) {
            return e.getMessage();
        }
    }
}
