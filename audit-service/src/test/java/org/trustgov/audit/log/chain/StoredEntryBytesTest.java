package org.trustgov.audit.log.chain;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.MongoClientSettings;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.bson.BsonBinaryWriter;
import org.bson.Document;
import org.bson.RawBsonDocument;
import org.bson.codecs.DocumentCodec;
import org.bson.codecs.configuration.CodecRegistry;
import org.bson.io.BasicOutputBuffer;
import org.bson.types.Binary;
import org.bson.types.Decimal128;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;
import org.trustgov.audit.log.chain.ChainVerifier.Stored;

/**
 * An entry read from its stored bytes gives what the decoding reader ({@link StoredEntryCodec}) gives: the same
 * number, stored hashes and recomputed hash, for entries the log wrote, for thousands of random plain ones, and (by
 * falling back to that reader) for every entry it does not read itself.
 */
class StoredEntryBytesTest {

    private static final CodecRegistry CODECS = MongoClientSettings.getDefaultCodecRegistry();
    private static final StoredEntryCodec AS_BEFORE = new StoredEntryCodec(CODECS);
    private static final StoredEntryBytes READER = new StoredEntryBytes(AS_BEFORE);

    @Test
    void entriesTheLogWroteAreReadFromTheirBytesAndHashAsTheyWereHashed() {
        AuditEntry previous = null;
        for (int i = 0; i < 20; i++) {
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("note", "é ✓ \"quoted\" back\\slash\ttab 😀");
            details.put("n", i);
            details.put("big", 9_007_199_254_740_993L + i);
            details.put("ratio", i / 3.0);
            details.put("Zeta", List.of("a", 1, List.of(true, false), Map.of("y", "z", "B", "c")));
            details.put("nested", Map.of("deeper", Map.of("deepest", "x"), "empty", Map.of()));
            previous = AuditEntry.after(
                    previous,
                    Instant.parse("2026-12-06T10:00:00.123Z").plusSeconds(i),
                    AuditRecord.of("staff:10000004", "incident.triaged", "SMB-2026-0000" + i, details));
            RawBsonDocument stored = asStored(previous);

            Stored plain = StoredEntryBytes.plain(stored);

            assertThat(plain).isNotNull();
            assertThat(plain.recomputed()).isEqualTo(previous.getHash());
            assertThat(plain.sequence()).isEqualTo(i + 1);
            assertThat(plain.hash()).isEqualTo(previous.getHash());
            assertThat(plain.previousHash()).isEqualTo(previous.getPreviousHash());
            assertThat(plain).isEqualTo(stored.decode(AS_BEFORE));
        }
    }

    @Test
    void randomPlainEntriesReadFromTheirBytesAsTheDecodingReaderReadsThem() {
        Random random = new Random(20261206);
        for (int i = 0; i < 3_000; i++) {
            Document entry = new Document("_id", random.nextBoolean() ? (Object) (long) i : (Object) i)
                    .append("at", new Date(random.nextLong() % 4_000_000_000_000L))
                    .append("actor", text(random))
                    .append("_class", "org.trustgov.audit.log.chain.AuditEntry")
                    .append("action", text(random))
                    .append("target", random.nextInt(10) == 0 ? null : text(random))
                    .append("details", document(random, 0))
                    .append("eventId", random.nextInt(10) == 0 ? plainValue(random, 3) : text(random))
                    .append("previousHash", random.nextInt(10) == 0 ? null : "sha256:" + text(random))
                    .append("hash", "sha256:" + i);
            if (random.nextBoolean()) {
                entry.remove("source");
            } else {
                entry.append("source", plainValue(random, 2));
            }
            RawBsonDocument stored = new RawBsonDocument(entry, new DocumentCodec(CODECS));

            Stored plain = StoredEntryBytes.plain(stored);

            assertThat(plain).as("entry %s", entry.toJson()).isNotNull();
            assertThat(plain).as("entry %s", entry.toJson()).isEqualTo(stored.decode(AS_BEFORE));
        }
    }

