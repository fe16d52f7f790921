package org.trustgov.mongo.embedded;

import de.bwaldvogel.mongo.backend.KeyValue;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectStreamClass;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.h2.mvstore.DataUtils;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.ObjectDataType;

/**
 * The keys of a unique index's map, written and ordered exactly as H2 writes and orders an object it does not know:
 * Java-serialized, in the order of the serialized bytes (a {@link KeyValue} is not comparable). The file's format
 * and the index's order are unchanged; what changes is that a key is serialized once and remembered, instead of
 * twice for every comparison of a search and again for every page write, which had made index keys the largest part
 * of the store's work. A key read from the file is remembered with the bytes it was read from, and read with its
 * classes looked up once.
 *
 * <p>Remembered by identity in one table of {@value #SLOTS} places shared by every index (a key's place is its
 * identity hash; a key arriving at a taken place replaces the one there): the keys in use, a search's key and the
 * keys of the pages it passes, are looked up many times within a short while. A Caffeine cache with weak keys for
 * each index did the same, but its gets and puts cost more than the serialization they saved.
 */
final class IndexKeyType extends ObjectDataType {

    /** {@link ObjectDataType}'s tag for a Java-serialized object. */
    private static final byte TYPE_SERIALIZED_OBJECT = 19;

    private static final int SLOTS = 1 << 15;

    /** Immutable, so a place read without a lock shows a whole pair (final fields). */
    private record Serialized(KeyValue key, byte[] bytes) {}

    private static final Serialized[] REMEMBERED = new Serialized[SLOTS];

    private static final ClassLoader LOADER = IndexKeyType.class.getClassLoader();
    private static final Map<String, Class<?>> CLASSES = new ConcurrentHashMap<>();

    private static byte[] bytes(KeyValue key) {
        int slot = System.identityHashCode(key) & (SLOTS - 1);
        Serialized at = REMEMBERED[slot];
        if (at != null && at.key() == key) {
            return at.bytes();
        }
        byte[] bytes = ObjectDataType.serialize(key);
        remember(key, bytes);
        return bytes;
    }

    private static void remember(KeyValue key, byte[] bytes) {
        REMEMBERED[System.identityHashCode(key) & (SLOTS - 1)] = new Serialized(key, bytes);
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

    /**
     * Reads a key as H2 does, and remembers the bytes it was read from as its serialized form: a page read back from
     * the file (for a search, or by H2's housekeeping, which rewrites the live pages of old chunks) is compared and
     * written again without serializing each of its keys once more.
     */
    @Override
    public Object read(ByteBuffer buffer) {
        if (buffer.get(buffer.position()) != TYPE_SERIALIZED_OBJECT) {
            return super.read(buffer);
        }
        buffer.get();
        byte[] data = new byte[DataUtils.readVarInt(buffer)];
        buffer.get(data);
        Object value = readKey(data);
        if (value instanceof KeyValue key) {
            remember(key, data);
        }
        return value;
    }

    /**
     * {@link ObjectDataType#deserialize} with each class looked up once by name: Java's stream looks every class of
     * every key up again, with the caller's class loader found by walking the stack.
     */
    private static Object readKey(byte[] data) {
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(data)) {
            @Override
            protected Class<?> resolveClass(ObjectStreamClass described) throws IOException, ClassNotFoundException {
                Class<?> known = CLASSES.get(described.getName());
                if (known != null) {
                    return known;
                }
                Class<?> resolved = super.resolveClass(described);
                if (resolved.getClassLoader() == null || resolved.getClassLoader() == LOADER) {
                    CLASSES.putIfAbsent(described.getName(), resolved);
                }
                return resolved;
            }
        }) {
            return in.readObject();
        } catch (IOException | ClassNotFoundException e) {
            // as H2's, without the bytes: an index key may hold a person's details
            throw DataUtils.newIllegalArgumentException(
                    "Could not deserialize an index key of {0} bytes", data.length, e);
        }
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
