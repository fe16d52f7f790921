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