    @Test
    void entriesHoldingAnythingElseAreReadAsBeforeAndHashTheSame() {
        List<Document> odd = List.of(
                entry().append("details", new Document("id", new ObjectId())),
                entry().append("details", new Document("when", new Date(0))),
                entry().append("details", new Document("amount", new Decimal128(5))),
                entry().append("details", new Document("blob", new Binary(new byte[] {1, 2}))),
                entry().append("details", new Document("ref", new Document("$ref", "x").append("$id", 1))),
                entry().append("details", new Document("ratio", Double.NaN)),
                entry().append("details", nested(StoredEntryBytes.MOST_NESTED + 5)),
                entry().append("source", new Date(0)),
                entry().append("_id", "not a number"),
                entry().append("hash", 42),
                entryWithout("hash"));
        for (Document entry : odd) {
            RawBsonDocument stored = new RawBsonDocument(entry, new DocumentCodec(CODECS));

            assertThat(StoredEntryBytes.plain(stored))
                    .as("entry %s", entry.toJson())
                    .isNull();
            assertThat(READER.read(stored)).as("entry %s", entry.toJson()).isEqualTo(stored.decode(AS_BEFORE));
        }
        Document deepButAllowed = entry().append("details", nested(StoredEntryBytes.MOST_NESTED - 1));
        RawBsonDocument stored = new RawBsonDocument(deepButAllowed, new DocumentCodec(CODECS));
        assertThat(StoredEntryBytes.plain(stored)).isNotNull().isEqualTo(stored.decode(AS_BEFORE));
    }

    @Test
    void aKeyTwiceIsReadAsBeforeAndTextThatIsNotUtf8IsDecodedAsBefore() {
        BasicOutputBuffer twice = new BasicOutputBuffer();
        try (BsonBinaryWriter writer = new BsonBinaryWriter(twice)) {
            writer.writeStartDocument();
            writer.writeInt64("_id", 7);
            writer.writeString("actor", "a");
            writer.writeStartDocument("details");
            writer.writeString("k", "first");
            writer.writeString("k", "second");
            writer.writeEndDocument();
            writer.writeString("hash", "sha256:x");
            writer.writeEndDocument();
        }
        RawBsonDocument keyTwice = new RawBsonDocument(twice.toByteArray());
        assertThat(StoredEntryBytes.plain(keyTwice)).isNull();
        assertThat(READER.read(keyTwice)).isEqualTo(keyTwice.decode(AS_BEFORE));

        byte[] bytes = bytesOf(entry().append("actor", "ab\u00e9cd"));
        int e9 = indexOf(bytes, (byte) 0xc3);
        bytes[e9 + 1] = (byte) 0x28; // 0xc3 0x28: not UTF-8
        RawBsonDocument notUtf8 = new RawBsonDocument(bytes);
        assertThat(StoredEntryBytes.plain(notUtf8)).isNotNull().isEqualTo(notUtf8.decode(AS_BEFORE));
    }

    @Test
    void bytesThatAreNotAWholeDocumentAreNotReadFromTheirBytes() {
        byte[] bytes = bytesOf(entry());
        int actorLength = indexOf(bytes, "actor\0".getBytes(java.nio.charset.StandardCharsets.US_ASCII)) + 6;
        int[][] spoiled = {
            {0, 0x7f}, // the document's length: past its end
            {actorLength + 1, 0x7f}, // a string's length: past the document's end
            {actorLength, 0}, // a string's length: none, not even its closing zero
            {actorLength + 3, 0x7f}, // a string's length: near the largest int, which a sum would overflow
            {bytes.length - 1, 1} // the document's closing zero
        };
        for (int[] spoil : spoiled) {
            byte[] broken = bytes.clone();
            broken[spoil[0]] = (byte) spoil[1];
            assertThat(StoredEntryBytes.plain(new RawBsonDocument(broken)))
                    .as("byte %d", spoil[0])
                    .isNull();
        }
    }

    private static Document entry() {
        return new Document("_id", 3L)
                .append("at", new Date(1_765_000_000_000L))
                .append("actor", "staff:10000004")
                .append("action", "incident.reported")
                .append("target", "SMB-2026-00001")
                .append("details", new Document("n", 1))
                .append("source", "audit-service")
                .append("eventId", "e-1")
                .append("previousHash", "sha256:00")
                .append("hash", "sha256:01");
    }

