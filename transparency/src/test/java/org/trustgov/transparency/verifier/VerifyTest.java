package org.trustgov.transparency.verifier;

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
import org.trustgov.transparency.ConsistencyProof;
import org.trustgov.transparency.ExportSeals;
import org.trustgov.transparency.InclusionProof;
import org.trustgov.transparency.MerkleTree;
import org.trustgov.transparency.MerkleTreeTest;
import org.trustgov.transparency.SignedNotes;
import tools.jackson.databind.json.JsonMapper;

/**
 * The offline verifier as an auditor runs it: {@code java Verify.java …} in source-file mode, in its own JDK
 * process, on files shaped exactly as audit-service serves them. A genuine checkpoint, inclusion and consistency
 * pass; a changed checkpoint, another key, a rewritten history signed with the log's own key and a proof for
 * another entry fail with the reason.
 */
class VerifyTest {

    private static final Path SOURCE = Path.of("src/main/java/org/trustgov/transparency/verifier/Verify.java");
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String ORIGIN = "trust.example.nhs.uk/audit-log";

    @TempDir
    Path dir;

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
        return MerkleTreeTest.subtrees(
                entryHashes.stream().map(MerkleTree::leafHash).toList());
    }

    private static final String WITNESS = "witness.example.nhs.uk";
    private static final KeyPair WITNESS_KEY = ed25519();
    private static final String WITNESS_VKEY =
            SignedNotes.cosignerKey(WITNESS, SignedNotes.rawPublicKey(WITNESS_KEY.getPublic()));

    private static KeyPair ed25519() {
        try {
            return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A checkpoint signed by the log's key and cosigned by the witness. */
    private static String checkpoint(MerkleTree.Subtrees tree, long size, KeyPair key) {
        String text =
                ORIGIN + "\n" + size + "\n" + Base64.getEncoder().encodeToString(MerkleTree.root(tree, size)) + "\n";
        return SignedNotes.note(
                text,
                SignedNotes.signatureLine(text, ORIGIN, SignedNotes.rawPublicKey(key.getPublic()), key.getPrivate()),
                SignedNotes.cosignatureLine(
                        text,
                        WITNESS,
                        SignedNotes.rawPublicKey(WITNESS_KEY.getPublic()),
                        WITNESS_KEY.getPrivate(),
                        1_780_000_000L));
    }

    private static List<String> b64(List<byte[]> hashes) {
        return hashes.stream().map(h -> Base64.getEncoder().encodeToString(h)).toList();
    }

    private Path file(String name, String content) throws Exception {
        return Files.writeString(dir.resolve(name), content, StandardCharsets.UTF_8);
    }

    private String[] run(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                SOURCE.toAbsolutePath().toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new String[] {
            String.valueOf(process.exitValue()),
            new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip()
        };
    }

    @Test
    void anAuditorChecksCheckpointsAndProofsWithNothingButTheJdkAndEveryForgeryFails() throws Exception {
        KeyPair logKey = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        String vkey =
                SignedNotes.verifierKey(ORIGIN, SignedNotes.rawPublicKey(logKey.getPublic())) + "," + WITNESS_VKEY;
        List<byte[]> entries = entryHashes(1, 29);
        MerkleTree.Subtrees tree = tree(entries);
        Path kept = file("kept.txt", checkpoint(tree, 13, logKey));
        Path latest = file("latest.txt", checkpoint(tree, 29, logKey));
        Path inclusion = file(
                "inclusion.json",
                JSON.writeValueAsString(new InclusionProof(
                        6,
                        5,
                        29,
                        Base64.getEncoder().encodeToString(MerkleTree.leafHash(entries.get(5))),
                        b64(MerkleTree.inclusionProof(tree, 5, 29)),
                        Base64.getEncoder().encodeToString(MerkleTree.root(tree, 29)))));
        Path consistency = file(
                "consistency.json",
                JSON.writeValueAsString(new ConsistencyProof(
                        13,
                        29,
                        Base64.getEncoder().encodeToString(MerkleTree.root(tree, 13)),
                        Base64.getEncoder().encodeToString(MerkleTree.root(tree, 29)),
                        b64(MerkleTree.consistencyProof(tree, 13, 29)))));

        assertThat(run(
                        "inclusion",
                        latest.toString(),
                        vkey,
                        inclusion.toString(),
                        "sha256:" + HexFormat.of().formatHex(entries.get(5))))
                .containsExactly(
                        "0",
                        "OK: entry 6 is in the checkpoint of " + ORIGIN + " at 29 entries, root "
                                + Base64.getEncoder().encodeToString(MerkleTree.root(tree, 29)));
        assertThat(run("consistency", kept.toString(), latest.toString(), vkey, consistency.toString()))
                .containsExactly("0", "OK: the tree of 29 entries extends the tree of 13 (" + ORIGIN + ")");

        // The size changed after signing, and a checkpoint signed by someone else's key.
        Path changed = file("changed.txt", Files.readString(latest).replace("\n29\n", "\n30\n"));
        assertThat(run("checkpoint", changed.toString(), vkey)[1])
                .startsWith("FAILED: the checkpoint carries an invalid signature");
        Path foreign = file(
                "foreign.txt",
                checkpoint(tree, 29, KeyPairGenerator.getInstance("Ed25519").generateKeyPair()));
        assertThat(run("checkpoint", foreign.toString(), vkey)[0]).isEqualTo("1");

        // Whoever holds the log's key rewrote entry 3 and signed the new tree: it does not extend the kept checkpoint.
        List<byte[]> rewritten = new ArrayList<>(entries);
        rewritten.set(2, entryHashes(2, 1).get(0));
        MerkleTree.Subtrees forgedTree = tree(rewritten);
        Path forged = file("forged.txt", checkpoint(forgedTree, 29, logKey));
        Path forgedProof = file(
                "forged.json",
                JSON.writeValueAsString(new ConsistencyProof(
                        13,
                        29,
                        Base64.getEncoder().encodeToString(MerkleTree.root(forgedTree, 13)),
                        Base64.getEncoder().encodeToString(MerkleTree.root(forgedTree, 29)),
                        b64(MerkleTree.consistencyProof(forgedTree, 13, 29)))));
        assertThat(run("consistency", kept.toString(), forged.toString(), vkey, forgedProof.toString()))
                .containsExactly(
                        "1",
                        "FAILED: the newer checkpoint does not extend the older one: the log was rewritten or truncated");

        // A proof for entry 6 offered for another entry.
        assertThat(run(
                        "inclusion",
                        latest.toString(),
                        vkey,
                        inclusion.toString(),
                        "sha256:" + HexFormat.of().formatHex(entries.get(7)))[1])
                .startsWith("FAILED: the proof's leaf is not the entry");
    }

    /** Entries 1-5 as audit-service stores them (odd values on purpose), hashed with the services' own RFC 8785 library. */
    private static List<Map<String, Object>> entries(Map<String, Object> decision) {
        List<Map<String, Object>> entries = new ArrayList<>();
        String previous = "sha256:" + "0".repeat(64);
        for (int i = 1; i <= 5; i++) {
            Map<String, Object> details = new java.util.LinkedHashMap<>();
            details.put("score", i == 2 ? 0.85 : 100);
            details.put("tiny", 1e-7);
            details.put("large", 1e21);
            details.put("nested", Map.of("b", List.of(1, "x", true), "a", Map.of()));
            if (i == 3) {
                details.put("outcomeHash", org.trustgov.transparency.CanonicalHash.sha256(decision));
            }
            if (i == 4) {
                details.put("certificateId", "CERT-1");
                details.put("staffNumber", "10000001");
                details.put("occurredAt", "2026-12-02T01:00:00Z");
            }
            entries.add(entry(
                    i, "incident.noted", "SMB-2026-000001", details, i == 4 ? "training-service" : null, previous));
            previous = (String) entries.get(i - 1).get("hash");
        }
        return entries;
    }

    private static Map<String, Object> entry(
            long sequence, String action, String target, Map<String, Object> details, String source, String previous) {
        Map<String, Object> entry = new java.util.LinkedHashMap<>();
        entry.put("sequence", sequence);
        entry.put("at", "2026-12-02T01:00:0" + sequence + ".5Z");
        entry.put("actor", "staff:10000004");
        entry.put("action", action);
        entry.put("target", target);
        entry.put("details", details);
        entry.put("source", source);
        entry.put("eventId", null);
        entry.put("previousHash", previous);
        entry.put("hash", org.trustgov.transparency.CanonicalHash.sha256(entry));
        return entry;
    }

    /**
     * An export as the services make one: its content ({@code format}, {@code bound}, {@code unbound}), entries 1-5,
     * and the seal (entry 6) over the content's hash and those five entries, all proved in a checkpoint of 6.
     */
    private static String export(
            KeyPair logKey, Map<String, Object> logged, Map<String, Object> shown, List<Object> unbound) {
        List<Map<String, Object>> entries = entries(logged);
        Map<String, Object> export = new java.util.LinkedHashMap<>();
        export.put("format", "trustgov-outcomes-export/v2");
        export.put(
                "bound",
                List.of(
                        ordered("record", shown, "sequence", 3, "field", "outcomeHash", "department", "Acute Medicine"),
                        ordered(
                                "record",
                                ordered("certificateId", "CERT-1", "staffNumber", "10000001"),
                                "sequence",
                                4)));
        export.put("unbound", unbound);
        Map<String, Object> seal = ordered(
                "format",
                "trustgov-outcomes-export/v2",
                "query",
                Map.of("from", "2026-01-01"),
                "entries",
                List.of(1, 2, 3, 4, 5),
                "contentHash",
                ExportSeals.contentHash(JSON, export));
        Map<String, Object> sealEntry = entry(6, Verify.SEALED, "trustgov-outcomes-export/v2", seal, null, (String)
                entries.get(4).get("hash"));
        List<Map<String, Object>> all = new ArrayList<>(entries);
        all.add(sealEntry);
        List<byte[]> entryHashes = all.stream()
                .map(e -> HexFormat.of().parseHex(((String) e.get("hash")).substring(7)))
                .toList();
        MerkleTree.Subtrees tree = tree(entryHashes);
        List<InclusionProof> proofs = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            proofs.add(new InclusionProof(
                    i + 1,
                    i,
                    6,
                    Base64.getEncoder().encodeToString(MerkleTree.leafHash(entryHashes.get(i))),
                    b64(MerkleTree.inclusionProof(tree, i, 6)),
                    Base64.getEncoder().encodeToString(MerkleTree.root(tree, 6))));
        }
        export.put("checkpoint", checkpoint(tree, 6, logKey));
        export.put("treeSize", 6);
        export.put("entries", entries);
        export.put("proofs", proofs.subList(0, 5));
        export.put("manifest", ordered("entry", sealEntry, "proof", proofs.get(5)));
        return JSON.writeValueAsString(export);
    }

    @Test
    void anExportIsCheckedEntryByEntryAndRecordByRecordAgainstTheCanonicalHashTheServicesUse() throws Exception {
        KeyPair logKey = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        String logVkey = SignedNotes.verifierKey(ORIGIN, SignedNotes.rawPublicKey(logKey.getPublic()));
        String vkey = logVkey + "," + WITNESS_VKEY;
        Map<String, Object> decision = new java.util.LinkedHashMap<>(Map.of(
                "reference",
                "SMB-2026-000001",
                "outcome",
                "FORMAL_WARNING",
                "summary",
                "Zoë \"quoted\" \u0007 😀 note",
                "decidedAt",
                "2026-12-02T01:00:00.120Z"));
        String json = export(logKey, decision, decision, List.of());

        Verify.Verdict verdict = Verify.bundle(json, vkey);
        assertThat(verdict.proved()).as(verdict.line()).isTrue();
        assertThat(verdict.result())
                .startsWith("5 entries, each unchanged, are all in the checkpoint of " + ORIGIN + " at 6 entries")
                .endsWith(
                        ", 2 records are the ones they logged, and the export is complete and unedited as sealed in entry 6");
        for (String[] change : new String[][] {
            {"Zoë", "Zoe"},
            {"\"CERT-1\",\"staffNumber\":\"10000001\"}", "\"CERT-1\",\"staffNumber\":\"10000002\"}"},
            {"0.85", "0.86"},
            {"\"sequence\":3,\"field\"", "\"sequence\":9,\"field\""},
            {"Acute Medicine", "Estates"}
        }) {
            assertThat(json.replace(change[0], change[1]))
                    .as("the export holds %s", change[0])
                    .isNotEqualTo(json);
        }
        // Anything shown that is edited after the export was made: a bound record, a field beside it, a reference.
        String edited =
                "the export's content is not what the log sealed in entry 6: a field was edited, added or removed after it was made";
        assertThat(failure(json.replace("Zoë", "Zoe"), vkey)).isEqualTo(edited);
        assertThat(failure(
                        json.replace(
                                "\"CERT-1\",\"staffNumber\":\"10000001\"}", "\"CERT-1\",\"staffNumber\":\"10000002\"}"),
                        vkey))
                .isEqualTo(edited);
        assertThat(failure(json.replace("Acute Medicine", "Estates"), vkey))
                .as("a field outside the record")
                .isEqualTo(edited);
        assertThat(failure(json.replace("\"sequence\":3,\"field\"", "\"sequence\":9,\"field\""), vkey))
                .isEqualTo(edited);
        assertThat(failure(
                        json.replace("\"unbound\":[]", "\"unbound\":[{\"record\":{\"outcome\":\"DISMISSAL\"}}]"), vkey))
                .as("an invented record added under unbound")
                .isEqualTo(edited);
        assertThat(failure(
                        json.replace(
                                "\"format\":\"trustgov-outcomes-export/v2\",\"bound\"",
                                "\"extra\":1,\"format\":\"trustgov-outcomes-export/v2\",\"bound\""),
                        vkey))
                .as("a field added")
                .isEqualTo(edited);
        // An entry changed, given a field its hash does not cover, or dropped with its proof.
        assertThat(failure(json.replace("0.85", "0.86"), vkey))
                .isEqualTo("entry 2's content does not match its hash: it was changed after it was logged");
        assertThat(failure(
                        json.replace(
                                "\"actor\":\"staff:10000004\",\"action\":\"incident.noted\"",
                                "\"actor\":\"staff:10000004\",\"outcome\":\"NO_FURTHER_ACTION\",\"action\":\"incident.noted\""),
                        vkey))
                .isEqualTo("entry 1 has a field its hash does not cover: outcome");
        Map<String, Object> cut =
                JSON.readValue(json, new tools.jackson.core.type.TypeReference<Map<String, Object>>() {});
        ((List<?>) cut.get("entries")).remove(4);
        ((List<?>) cut.get("proofs")).remove(4);
        assertThat(failure(JSON.writeValueAsString(cut), vkey))
                .startsWith("the export carries entries [1,2,3,4], the log sealed it with entries [1,2,3,4,5]");
        cut = JSON.readValue(json, new tools.jackson.core.type.TypeReference<Map<String, Object>>() {});
        cut.remove("manifest");
        assertThat(failure(JSON.writeValueAsString(cut), vkey)).startsWith("the export carries no manifest");
        cut = JSON.readValue(json, new tools.jackson.core.type.TypeReference<Map<String, Object>>() {});
        cut.put("treeSize", 7);
        assertThat(failure(JSON.writeValueAsString(cut), vkey))
                .isEqualTo("the export's treeSize is not the checkpoint's size 6");
        assertThat(failure(json.replace("{\"format\":", "{\"format\":\"x\",\"format\":"), vkey))
                .contains("appears twice");

        // Sealed as it was shown, but a bound record is not what its entry logged (changed in the store before the
        // export).
        Map<String, Object> softened = new java.util.LinkedHashMap<>(decision);
        softened.put("outcome", "NO_CASE_TO_ANSWER");
        assertThat(failure(export(logKey, decision, softened, List.of()), vkey))
                .isEqualTo("the record bound to entry 3 (SMB-2026-000001) is not the one logged: it was changed");

        // What holds but is not proved: records bound to no entry, and a check without the witness's key.
        Verify.Verdict withUnbound = Verify.bundle(
                export(logKey, decision, decision, List.of(Map.of("record", Map.of("reference", "SMB-2025-000009")))),
                vkey);
        assertThat(withUnbound.proved()).isFalse();
        assertThat(withUnbound.line()).startsWith("NOT PROVED: 5 entries").contains("1 records under unbound");
        assertThat(Verify.bundle(json, logVkey).line())
                .startsWith("NOT PROVED: ")
                .contains("no witness key was given");
        assertThat(failure(
                        json,
                        SignedNotes.verifierKey(
                                ORIGIN,
                                SignedNotes.rawPublicKey(KeyPairGenerator.getInstance("Ed25519")
                                        .generateKeyPair()
                                        .getPublic()))))
                .startsWith("the checkpoint carries no valid signature");
        assertThat(failure("[1,2", vkey)).startsWith("the export is not JSON");

        // As an auditor runs it: exit 0, 1 and 2.
        assertThat(run("bundle", file("export.json", json).toString(), vkey)[0]).isEqualTo("0");
        assertThat(run("bundle", file("edited.json", json.replace("Zoë", "Zoe")).toString(), vkey))
                .containsExactly("1", "FAILED: " + edited);
        assertThat(run("bundle", file("export.json", json).toString(), logVkey)[0])
                .isEqualTo("2");
    }

    @Test
    void checkpointsAreParsedStrictlyAndANoteWithAnInvalidSignatureByTheKeyIsRejected() throws Exception {
        KeyPair logKey = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        byte[] raw = SignedNotes.rawPublicKey(logKey.getPublic());
        String logVkey = SignedNotes.verifierKey(ORIGIN, raw);
        String root = Base64.getEncoder().encodeToString(new byte[32]);
        String text = ORIGIN + "\n13\n" + root + "\n";
        String signature = SignedNotes.signatureLine(text, ORIGIN, raw, logKey.getPrivate());
        assertThat(Verify.checkpoint(SignedNotes.note(text, signature), logVkey).size())
                .isEqualTo(13);

        // A valid signature and, under the same name and key ID, a bad one: the note is rejected (C2SP signed-note).
        byte[] bad = Base64.getDecoder()
                .decode(signature
                        .substring(Verify.DASH.length() + ORIGIN.length() + 1)
                        .strip());
        bad[10] ^= 1;
        String badLine = Verify.DASH + ORIGIN + " " + Base64.getEncoder().encodeToString(bad) + "\n";
        assertThat(checkpointFailure(SignedNotes.note(text, signature, badLine), logVkey))
                .contains("invalid signature under " + ORIGIN);
        assertThat(checkpointFailure(SignedNotes.note(text, badLine, signature), logVkey))
                .contains("invalid signature under " + ORIGIN);

        // Each signed with the log's own key, so only the parsing can refuse them.
        for (String[] odd : new String[][] {
            {ORIGIN + "\n013\n" + root + "\n", "leading zeros"},
            {ORIGIN + "\n13\n" + Base64.getEncoder().encodeToString(new byte[31]) + "\n", "32 bytes"},
            {ORIGIN + "\n13\n" + root.replace("=", "") + "\n", "32 bytes"},
            {ORIGIN + "\n13\n" + root + "\n\nextension\n", "one blank line"},
            {ORIGIN + "\n9223372036854775808\n" + root + "\n", "past 2^63"},
            {ORIGIN + "\n99999999999999999999\n" + root + "\n", "leading zeros"},
            {"\n13\n" + root + "\n", "origin, size and root"},
            {ORIGIN + "\n13\n" + root + "\n\u0001\n", "control character"}
        }) {
            String note = odd[0] + "\n" + signed(odd[0], raw, logKey);
            assertThat(checkpointFailure(note, logVkey)).as(odd[0]).contains(odd[1]);
        }
        assertThat(checkpointFailure(SignedNotes.note(text, signature, "not a signature\n"), logVkey))
                .contains("signature line");
        assertThat(checkpointFailure(SignedNotes.note(text, signature).strip(), logVkey))
                .contains("ending with a newline");
        // In a separate JDK: a size past 2^63 is a one-line failure, not a stack trace; no witness key is exit 2.
        String past = ORIGIN + "\n9223372036854775808\n" + root + "\n";
        assertThat(run(
                        "checkpoint",
                        file("past.txt", past + "\n" + signed(past, raw, logKey))
                                .toString(),
                        logVkey))
                .containsExactly("1", "FAILED: the checkpoint's size is past 2^63 - 1");
        String[] unwitnessed = run(
                "checkpoint", file("ok.txt", SignedNotes.note(text, signature)).toString(), logVkey);
        assertThat(unwitnessed[0]).isEqualTo("2");
        assertThat(unwitnessed[1])
                .startsWith("NOT PROVED: the checkpoint of " + ORIGIN + " at 13 entries")
                .contains("no witness key");
    }

    /** A signature line over any text, even one SignedNotes would refuse to sign. */
    private static String signed(String text, byte[] raw, KeyPair key) throws Exception {
        java.security.Signature ed25519 = java.security.Signature.getInstance("Ed25519");
        ed25519.initSign(key.getPrivate());
        ed25519.update(text.getBytes(StandardCharsets.UTF_8));
        byte[] line = new byte[68];
        System.arraycopy(Verify.keyId(ORIGIN, raw), 0, line, 0, 4);
        System.arraycopy(ed25519.sign(), 0, line, 4, 64);
        return Verify.DASH + ORIGIN + " " + Base64.getEncoder().encodeToString(line) + "\n";
    }

    private static String checkpointFailure(String note, String keys) {
        try {
            return "no failure: " + Verify.checkpoint(note, keys);
        } catch (Verify.Failure e) {
            return e.getMessage();
        }
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
