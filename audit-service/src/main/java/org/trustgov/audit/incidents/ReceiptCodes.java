package org.trustgov.audit.incidents;

import java.security.SecureRandom;
import java.util.Locale;
import org.trustgov.problem.BadRequestException;
import org.trustgov.transparency.CanonicalHash;

/**
 * The receipt code a confidential reporter is given once: 160 random bits written as 32 characters of Crockford's
 * base 32 in groups of four ({@code 7KQ2-M9XA-…}), easy to copy down. Only its SHA-256 is stored; with 160 random
 * bits no slow hash is needed (no one can try enough codes), and a code is found by its hash, so a wrong code and
 * a code that never existed take the same path to the same 404.
 */
public final class ReceiptCodes {

    /** Crockford's base 32: no I, L, O or U, so a code read aloud or copied by hand is not misread. */
    private static final char[] ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();

    static final int BITS = 160;
    static final int LENGTH = BITS / 5;

    private static final SecureRandom RANDOM = new SecureRandom();

    private ReceiptCodes() {}

    /** A new code, grouped for reading. */
    static String next() {
        byte[] bytes = new byte[BITS / 8];
        RANDOM.nextBytes(bytes);
        StringBuilder code = new StringBuilder(LENGTH + LENGTH / 4);
        int buffer = 0;
        int bits = 0;
        int written = 0;
        for (byte b : bytes) {
            buffer = (buffer << 8) | (b & 0xff);
            bits += 8;
            while (bits >= 5) {
                if (written > 0 && written % 4 == 0) {
                    code.append('-');
                }
                code.append(ALPHABET[(buffer >> (bits - 5)) & 31]);
                bits -= 5;
                written++;
            }
        }
        return code.toString();
    }

    /**
     * What is stored of a code: the SHA-256 of its 32 characters, whatever case, spaces or dashes it was typed with
     * (and O, I and L read as 0, 1 and 1, as Crockford's base 32 does). 400 naming {@code field} for anything that
     * cannot be a code at all.
     */
    static String hash(String typed, String field) {
        if (typed == null || typed.length() > 100) {
            throw new BadRequestException(field, "must be the 32-character receipt code you were given");
        }
        StringBuilder code = new StringBuilder(LENGTH);
        for (char c : typed.toUpperCase(Locale.ROOT).toCharArray()) {
            if (c == '-' || c == ' ') {
                continue;
            }
            char read = c == 'O' ? '0' : c == 'I' || c == 'L' ? '1' : c;
            if (new String(ALPHABET).indexOf(read) < 0) {
                throw new BadRequestException(field, "must be the 32-character receipt code you were given");
            }
            code.append(read);
        }
        if (code.length() != LENGTH) {
            throw new BadRequestException(field, "must be the 32-character receipt code you were given");
        }
        return CanonicalHash.sha256Of("receipt:" + code);
    }
}