    private static byte[] bytesOf(Document entry) {
        java.nio.ByteBuffer stored = new RawBsonDocument(entry, new DocumentCodec(CODECS))
                .getByteBuffer()
                .asNIO();
        byte[] bytes = new byte[stored.remaining()];
        stored.get(bytes);
        return bytes;
    }

    private static Document entryWithout(String field) {
        Document entry = entry();
        entry.remove(field);
        return entry;
    }

    private static Document nested(int depth) {
        Document inner = new Document("leaf", "x");
        for (int i = 0; i < depth; i++) {
            inner = new Document("level" + i, inner);
        }
        return inner;
    }

    private static int indexOf(byte[] bytes, byte[] wanted) {
        for (int i = 0; i + wanted.length <= bytes.length; i++) {
            if (java.util.Arrays.equals(bytes, i, i + wanted.length, wanted, 0, wanted.length)) {
                return i;
            }
        }
        throw new AssertionError("not found");
    }

    private static int indexOf(byte[] bytes, byte wanted) {
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == wanted) {
                return i;
            }
        }
        throw new AssertionError("not found");
    }

    private static final String[] PIECES = {
        "a",
        "Z",
        "0",
        "9",
        " ",
        "_",
        "-",
        ".",
        "\"",
        "\\",
        "/",
        "\n",
        "\t",
        "\r",
        "\b",
        "\f",
        "\u0001",
        "\u001f",
        "\u007f",
        "é",
        "ß",
        "✓",
        "中",
        "😀",
        "\u00a0",
        "\u2028",
        "staff:",
        "SMB-2026-",
        "~"
    };

    private static String text(Random random) {
        StringBuilder text = new StringBuilder();
        int length = random.nextInt(12);
        for (int i = 0; i < length; i++) {
            text.append(PIECES[random.nextInt(PIECES.length)]);
        }
        return text.toString();
    }

    private static String key(Random random) {
        String key = text(random).replace("\u0000", "");
        return key.startsWith("$") ? "k" + key : key; // a name never holds a zero byte
    }

    private static Document document(Random random, int depth) {
        Document document = new Document();
        int members = random.nextInt(6);
        for (int i = 0; i < members; i++) {
            document.put(asciiKey(random), plainValue(random, depth + 1));
        }
        return document;
    }

    private static String asciiKey(Random random) {
        String key = key(random);
        return key.chars().allMatch(c -> c < 0x80) ? key : "k" + random.nextInt(1_000);
    }

    private static Object plainValue(Random random, int depth) {
        int kind = random.nextInt(depth > 3 ? 7 : 9);
        return switch (kind) {
            case 0 -> text(random);
            case 1 -> random.nextInt();
            case 2 -> random.nextBoolean() ? random.nextLong() : (long) random.nextInt(1_000);
            case 3 ->
                switch (random.nextInt(6)) {
                    case 0 -> -0.0;
                    case 1 -> 1e21;
                    case 2 -> 5e-324;
                    case 3 -> 123.456e-8;
                    case 4 -> (double) random.nextLong();
                    default -> random.nextDouble() * 1e6;
                };
            case 4 -> random.nextBoolean();
            case 5 -> null;
            case 6 -> text(random);
            case 7 -> document(random, depth);
            default -> {
                List<Object> list = new ArrayList<>();
                int size = random.nextInt(4);
                for (int i = 0; i < size; i++) {
                    list.add(plainValue(random, depth + 1));
                }
                yield list;
            }
        };
    }

    /** The entry as the log stores it: its number as the id, its time as a date, its class named. */
    private static RawBsonDocument asStored(AuditEntry entry) {
        Document stored = new Document("_id", entry.getSequence())
                .append("at", Date.from(entry.getAt()))
                .append("actor", entry.getActor())
                .append("action", entry.getAction())
                .append("target", entry.getTarget())
                .append("details", new Document(entry.getDetails()))
                .append("source", entry.getSource())
                .append("eventId", entry.getEventId())
                .append("previousHash", entry.getPreviousHash())
                .append("hash", entry.getHash())
                .append("_class", AuditEntry.class.getName());
        return new RawBsonDocument(stored, new DocumentCodec(CODECS));
    }
}
