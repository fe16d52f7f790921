package org.trustgov.mongo.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.bson.ObjectId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.ObjectDataType;
import org.junit.jupiter.api.Test;

/** The remembered keys change neither the file's bytes nor the index's order. */
class IndexKeyTypeTest {

    private final ObjectDataType h2 = new ObjectDataType();
    private final IndexKeyType remembered = new IndexKeyType();

    @Test
    void keysAreWrittenAndOrderedExactlyAsH2WritesAndOrdersThem() {
        Random random = new Random(29);
        List<KeyValue> keys = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            keys.add(key(random));
        }
        for (KeyValue key : keys) {
            assertThat(written(remembered, key)).isEqualTo(written(h2, key));
            assertThat(remembered.getMemory(key)).isPositive();
        }
        for (int i = 0; i < 2_000; i++) {
            KeyValue a = keys.get(random.nextInt(keys.size()));
            KeyValue b = random.nextInt(10) == 0 ? a : keys.get(random.nextInt(keys.size()));
            assertThat(Integer.signum(remembered.compare(a, b)))
                    .as("%s against %s", a, b)
                    .isEqualTo(Integer.signum(h2.compare(a, b)));
        }
        // what is not a key is left to H2
        assertThat(written(remembered, "plain")).isEqualTo(written(h2, "plain"));
        assertThat(remembered.compare(3L, 5L)).isNegative();
    }

    @Test
    void keysAreReadBackAsH2ReadsThemAndWrittenAgainToTheSameBytes() {
        Random random = new Random(5);
        List<Object> values = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            values.add(i % 7 == 0 ? (Object) ("plain-" + i) : i % 11 == 0 ? (Object) (long) i : key(random));
        }
        WriteBuffer page = new WriteBuffer();
        values.forEach(value -> h2.write(page, value));
        java.nio.ByteBuffer stored = page.getBuffer();
        stored.flip();
        java.nio.ByteBuffer again = stored.duplicate();
        for (Object value : values) {
            Object read = remembered.read(stored);
            assertThat(read).isEqualTo(h2.read(again)).isEqualTo(value);
            assertThat(stored.position()).isEqualTo(again.position());
            assertThat(written(remembered, read)).isEqualTo(written(h2, value));
        }
        assertThat(stored.hasRemaining()).isFalse();
    }

    @Test
    void aKeyThatCannotBeReadIsRefusedWithoutItsBytesInTheMessage() {
        byte[] stored = written(h2, new KeyValue("10000002-someone@example.nhs.uk"));
        for (int i = 0; i < stored.length - 1; i++) {
            if (stored[i] == (byte) 0xac && stored[i + 1] == (byte) 0xed) {
                stored[i] = 0; // the stream's magic number: Java's stream refuses it
                break;
            }
        }
        java.nio.ByteBuffer page = java.nio.ByteBuffer.wrap(stored);

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> remembered.read(page))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Could not deserialize an index key of")
                .hasMessageNotContaining("0, -19, 0, 5") // H2's own message lists the bytes
                .hasMessageNotContaining("someone");
    }

    private static KeyValue key(Random random) {
        return switch (random.nextInt(5)) {
            case 0 -> new KeyValue(random.nextInt(1_000_000));
            case 1 -> new KeyValue((long) random.nextInt());
            case 2 -> new KeyValue("evt-" + Long.toHexString(random.nextLong()));
            case 3 -> new KeyValue(new ObjectId(), Instant.ofEpochMilli(random.nextInt()));
            default -> new KeyValue(random.nextDouble(), random.nextBoolean() ? null : "x");
        };
    }

    private static byte[] written(ObjectDataType type, Object value) {
        WriteBuffer buffer = new WriteBuffer();
        type.write(buffer, value);
        java.nio.ByteBuffer bytes = buffer.getBuffer();
        bytes.flip();
        byte[] out = new byte[bytes.remaining()];
        bytes.get(out);
        return out;
    }
}
