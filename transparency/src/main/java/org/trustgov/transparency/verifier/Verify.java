package org.trustgov.transparency.verifier;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The offline verifier of the trust's audit log, for an auditor with nothing but a JDK (17+): run this one file in
 * source-file mode, with what audit-service published (the verifier key, checkpoints, proofs as JSON).
 *
 * <pre>
 *   java Verify.java checkpoint  &lt;checkpoint.txt&gt; &lt;vkeys&gt;
 *   java Verify.java inclusion   &lt;checkpoint.txt&gt; &lt;vkeys&gt; &lt;inclusion-proof.json&gt; [sha256:&lt;entry hash&gt;]
 *   java Verify.java consistency &lt;older-checkpoint.txt&gt; &lt;newer-checkpoint.txt&gt; &lt;vkeys&gt; &lt;consistency-proof.json&gt;
 *   java Verify.java bundle      &lt;export.json&gt; &lt;vkeys&gt;
 * </pre>
 *
 * {@code <vkeys>} is the log's verifier key, or the log's and the witnesses' separated by commas
 * ({@code log-vkey,witness-vkey}): the checkpoint must carry a valid signature by every one of them.
 * Exit codes:
 * <ul>
 * <li>0 and "OK: …" when everything holds;</li>
 * <li>1 and "FAILED: why" when something does not (a forged, edited, cut or malformed input);</li>
 * <li>2 and "NOT PROVED: …, but …" when everything checked holds but something is not proved: no witness key was
 * given (a log that shows different trees to different people would pass), or the export lists records that no log
 * entry binds.</li>
 * </ul>
 * Checkpoints are parsed strictly (C2SP tlog-checkpoint and signed-note): one blank line between text and
 * signatures, a size without leading zeros below 2^63, a root of exactly 32 bytes in canonical base64, well-formed
 * signature lines; a note with an invalid signature under a key it is checked with is rejected even if another
 * line verifies. The service and the witness use these same methods (RFC 6962 / RFC 9162 Merkle proofs, C2SP
 * signed notes with Ed25519), so there is one verification, not two.
 */
public final class Verify {

    /** How every signature line of a signed note starts. */
    public static final String DASH = "\u2014 ";
    /** The signature type of an Ed25519 note signature, and of an Ed25519 cosignature (C2SP tlog-cosignature/v1). */
    public static final byte ED25519 = 0x01;

    public static final byte COSIGNATURE = 0x04;
    private static final byte[] X509_PREFIX = HexFormat.of().parseHex("302a300506032b6570032100");

    private Verify() {}

    public static void main(String[] args) throws Exception {
        try {
            Verdict verdict = switch (args.length > 0 ? args[0] : "") {
                case "checkpoint" -> {
                    need(args, 3);
                    yield new Verdict(describe(checkpoint(read(args[1]), args[2])), witnessReservations(args[2]));
                }
                case "inclusion" -> {
                    need(args, 4);
                    yield new Verdict(
                            inclusion(
                                    checkpoint(read(args[1]), args[2]),
                                    object(read(args[3]), "the proof"),
                                    args.length > 4 ? args[4] : null),
                            witnessReservations(args[2]));
                }
                case "consistency" -> {
                    need(args, 5);
                    yield new Verdict(
                            consistency(
                                    checkpoint(read(args[1]), args[3]),
                                    checkpoint(read(args[2]), args[3]),
                                    object(read(args[4]), "the proof")),
                            witnessReservations(args[3]));
                }
                case "bundle" -> {
                    need(args, 3);
                    yield bundle(read(args[1]), args[2]);
                }
                default ->
                    throw new Failure(
                            "usage: java Verify.java checkpoint|inclusion|consistency|bundle … (see the file's comment)");
            };
            System.out.println(verdict.line());
            if (!verdict.proved()) {
                System.exit(2);
            }
        } catch (Failure e) {
            System.out.println("FAILED: " + e.getMessage());
            System.exit(1);
        } catch (RuntimeException e) { // a bug of this file: still one line and a non-zero exit, never a stack trace
            System.out.println("FAILED: the input could not be checked (" + e + ")");
            System.exit(1);
        }
    }

    /**
     * What was checked and held, and what was not proved ({@code reservations}): the verdict is OK only when nothing
     * is reserved.
     */
    public record Verdict(String result, List<String> reservations) {

