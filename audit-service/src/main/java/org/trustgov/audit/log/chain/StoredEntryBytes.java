package org.trustgov.audit.log.chain;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.bson.RawBsonDocument;
import org.trustgov.audit.log.chain.ChainVerifier.Stored;
import org.trustgov.transparency.CanonicalHash;
import org.trustgov.transparency.LogEntries;

/**
 * Reads a stored log entry from its BSON bytes, as the store sent them, and recomputes its hash from those bytes: the
 * RFC 8785 form of the hashed fields is written straight from the bytes and hashed, without decoding the entry into
 * Java values and rendering those (a full verification reads a million entries; the decoding and the rendering were
 * most of its work on the service's side).
 *
 * <p>Only plain values are read this way: text, numbers, true and false, null, documents and arrays, and the entry's
 * time. An entry holding anything else (another kind of value, a nested key that is not ASCII or starts with
 * {@code $}, a key twice, nesting deeper than {@link #MOST_NESTED}, bytes that are not well-formed BSON) is read as
 * before, by {@link StoredEntryCodec} and {@link LogEntries#hash}, so every entry hashes exactly as it did: what the
 * entry's values are, and how RFC 8785 writes them, is unchanged. Text that is not ASCII is decoded and written as
 * before, one string at a time.
 */
final class StoredEntryBytes {

    /** Nested deeper than this, an entry is read as before. */
    static final int MOST_NESTED = 32;

    private static final byte DOUBLE = 0x01;
    private static final byte STRING = 0x02;
    private static final byte DOCUMENT = 0x03;
    private static final byte ARRAY = 0x04;
    private static final byte BOOLEAN = 0x08;
    private static final byte DATE_TIME = 0x09;
    private static final byte NULL = 0x0A;
    private static final byte INT32 = 0x10;
    private static final byte INT64 = 0x12;

    /** The hashed fields in RFC 8785 member order, and each one's {@code "name":} as written. */
    private static final List<String> MEMBERS = LogEntries.MEMBER_ORDER;

    private static final byte[][] MEMBER_NAMES = MEMBERS.stream()
            .map(name -> ("\"" + name + "\":").getBytes(StandardCharsets.US_ASCII))
            .toArray(byte[][]::new);

    private static final int SEQUENCE = MEMBERS.indexOf("sequence");
    private static final int AT = MEMBERS.indexOf("at");
    private static final int PREVIOUS_HASH = MEMBERS.indexOf("previousHash");

    /** Integers up to this size are written as their digits (as RFC 8785 writes them as numbers). */
    private static final long EXACT_IN_DOUBLE = 1L << 53;

    /** One buffer per thread for the canonical form: the verification hashes a batch on every core. */
    private static final ThreadLocal<Reading> READINGS = ThreadLocal.withInitial(Reading::new);

    private final StoredEntryCodec asBefore;

    /** @param asBefore how an entry that is not plain is read */
    StoredEntryBytes(StoredEntryCodec asBefore) {
        this.asBefore = asBefore;
    }

    /** The entry the bytes hold, its hash recomputed from its content. */
    Stored read(RawBsonDocument raw) {
        Stored plain = plain(raw);
        return plain != null ? plain : raw.decode(asBefore);
    }

    /** The entry read from its bytes, or {@code null} when it is not plain. */
    static Stored plain(RawBsonDocument raw) {
        ByteBuffer bytes = raw.getByteBuffer().asNIO();
        return bytes.hasArray()
                ? READINGS.get().entry(bytes.array(), bytes.arrayOffset() + bytes.position(), bytes.remaining())
                : null;
    }

    /** An entry this class does not read: it is read as before. */
    private static final class NotPlain extends RuntimeException {

        static final NotPlain INSTANCE = new NotPlain();

        private NotPlain() {
            super(null, null, false, false);
        }
    }

    /** One thread's reading: the entry's bytes and the canonical form being written. */
    private static final class Reading {

        private byte[] in;
        private int limit;
        private byte[] out = new byte[1_024];
        private int written;
        private final int[] valueAt = new int[MEMBERS.size()];
        private final byte[] typeOf = new byte[MEMBERS.size()];

        /** The entry, or {@code null} when it is not plain. */
        Stored entry(byte[] bytes, int offset, int length) {
            in = bytes;
            limit = offset + length;
            written = 0;
            try {
                return entry(offset);
            } catch (NotPlain | IndexOutOfBoundsException | IllegalArgumentException notPlain) {
                return null;
            } finally {
                in = null;
            }
        }

