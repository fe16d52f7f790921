package org.trustgov.transparency;

import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A C2SP tlog-checkpoint in a C2SP signed note, read strictly: the origin, the size in decimal without leading
 * zeros (below 2^63), the root hash in canonical base64 of exactly 32 bytes, optional extension lines, none empty;
 * then one blank line and at least one well-formed signature line, the note ending with a newline. Anything else is
 * refused before a signature is looked at. The offline verifier ({@code verifier/Verify.java}) reads checkpoints
 * the same way, and a test holds the two to the same answers.
 */
public record SignedCheckpoint(String origin, long size, byte[] root) {

    /** The most signature lines a note may carry. */
    public static final int MAX_SIGNATURES = 100;

    private static final Pattern SIZE = Pattern.compile("0|[1-9][0-9]{0,18}");
    private static final Pattern ROOT = Pattern.compile("[A-Za-z0-9+/]{43}=");
    private static final Pattern SIGNATURE_LINE = Pattern.compile("\u2014 ([^ +\\n]+) ([A-Za-z0-9+/]+={0,2})");

    /** A checkpoint refused, with why. */
    public static final class InvalidCheckpointException extends IllegalArgumentException {
        InvalidCheckpointException(String reason) {
            super(reason);
        }
    }

    /** The checkpoint, once every key of {@code verifierKeys} has a valid signature on it and none an invalid one. */
    public static SignedCheckpoint verified(String note, String verifierKeys) {
        SignedCheckpoint checkpoint = parse(note);
        for (String key : verifierKeys.split(",")) {
            String problem = SignedNotes.signatureProblem(note, key);
            if (problem != null) {
                throw new InvalidCheckpointException(problem);
            }
        }
        return checkpoint;
    }

    /** The checkpoint's fields, read strictly; its signatures are not checked here. */
    public static SignedCheckpoint parse(String note) {
        int split = note == null ? -1 : note.indexOf("\n\n");
        if (split < 0 || split != note.lastIndexOf("\n\n") || !note.endsWith("\n")) {
            throw new InvalidCheckpointException(
                    "the checkpoint is not a signed note: its text, one blank line, its signature lines, ending with a newline");
        }
        for (int i = 0; i < note.length(); i++) {
            char c = note.charAt(i);
            if (c < 0x20 && c != '\n' || c == 0x7f) {
                throw new InvalidCheckpointException("the checkpoint holds a control character at " + i);
            }
        }
        if (!CanonicalHash.isWellFormed(note)) {
            throw new InvalidCheckpointException("the checkpoint holds text that is not valid Unicode");
        }
        String[] lines = note.substring(0, split).split("\n", -1);
        if (lines.length < 3 || lines[0].isEmpty()) {
            throw new InvalidCheckpointException("the checkpoint's text is not origin, size and root hash lines");
        }
        if (!SIZE.matcher(lines[1]).matches()) {
            throw new InvalidCheckpointException("the checkpoint's size is not a decimal number without leading zeros");
        }
        long size;
        try {
            size = Long.parseLong(lines[1]);
        } catch (NumberFormatException e) {
            throw new InvalidCheckpointException("the checkpoint's size is past 2^63 - 1");
        }
        byte[] root = ROOT.matcher(lines[2]).matches() ? Base64.getDecoder().decode(lines[2]) : null;
        if (root == null
                || root.length != 32
                || !Base64.getEncoder().encodeToString(root).equals(lines[2])) {
            throw new InvalidCheckpointException("the checkpoint's root hash is not 32 bytes in canonical base64");
        }
        String[] signatures = note.substring(split + 2, note.length() - 1).split("\n", -1);
        if (signatures.length > MAX_SIGNATURES) {
            throw new InvalidCheckpointException(
                    "the checkpoint carries more than " + MAX_SIGNATURES + " signature lines");
        }
        for (String line : signatures) {
            Matcher signature = SIGNATURE_LINE.matcher(line);
            if (!signature.matches() || decodedLength(signature.group(2)) < 5) {
                throw new InvalidCheckpointException(
                        "the checkpoint has a signature line that is not \"\u2014 <name> <base64 key id and signature>\"");
            }
        }
        return new SignedCheckpoint(lines[0], size, root);
    }

    /** The note's text: everything up to and including the newline before the blank line. */
    public static String text(String note) {
        return note.substring(0, note.indexOf("\n\n") + 1);
    }

    private static int decodedLength(String base64) {
        try {
            return Base64.getDecoder().decode(base64).length;
        } catch (IllegalArgumentException e) {
            return -1;
        }
    }
}