        public boolean proved() {
            return reservations.isEmpty();
        }

        /** The line the command prints. */
        public String line() {
            return proved()
                    ? "OK: " + result
                    : "NOT PROVED: " + result + ", but " + String.join("; and ", reservations);
        }
    }

    /** Why a check with these keys proves less than it seems: no witness key among them. */
    static List<String> witnessReservations(String verifierKeys) {
        for (String key : verifierKeys.split(",")) {
            String[] parts = key.strip().split("\\+", 3);
            try {
                byte[] typed = parts.length == 3 ? Base64.getDecoder().decode(parts[2]) : new byte[0];
                if (typed.length == 33 && typed[0] == COSIGNATURE) {
                    return List.of();
                }
            } catch (IllegalArgumentException e) {
                // not a key: the signature check has already said so
            }
        }
        return List.of("no witness key was given: nothing shows that the checkpoint is the one the log shows everyone "
                + "(give <log-vkey>,<witness-vkey>)");
    }

    /** A checkpoint whose signature verified. */
    public record Checkpoint(String origin, long size, byte[] root) {}

    /**
     * The checkpoint in {@code note}, parsed strictly (C2SP tlog-checkpoint in a C2SP signed note), once every key
     * of {@code verifierKeys} has a valid signature on it and none has an invalid one.
     */
    public static Checkpoint checkpoint(String note, String verifierKeys) {
        Checkpoint checkpoint = parseCheckpoint(note);
        for (String key : verifierKeys.split(",")) {
            String problem = signatureProblem(note, key);
            if (problem != null) {
                throw new Failure(problem);
            }
        }
        return checkpoint;
    }

    /** The most signature lines a note may carry (C2SP signed-note lets verifiers cap them). */
    static final int MAX_SIGNATURES = 100;

    private static final Pattern SIZE = Pattern.compile("0|[1-9][0-9]{0,18}");
    private static final Pattern ROOT = Pattern.compile("[A-Za-z0-9+/]{43}=");
    private static final Pattern SIGNATURE_LINE = Pattern.compile("\u2014 ([^ +\n]+) ([A-Za-z0-9+/]+={0,2})");

    /**
     * A checkpoint's text and signature block, read as C2SP tlog-checkpoint says: the origin, the size in decimal
     * without leading zeros (below 2^63), the root hash in canonical base64 of exactly 32 bytes, optional
     * extension lines, none empty; then one blank line and at least one well-formed signature line, the note
     * ending with a newline. Anything else is refused, before any signature is looked at.
     */
    public static Checkpoint parseCheckpoint(String note) {
        int split = note == null ? -1 : note.indexOf("\n\n");
        if (split < 0 || split != note.lastIndexOf("\n\n") || !note.endsWith("\n")) {
            throw new Failure(
                    "the checkpoint is not a signed note: its text, one blank line, its signature lines, ending with a newline");
        }
        for (int i = 0; i < note.length(); i++) {
            char c = note.charAt(i);
            if (c < 0x20 && c != '\n' || c == 0x7f || Character.isSurrogate(c) && !validSurrogateAt(note, i)) {
                throw new Failure("the checkpoint holds a control character or invalid text at " + i);
            }
        }
        String[] lines = note.substring(0, split).split("\n", -1);
        if (lines.length < 3 || lines[0].isEmpty()) {
            throw new Failure("the checkpoint's text is not origin, size and root hash lines");
        }
        if (!SIZE.matcher(lines[1]).matches()) {
            throw new Failure("the checkpoint's size is not a decimal number without leading zeros");
        }
        long size;
        try {
            size = Long.parseLong(lines[1]);
        } catch (NumberFormatException e) {
            throw new Failure("the checkpoint's size is past 2^63 - 1");
        }
        byte[] root = ROOT.matcher(lines[2]).matches() ? Base64.getDecoder().decode(lines[2]) : null;
        if (root == null
                || root.length != 32
                || !Base64.getEncoder().encodeToString(root).equals(lines[2])) {
            throw new Failure("the checkpoint's root hash is not 32 bytes in canonical base64");
        }
        String[] signatures = note.substring(split + 2, note.length() - 1).split("\n", -1);
        if (signatures.length > MAX_SIGNATURES) {
            throw new Failure("the checkpoint carries more than " + MAX_SIGNATURES + " signature lines");
        }
        for (String line : signatures) {
            Matcher signature = SIGNATURE_LINE.matcher(line);
            if (!signature.matches() || decodedLength(signature.group(2)) < 5) {
                throw new Failure(
                        "the checkpoint has a signature line that is not \"\u2014 <name> <base64 key id and signature>\"");
            }
        }
        return new Checkpoint(lines[0], size, root);
    }