        private Stored entry(int start) {
            int end = documentEnd(start);
            java.util.Arrays.fill(typeOf, (byte) 0);
            long sequence = 0;
            boolean numbered = false;
            String hash = null;
            boolean hashed = false;
            int p = start + 4;
            while (p < end - 1) {
                byte type = in[p++];
                int nameEnd = cstringEnd(p);
                int field = member(p, nameEnd);
                boolean id = field < 0 && is("_id", p, nameEnd);
                boolean storedHash = field < 0 && !id && is("hash", p, nameEnd);
                p = nameEnd + 1;
                if (id) {
                    if (numbered) {
                        throw NotPlain.INSTANCE;
                    }
                    numbered = true;
                    sequence = switch (type) {
                        case INT32 -> int32(p);
                        case INT64 -> int64(p);
                        default -> throw NotPlain.INSTANCE;
                    };
                } else if (storedHash) {
                    if (hashed || type != STRING) {
                        throw NotPlain.INSTANCE;
                    }
                    hashed = true;
                    hash = javaString(p);
                } else if (field >= 0 && field != SEQUENCE) { // the number is the one stored under, always
                    if (typeOf[field] != 0) {
                        throw NotPlain.INSTANCE;
                    }
                    typeOf[field] = type;
                    valueAt[field] = p;
                }
                p = next(type, p);
            }
            if (p != end - 1 || !numbered || !hashed) {
                throw NotPlain.INSTANCE;
            }
            String previousHash = switch (typeOf[PREVIOUS_HASH]) {
                case 0, NULL -> null;
                case STRING -> javaString(valueAt[PREVIOUS_HASH]);
                default -> throw NotPlain.INSTANCE;
            };
            put((byte) '{');
            for (int member = 0; member < MEMBERS.size(); member++) {
                if (member > 0) {
                    put((byte) ',');
                }
                put(MEMBER_NAMES[member]);
                if (member == SEQUENCE) {
                    number(sequence);
                } else if (member == AT && typeOf[AT] == DATE_TIME) {
                    ascii('"' + Instant.ofEpochMilli(int64(valueAt[AT])).toString() + '"');
                } else if (typeOf[member] == 0) {
                    ascii("null");
                } else {
                    value(typeOf[member], valueAt[member], 0);
                }
            }
            put((byte) '}');
            return new Stored(sequence, hash, previousHash, CanonicalHash.sha256Of(out, written));
        }

        private void value(byte type, int p, int depth) {
            switch (type) {
                case STRING -> string(p);
                case INT32 -> number(int32(p));
                case INT64 -> number(int64(p));
                case DOUBLE -> number(Double.longBitsToDouble(int64(p)));
                case BOOLEAN ->
                    ascii(
                            switch (in[p]) {
                                case 0 -> "false";
                                case 1 -> "true";
                                default -> throw NotPlain.INSTANCE;
                            });
                case NULL -> ascii("null");
                case DOCUMENT -> document(p, depth + 1);
                case ARRAY -> array(p, depth + 1);
                default -> throw NotPlain.INSTANCE;
            }
        }

        /** A nested document, its members sorted by name (ASCII names: byte order is UTF-16 order). */
        private void document(int start, int depth) {
            if (depth > MOST_NESTED) {
                throw NotPlain.INSTANCE;
            }
            int end = documentEnd(start);
            int count = 0;
            int[] names = new int[8]; // name start, name end, type, value: four ints a member
            int p = start + 4;
            while (p < end - 1) {
                byte type = in[p++];
                int nameEnd = cstringEnd(p);
                if (nameEnd > p && in[p] == '$') {
                    throw NotPlain.INSTANCE; // the driver reads {$ref, $id} as a reference
                }
                for (int i = p; i < nameEnd; i++) {
                    if (in[i] < 0) {
                        throw NotPlain.INSTANCE;
                    }
                }
                if (4 * count + 4 > names.length) {
                    names = java.util.Arrays.copyOf(names, names.length * 2);
                }
                names[4 * count] = p;
                names[4 * count + 1] = nameEnd;
                names[4 * count + 2] = type;
                names[4 * count + 3] = nameEnd + 1;
                count++;
                p = next(type, nameEnd + 1);
            }
            if (p != end - 1) {
                throw NotPlain.INSTANCE;
            }
            int[] order = sortedByName(names, count);
            put((byte) '{');
            for (int i = 0; i < count; i++) {
                int member = order[i];
                if (i > 0) {
                    put((byte) ',');
                }
                asciiString(names[4 * member], names[4 * member + 1]); // ASCII, as checked above
                put((byte) ':');
                value((byte) names[4 * member + 2], names[4 * member + 3], depth);
            }
            put((byte) '}');
        }

        private int[] sortedByName(int[] names, int count) {
            int[] order = new int[count];
            for (int i = 0; i < count; i++) {
                int j = i;
                while (j > 0 && compareNames(names, order[j - 1], i) > 0) {
                    order[j] = order[j - 1];
                    j--;
                }
                order[j] = i;
                if (j > 0 && compareNames(names, order[j - 1], i) == 0) {
                    throw NotPlain.INSTANCE; // a name twice: the driver keeps the last, in the first one's place
                }
            }
            return order;
        }

        private int compareNames(int[] names, int a, int b) {
            return java.util.Arrays.compare(in, names[4 * a], names[4 * a + 1], in, names[4 * b], names[4 * b + 1]);
        }

