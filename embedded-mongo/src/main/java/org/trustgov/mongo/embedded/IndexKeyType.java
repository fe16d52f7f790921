package org.trustgov.mongo.embedded;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import de.bwaldvogel.mongo.backend.KeyValue;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.ObjectDataType;

/**
 * The keys of a unique index's map, written and ordered exactly as H2 writes and orders an object it does not know:
 * Java-serialized, in the order of the serialized bytes (a {@link KeyValue} is not comparable). The file's format
 * and the index's order are unchanged; what changes is that a key is serialized once and remembered, instead of
 * twice for every comparison of a search and again for every page write, which had made index keys the largest part
 * of the store's work. Remembered by identity, for the keys in use (a page's keys, a search's key), up to a bound.
 */
final class IndexKeyType extends ObjectDataType {

    /** {@link ObjectDataType}'s tag for a Java-serialized object. */
    private static final byte TYPE_SERIALIZED_OBJECT = 19;

    private final Cache<KeyValue, byte[]> serialized =
            Caffeine.newBuilder().weakKeys().maximumSize(20_000).build();

    private byte[] bytes(KeyValue key) {
        return serialized.get(key, ObjectDataType::serialize);
    }

    @Override
    public int compare(Object a, Object b) {
        if (a instanceof KeyValue first && b instanceof KeyValue second) {
            return first == second ? 0 : compareNotNull(bytes(first), bytes(second));
        }
        return super.compare(a, b);
    }

    /** H2's estimate for a serialized object: twice its serialized size. */
    @Override
    public int getMemory(Object value) {
        return value instanceof KeyValue key ? 2 * bytes(key).length : super.getMemory(value);
    }

    @Override
    public void write(WriteBuffer buffer, Object value) {
        if (value instanceof KeyValue key) {
            byte[] data = bytes(key);
            buffer.put(TYPE_SERIALIZED_OBJECT).putVarInt(data.length).put(data);
            return;
        }
        super.write(buffer, value);
    }
}