    private static boolean validSurrogateAt(String text, int i) {
        char c = text.charAt(i);
        return Character.isHighSurrogate(c)
                ? i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))
                : i > 0 && Character.isHighSurrogate(text.charAt(i - 1));
    }

    private static int decodedLength(String base64) {
        try {
            return Base64.getDecoder().decode(base64).length;
        } catch (IllegalArgumentException e) {
            return -1;
        }
    }

    static String inclusion(Checkpoint checkpoint, java.util.Map<?, ?> proof, String entryHash) {
        long index = number(proof, "leafIndex");
        long size = number(proof, "treeSize");
        byte[] leaf = base64(proof.get("leafHash"), "leafHash");
        if (size != checkpoint.size()) {
            throw new Failure(
                    "the proof is for a tree of " + size + " entries, the checkpoint for " + checkpoint.size());
        }
        if (entryHash != null
                && !Arrays.equals(leaf, leafHash(HexFormat.of().parseHex(entryHash.replaceFirst("^sha256:", ""))))) {
            throw new Failure("the proof's leaf is not the entry with hash " + entryHash);
        }
        if (!verifyInclusion(leaf, index, size, hashes(proof), checkpoint.root())) {
            throw new Failure("entry " + (index + 1) + " is not in the tree the checkpoint signs");
        }
        return "entry " + (index + 1) + " is in " + describe(checkpoint);
    }

    static String consistency(Checkpoint older, Checkpoint newer, java.util.Map<?, ?> proof) {
        if (number(proof, "from") != older.size() || number(proof, "to") != newer.size()) {
            throw new Failure("the proof is not between the sizes of the two checkpoints");
        }
        if (!verifyConsistency(older.size(), newer.size(), older.root(), newer.root(), hashes(proof))) {
            throw new Failure("the newer checkpoint does not extend the older one: the log was rewritten or truncated");
        }
        return "the tree of " + newer.size() + " entries extends the tree of " + older.size() + " (" + older.origin()
                + ")";
    }

    /** The fields of a log entry, every one covered by its {@code hash} but the hash itself. */
    public static final List<String> ENTRY_FIELDS =
            List.of("sequence", "at", "actor", "action", "target", "details", "source", "eventId", "previousHash");
    /** The fields of an export that carry the proof; every other field is the content the manifest's hash binds. */
    public static final List<String> PROOF_FIELDS =
            List.of("checkpoint", "treeSize", "entries", "proofs", "manifest", "openings");
    /** The action of the log entry that seals an export. */
    public static final String SEALED = "export.sealed";

    /**
     * An export (an incident's case bundle, an outcomes or completions export), as {@code trustgov-…/v2} exports are
     * made: its {@code checkpoint} verifies with the keys; every entry in {@code entries} has exactly the fields its
     * {@code hash} covers and hashes (RFC 8785 canonical JSON, SHA-256) to it; {@code proofs[i]} proves entry i in the
     * checkpoint's tree; the {@code manifest} is a proved log entry ({@value #SEALED}) naming the export's format, the
     * sequence numbers of exactly the entries it carries, in order, and the SHA-256 of the canonical JSON of every
     * other field of the export (so nothing shown can be edited, added or dropped); and every record in {@code bound}
     * is the one its entry logged. Records under {@code unbound}, and keys without a witness, make the verdict
     * NOT PROVED.
     */
    public static Verdict bundle(String json, String verifierKeys) {
        java.util.Map<?, ?> export = object(json, "the export");
        if (!(export.get("checkpoint") instanceof String note)
                || !(export.get("entries") instanceof List<?> entries)
                || !(export.get("proofs") instanceof List<?> proofs)) {
            throw new Failure("the export has no checkpoint, entries and proofs");
        }
        if (!(export.get("manifest") instanceof java.util.Map<?, ?> manifest)) {
            throw new Failure("the export carries no manifest: nothing proves that it is complete and unedited "
                    + "(exports made before trustgov-…/v2 cannot be checked)");
        }
        Checkpoint checkpoint = checkpoint(note, verifierKeys);
        if (export.containsKey("treeSize")
                && !Json.canonical(export.get("treeSize")).equals(String.valueOf(checkpoint.size()))) {
            throw new Failure("the export's treeSize is not the checkpoint's size " + checkpoint.size());
        }
        if (entries.size() != proofs.size()) {
            throw new Failure(entries.size() + " entries but " + proofs.size() + " proofs");
        }
        List<String> sequences = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            if (!(entries.get(i) instanceof java.util.Map<?, ?> entry)
                    || !(proofs.get(i) instanceof java.util.Map<?, ?> proof)) {
                throw new Failure("entry " + i + " or its proof is not an object");
            }
            sequences.add(provedEntry(entry, proof, checkpoint));
        }
        if (!(manifest.get("entry") instanceof java.util.Map<?, ?> sealEntry)
                || !(manifest.get("proof") instanceof java.util.Map<?, ?> sealProof)) {
            throw new Failure("the manifest has no entry and proof");
        }
        String sealSequence = provedEntry(sealEntry, sealProof, checkpoint);
        if (!(sealEntry.get("details") instanceof java.util.Map<?, ?> seal)
                || !SEALED.equals(sealEntry.get("action"))) {
            throw new Failure("the manifest's entry " + sealSequence + " is not an " + SEALED + " entry");
        }
        if (!Json.canonical(export.get("format")).equals(Json.canonical(seal.get("format")))) {
            throw new Failure("the export says it is " + Json.canonical(export.get("format")) + ", the log sealed "
                    + Json.canonical(seal.get("format")));
        }
        String carried = "[" + String.join(",", sequences) + "]";
        if (!(seal.get("entries") instanceof List<?> sealed)
                || !Json.canonical(sealed).equals(carried)) {
            throw new Failure("the export carries entries " + carried + ", the log sealed it with entries "
                    + Json.canonical(seal.get("entries")) + ": entries were dropped, added or reordered");
        }
        java.util.Map<Object, Object> content = new java.util.LinkedHashMap<>(export);
        PROOF_FIELDS.forEach(content::remove);
        String contentHash = sha256Hex(Json.canonical(content));
        if (!contentHash.equals(seal.get("contentHash"))) {
            throw new Failure("the export's content is not what the log sealed in entry " + sealSequence
                    + ": a field was edited, added or removed after it was made");
        }
        int bound = bound(export, entries);
        List<String> reservations = new ArrayList<>(witnessReservations(verifierKeys));
        if (export.get("unbound") instanceof List<?> u && !u.isEmpty()) {
            reservations.add(
                    u.size() + " records under unbound are listed as the export was made but bound to no entry "
                            + "that recorded them");
        }
        String records = bound == 0 ? "" : ", " + bound + " records are the ones they logged";
        return new Verdict(
                entries.size() + " entries, each unchanged, are all in " + describe(checkpoint) + records
                        + ", and the export is complete and unedited as sealed in entry " + sealSequence,
                reservations);
    }

    /** Checks one entry and its proof; its sequence number as written (canonical JSON). */
    private static String provedEntry(java.util.Map<?, ?> entry, java.util.Map<?, ?> proof, Checkpoint checkpoint) {
        String sequence = Json.canonical(entry.get("sequence"));
        for (Object field : entry.keySet()) {
            if (!ENTRY_FIELDS.contains(field) && !"hash".equals(field)) {
                throw new Failure("entry " + sequence + " has a field its hash does not cover: " + field);
            }
        }
        java.util.Map<String, Object> content = new java.util.LinkedHashMap<>();
        for (String field : ENTRY_FIELDS) {
            if (!entry.containsKey(field)) {
                throw new Failure("entry " + sequence + " lacks its field " + field);
            }
            content.put(field, entry.get(field));
        }
        String hash = sha256Hex(Json.canonical(content));
        if (!hash.equals(entry.get("hash"))) {
            throw new Failure(
                    "entry " + sequence + "'s content does not match its hash: it was changed after it was logged");
        }
        if (!sequence.equals(Json.canonical(proof.get("sequence")))
                || !sequence.equals(String.valueOf(number(proof, "leafIndex") + 1))) {
            throw new Failure(
                    "the proof of entry " + sequence + " is for entry " + Json.canonical(proof.get("sequence")));
        }
        inclusion(checkpoint, proof, hash);
        return sequence;
    }

    private static String sha256Hex(String canonical) {
        return "sha256:" + HexFormat.of().formatHex(sha256().digest(canonical.getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * The export's {@code bound} records, if any: each {@code record} must be what entry {@code sequence} (one of
     * the export's, already proved) logged: its RFC 8785 SHA-256 hash in the detail {@code field} when a field is
     * named, otherwise field by field the entry's details of the same names.
     */
    private static int bound(java.util.Map<?, ?> export, List<?> entries) {
        if (!(export.get("bound") instanceof List<?> bound)) {
            return 0;
        }
        java.util.Map<String, java.util.Map<?, ?>> bySequence = new java.util.HashMap<>();
        entries.forEach(e ->
                bySequence.put(Json.canonical(((java.util.Map<?, ?>) e).get("sequence")), (java.util.Map<?, ?>) e));
        for (Object item : bound) {
            if (!(item instanceof java.util.Map<?, ?> binding)
                    || !(binding.get("record") instanceof java.util.Map<?, ?> record)) {
                throw new Failure("a bound record has no record and sequence");
            }
            java.util.Map<?, ?> entry =
                    binding.get("sequence") == null ? null : bySequence.get(Json.canonical(binding.get("sequence")));
            if (entry == null) {
                throw new Failure(
                        "a record is bound to entry " + binding.get("sequence") + ", which the export does not prove");
            }
            Object details = opened(entry.get("details"), export.get("openings"));
            boolean same;
            if (binding.get("field") instanceof String field) { // the entry logged the record's hash in this detail
                String hash = sha256Hex(Json.canonical(record));
                same = details instanceof java.util.Map<?, ?> d && hash.equals(d.get(field));
            } else { // every field of the record is the entry's detail of that name
                same = details instanceof java.util.Map<?, ?> d
                        && !record.isEmpty()
                        && record.entrySet().stream()
                                .allMatch(f -> d.containsKey(f.getKey())
                                        && Json.canonical(f.getValue()).equals(Json.canonical(d.get(f.getKey()))));
            }
            if (!same) {
                throw new Failure("the record bound to entry " + binding.get("sequence")
                        + (record.get("reference") == null ? "" : " (" + record.get("reference") + ")")
                        + " is not the one logged: it was changed");
            }
        }
        return bound.size();
    }

    /**
     * An entry's details with every sealed value the export opens replaced by its value (a sealed value is a personal
     * value encrypted under its record's key: {@code sealed:v1:<key id>:<nonce>:<ciphertext>}; the export's
     * {@code openings} give, for each one it shows, the value key {@code HMAC-SHA256(record key, nonce)}). A value
     * the export does not open, or whose record key was destroyed, stays sealed, so a record bound to it fails.
     */
    public static Object opened(Object details, Object openings) {
        if (!(details instanceof java.util.Map<?, ?> d) || !(openings instanceof java.util.Map<?, ?> keys)) {
            return details;
        }
        java.util.Map<Object, Object> opened = new java.util.LinkedHashMap<>();
        d.forEach((name, value) -> {
            String plain = value instanceof String sealed && keys.get(sealed) instanceof String key
                    ? openSealed(sealed, key)
                    : null;
            opened.put(name, plain != null ? plain : value);
        });
        return opened;
    }

    /** A sealed value opened with its value key, or {@code null} when the key does not open it (AES-256-GCM). */
    public static String openSealed(String sealed, String valueKey) {
        Matcher m = Pattern.compile("sealed:v1:([A-Za-z0-9_-]{22}):([A-Za-z0-9_-]{22}):([A-Za-z0-9_-]{22,2800})")
                .matcher(sealed);
        if (!m.matches()) {
            return null;
        }
        try {
            Base64.Decoder b64 = Base64.getUrlDecoder();
            javax.crypto.Cipher aes = javax.crypto.Cipher.getInstance("AES/GCM/NoPadding");
            aes.init(
                    javax.crypto.Cipher.DECRYPT_MODE,
                    new javax.crypto.spec.SecretKeySpec(b64.decode(valueKey), "AES"),
                    new javax.crypto.spec.GCMParameterSpec(128, Arrays.copyOf(b64.decode(m.group(2)), 12)));
            aes.updateAAD(m.group(1).getBytes(StandardCharsets.US_ASCII));
            return new String(aes.doFinal(b64.decode(m.group(3))), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException notOpened) {
            return null;
        }
    }

    /** Just enough JSON for exports: a reader, and the RFC 8785 (JCS) canonical form of what it read. */
    static final class Json {
        private final String text;
        private int at;

        Json(String text) {
            this.text = text;
        }

        Object document() {
            Object value = value(0);
            space();
            if (at != text.length()) {
                throw new IllegalArgumentException("text after the document at " + at);
            }
            return value;
        }

        private Object value(int depth) {
            if (depth > 64) {
                throw new IllegalArgumentException("nested too deeply");
            }
            space();
            char c = text.charAt(at);
            if (c == '{') {
                java.util.Map<String, Object> object = new java.util.LinkedHashMap<>();
                at++;
                space();
                if (text.charAt(at) == '}') {
                    at++;
                    return object;
                }
                do {
                    space();
                    String key = string();
                    space();
                    expect(':');
                    if (object.containsKey(key)) { // a reader that keeps the first would see another document
                        throw new IllegalArgumentException("the key \"" + key + "\" appears twice in one object");
                    }
                    object.put(key, value(depth + 1));
                    space();
                } while (text.charAt(at++) == ',');
                if (text.charAt(at - 1) != '}') {
                    throw new IllegalArgumentException("expected } at " + (at - 1));
                }
                return object;
            }
            if (c == '[') {
                List<Object> array = new ArrayList<>();
                at++;
                space();
                if (text.charAt(at) == ']') {
                    at++;
                    return array;
                }
                do {
                    array.add(value(depth + 1));
                    space();
                } while (text.charAt(at++) == ',');
                if (text.charAt(at - 1) != ']') {
                    throw new IllegalArgumentException("expected ] at " + (at - 1));
                }
                return array;
            }
            if (c == '"') {
                return string();
            }
            for (String literal : new String[] {"true", "false", "null"}) {
                if (text.startsWith(literal, at)) {
                    at += literal.length();
                    return literal.equals("null") ? NULL : Boolean.valueOf(literal);
                }
            }
            Matcher number = Pattern.compile("-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][+-]?[0-9]+)?")
                    .matcher(text)
                    .region(at, text.length());
            if (!number.lookingAt()) {
                throw new IllegalArgumentException("unexpected character at " + at);
            }
            at = number.end();
            return new java.math.BigDecimal(number.group());
        }

        private String string() {
            expect('"');
            StringBuilder out = new StringBuilder();
            while (true) {
                char c = text.charAt(at++);
                if (c == '"') {
                    return out.toString();
                }
                if (c != '\\') {
                    out.append(c);
                    continue;
                }
                char e = text.charAt(at++);
                switch (e) {
                    case 'b' -> out.append('\b');
                    case 'f' -> out.append('\f');
                    case 'n' -> out.append('\n');
                    case 'r' -> out.append('\r');
                    case 't' -> out.append('\t');
                    case 'u' -> {
                        out.append((char) Integer.parseInt(text.substring(at, at + 4), 16));
                        at += 4;
                    }
                    default -> out.append(e);
                }
            }
        }

        private void expect(char c) {
            if (text.charAt(at++) != c) {
                throw new IllegalArgumentException("expected " + c + " at " + (at - 1));
            }
        }

        private void space() {
            while (at < text.length() && " \t\r\n".indexOf(text.charAt(at)) >= 0) {
                at++;
            }
        }

        /** JSON null, as read (a map's null value would be indistinguishable from a missing field otherwise). */
        static final Object NULL = new Object();

        /** RFC 8785: keys sorted by UTF-16 code units, ECMAScript number and string forms, no white space. */
        static String canonical(Object value) {
            StringBuilder out = new StringBuilder();
            write(value, out);
            return out.toString();
        }

        private static void write(Object value, StringBuilder out) {
            if (value == null || value == NULL) {
                out.append("null");
            } else if (value instanceof Boolean b) {
                out.append(b);
            } else if (value instanceof java.math.BigDecimal n) {
                out.append(number(n));
            } else if (value instanceof String s) {
                out.append('"');
                for (char c : s.toCharArray()) {
                    switch (c) {
                        case '"' -> out.append("\\\"");
                        case '\\' -> out.append("\\\\");
                        case '\b' -> out.append("\\b");
                        case '\f' -> out.append("\\f");
                        case '\n' -> out.append("\\n");
                        case '\r' -> out.append("\\r");
                        case '\t' -> out.append("\\t");
                        default -> out.append(c < 0x20 ? String.format("\\u%04x", (int) c) : String.valueOf(c));
                    }
                }
                out.append('"');
            } else if (value instanceof List<?> list) {
                out.append('[');
                for (int i = 0; i < list.size(); i++) {
                    out.append(i > 0 ? "," : "");
                    write(list.get(i), out);
                }
                out.append(']');
            } else if (value instanceof java.util.Map<?, ?> map) {
                List<String> keys = new ArrayList<>();
                map.keySet().forEach(k -> keys.add((String) k));
                java.util.Collections.sort(keys);
                out.append('{');
                for (int i = 0; i < keys.size(); i++) {
                    out.append(i > 0 ? "," : "");
                    write(keys.get(i), out);
                    out.append(':');
                    write(map.get(keys.get(i)), out);
                }
                out.append('}');
            } else {
                throw new IllegalArgumentException("not a JSON value: " + value.getClass());
            }
        }

        /** ECMAScript's Number to String for the double the number is (RFC 8785 §3.2.2.3). */
        private static String number(java.math.BigDecimal n) {
            double d = n.doubleValue();
            if (d == 0) {
                return "0";
            }
            if (d == Math.rint(d) && Math.abs(d) < 1e21) {
                return new java.math.BigDecimal(d).toPlainString();
            }
            java.math.BigDecimal shortest = new java.math.BigDecimal(Double.toString(d)).stripTrailingZeros();
            int exponent = shortest.precision() - shortest.scale() - 1;
            if (exponent >= -6 && exponent < 21) {
                return shortest.toPlainString();
            }
            String digits = shortest.unscaledValue().abs().toString();
            String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
            return (d < 0 ? "-" : "") + mantissa + "e" + (exponent > 0 ? "+" : "") + exponent;
        }
    }

    public static byte[] leafHash(byte[] entry) {
        MessageDigest sha256 = sha256();
        sha256.update((byte) 0x00);
        return sha256.digest(entry);
    }

    public static byte[] nodeHash(byte[] left, byte[] right) {
        MessageDigest sha256 = sha256();
        sha256.update((byte) 0x01);
        sha256.update(left);
        return sha256.digest(right);
    }

    /** RFC 9162 §2.1.3.2. */
    public static boolean verifyInclusion(byte[] leafHash, long index, long size, List<byte[]> proof, byte[] root) {
        if (index < 0 || index >= size) {
            return false;
        }
        long fn = index;
        long sn = size - 1;
        byte[] r = leafHash;
        for (byte[] p : proof) {
            if (sn == 0) {
                return false;
            }
            if ((fn & 1) == 1 || fn == sn) {
                r = nodeHash(p, r);
                while ((fn & 1) == 0 && fn != 0) {
                    fn >>= 1;
                    sn >>= 1;
                }
            } else {
                r = nodeHash(r, p);
            }
            fn >>= 1;
            sn >>= 1;
        }
        return sn == 0 && Arrays.equals(r, root);
    }

    /** RFC 9162 §2.1.4.2, with the empty tree and equal sizes as transparency-dev/merkle treats them. */
    public static boolean verifyConsistency(long first, long size, byte[] firstRoot, byte[] root, List<byte[]> proof) {
        if (first < 0 || first > size) {
            return false;
        }
        if (first == size) {
            return proof.isEmpty() && Arrays.equals(firstRoot, root);
        }
        if (first == 0) {
            return proof.isEmpty();
        }
        if (proof.isEmpty()) {
            return false;
        }
        List<byte[]> path = new ArrayList<>(proof);
        if (Long.bitCount(first) == 1) {
            path.add(0, firstRoot);
        }
        long fn = first - 1;
        long sn = size - 1;
        while ((fn & 1) == 1) {
            fn >>= 1;
            sn >>= 1;
        }
        byte[] fr = path.get(0);
        byte[] sr = path.get(0);
        for (byte[] c : path.subList(1, path.size())) {
            if (sn == 0) {
                return false;
            }
            if ((fn & 1) == 1 || fn == sn) {
                fr = nodeHash(c, fr);
                sr = nodeHash(c, sr);
                while ((fn & 1) == 0 && fn != 0) {
                    fn >>= 1;
                    sn >>= 1;
                }
            } else {
                sr = nodeHash(sr, c);
            }
            fn >>= 1;
            sn >>= 1;
        }
        return sn == 0 && Arrays.equals(fr, firstRoot) && Arrays.equals(sr, root);
    }

    /** The signed-note key ID: the first four bytes of SHA-256(name || 0x0A || 0x01 || Ed25519 public key). */
    public static byte[] keyId(String name, byte[] rawPublicKey) {
        return keyId(name, ED25519, rawPublicKey);
    }

    /** The key ID for a signature type: 0x01 for a note signature, 0x04 for a C2SP tlog-cosignature/v1. */
    public static byte[] keyId(String name, byte type, byte[] rawPublicKey) {
        MessageDigest sha256 = sha256();
        sha256.update(name.getBytes(StandardCharsets.UTF_8));
        sha256.update((byte) '\n');
        sha256.update(type);
        return Arrays.copyOf(sha256.digest(rawPublicKey), 4);
    }

    /** The message a witness signs (C2SP tlog-cosignature, Ed25519): a header, the time, then the note's text. */
    public static byte[] cosignedMessage(String text, long timestamp) {
        return ("cosignature/v1\ntime " + timestamp + "\n" + text).getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Whether {@code note} carries a valid signature of its text by every key {@code verifierKeys} names (one
     * verifier key, or several separated by commas): Ed25519 note signatures (type 0x01, the log's) and Ed25519
     * cosignatures (type 0x04, a witness's; timestamped, over {@code cosignature/v1}).
     */
    public static boolean verifyNote(String note, String verifierKeys) {
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
     * else it carries); otherwise why not.
     */
    static String signatureProblem(String note, String verifierKey) {
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
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    /** The JDK public key of a raw 32-byte Ed25519 key. */
    public static PublicKey publicKey(byte[] raw) throws GeneralSecurityException {
        byte[] encoded = Arrays.copyOf(X509_PREFIX, X509_PREFIX.length + 32);
        System.arraycopy(raw, 0, encoded, X509_PREFIX.length, 32);
        return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(encoded));
    }

    private static String describe(Checkpoint c) {
        return "the checkpoint of " + c.origin() + " at " + c.size() + " entries, root "
                + Base64.getEncoder().encodeToString(c.root());
    }

    /** A JSON document that must be an object. */
    private static java.util.Map<?, ?> object(String json, String what) {
        Object parsed;
        try {
            parsed = new Json(json).document();
        } catch (RuntimeException e) {
            throw new Failure(what + " is not JSON: " + e.getMessage());
        }
        if (!(parsed instanceof java.util.Map<?, ?> object)) {
            throw new Failure(what + " is not a JSON object");
        }
        return object;
    }

    private static long number(java.util.Map<?, ?> proof, String name) {
        try {
            if (proof.get(name) instanceof java.math.BigDecimal n && n.signum() >= 0) {
                return n.longValueExact();
            }
        } catch (ArithmeticException notAWholeNumberALongHolds) {
            // reported below
        }
        throw new Failure("the proof has no " + name + " (a whole number)");
    }

    private static byte[] base64(Object value, String name) {
        try {
            if (value instanceof String text) {
                return Base64.getDecoder().decode(text);
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        throw new Failure("the proof's " + name + " is not base64");
    }

    private static List<byte[]> hashes(java.util.Map<?, ?> proof) {
        if (!(proof.get("hashes") instanceof List<?> hashes)) {
            throw new Failure("the proof has no hashes");
        }
        List<byte[]> decoded = new ArrayList<>();
        hashes.forEach(h -> decoded.add(base64(h, "hashes")));
        return decoded;
    }

    private static String read(String file) {
        try {
            return Files.readString(Path.of(file), StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new Failure("cannot read " + file + ": " + e.getMessage());
        }
    }

    private static void need(String[] args, int count) {
        if (args.length < count) {
            throw new Failure("too few arguments for " + args[0] + " (see the file's comment)");
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** A verification that did not hold, with why. */
    public static final class Failure extends RuntimeException {
        Failure(String message) {
            super(message);
        }
    }
}