        private void array(int start, int depth) {
            if (depth > MOST_NESTED) {
                throw NotPlain.INSTANCE;
            }
            int end = documentEnd(start);
            int p = start + 4;
            put((byte) '[');
            boolean first = true;
            while (p < end - 1) {
                byte type = in[p++];
                p = cstringEnd(p) + 1; // the element's index, which the list does not keep
                if (!first) {
                    put((byte) ',');
                }
                first = false;
                value(type, p, depth);
                p = next(type, p);
            }
            if (p != end - 1) {
                throw NotPlain.INSTANCE;
            }
            put((byte) ']');
        }

        /** Where the value of {@code type} at {@code p} ends. */
        private int next(byte type, int p) {
            int next = switch (type) {
                case DOUBLE, DATE_TIME, INT64 -> p + 8;
                case INT32 -> p + 4;
                case BOOLEAN -> p + 1;
                case NULL -> p;
                case STRING -> p + 4 + stringLength(p);
                case DOCUMENT, ARRAY -> documentEnd(p);
                default -> throw NotPlain.INSTANCE;
            };
            if (next > limit) {
                throw NotPlain.INSTANCE;
            }
            return next;
        }

        /** A string as RFC 8785 writes it: ASCII escaped here, anything else as {@link CanonicalHash} writes it. */
        private void string(int p) {
            int from = p + 4;
            int to = from + stringLength(p) - 1;
            int before = written;
            if (!asciiString(from, to)) {
                written = before;
                StringBuilder text = new StringBuilder(to - from + 8);
                CanonicalHash.appendCanonicalJson(new String(in, from, to - from, StandardCharsets.UTF_8), text);
                put(text.toString().getBytes(StandardCharsets.UTF_8));
            }
        }

        /**
         * Writes the bytes from {@code from} to {@code to} as an RFC 8785 string, runs that need no escape copied
         * whole; {@code false}, part written, at the first byte that is not ASCII.
         */
        private boolean asciiString(int from, int to) {
            ensure(to - from + 2);
            out[written++] = '"';
            int run = from;
            for (int i = from; i < to; i++) {
                byte c = in[i];
                if (c >= 0x20 && c != '"' && c != '\\') {
                    continue;
                }
                if (c < 0) {
                    return false;
                }
                put(in, run, i);
                run = i + 1;
                ascii(CanonicalHash.escape((char) c));
            }
            put(in, run, to);
            put((byte) '"');
            return true;
        }

        /** The length of the string at {@code p}, its closing zero included, checked as the driver checks it. */
        private int stringLength(int p) {
            int length = int32(p);
            if (length < 1 || length > limit - p - 4 || in[p + 4 + length - 1] != 0) { // no sum that overflows
                throw NotPlain.INSTANCE;
            }
            return length;
        }

        private String javaString(int p) {
            return new String(in, p + 4, stringLength(p) - 1, StandardCharsets.UTF_8);
        }

        private void number(long value) {
            if (-EXACT_IN_DOUBLE <= value && value <= EXACT_IN_DOUBLE) {
                ascii(Long.toString(value));
            } else {
                number((double) value);
            }
        }

        /** Refuses NaN and the infinities ({@link IllegalArgumentException}: not plain). */
        private void number(double value) {
            ascii(CanonicalHash.number(value));
        }

        private int documentEnd(int start) {
            int size = int32(start);
            if (size < 5 || size > limit - start || in[start + size - 1] != 0) {
                throw NotPlain.INSTANCE;
            }
            return start + size;
        }

        private int cstringEnd(int p) {
            for (int i = p; i < limit; i++) {
                if (in[i] == 0) {
                    return i;
                }
            }
            throw NotPlain.INSTANCE;
        }

        /** The hashed field named by the bytes, or -1. */
        private int member(int from, int to) {
            for (int member = 0; member < MEMBERS.size(); member++) {
                if (is(MEMBERS.get(member), from, to)) {
                    return member;
                }
            }
            return -1;
        }

        private boolean is(String name, int from, int to) {
            if (to - from != name.length()) {
                return false;
            }
            for (int i = 0; i < name.length(); i++) {
                if (in[from + i] != name.charAt(i)) {
                    return false;
                }
            }
            return true;
        }

        private int int32(int p) {
            if (p + 4 > limit) {
                throw NotPlain.INSTANCE;
            }
            return (in[p] & 0xff) | (in[p + 1] & 0xff) << 8 | (in[p + 2] & 0xff) << 16 | (in[p + 3] & 0xff) << 24;
        }

        private long int64(int p) {
            return (int32(p) & 0xffffffffL) | ((long) int32(p + 4)) << 32;
        }

        private void ascii(String text) {
            for (int i = 0; i < text.length(); i++) {
                put((byte) text.charAt(i));
            }
        }

        private void put(byte[] bytes) {
            put(bytes, 0, bytes.length);
        }

        private void put(byte[] bytes, int from, int to) {
            ensure(to - from);
            System.arraycopy(bytes, from, out, written, to - from);
            written += to - from;
        }

        private void put(byte b) {
            ensure(1);
            out[written++] = b;
        }

        private void ensure(int more) {
            if (written + more > out.length) {
                out = java.util.Arrays.copyOf(out, Math.max(out.length * 2, written + more));
            }
        }
    }
}
