package org.trustgov.mongo.embedded;

import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.bson.ObjectId;
import de.bwaldvogel.mongo.wire.bson.BsonDecoder;
import de.bwaldvogel.mongo.wire.bson.BsonEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.ByteBuffer;
import org.h2.mvstore.DataUtils;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.ObjectDataType;

/**
 * How a collection's documents, and the ids that key them (also the values of its unique indexes), are written to
 * the store's file: documents as BSON, the way the wire protocol carries them, and ids as their 12 bytes, instead of
 * H2's default for an object it does not know, Java serialization (a new object stream with its class descriptors for
 * every value). Every commit writes the pages that changed again, each value on them. Anything else, and a document
 * BSON cannot carry, is written as before; a value written before (Java-serialized) is still read, so an existing file
 * needs no conversion. The tags are ones H2's own format leaves unused. H2's rewrite of the file ({@code compact})
 * copies pages without reading their values, so it keeps either form. The ids' order is unchanged ({@link ObjectId}
 * compares itself, whichever way it was read).
 */
final class BsonDocumentType extends ObjectDataType {

    /** Unused by {@link ObjectDataType}, whose tags are 0-19, 32-49 and 64-119. */
    static final byte TAG_BSON_DOCUMENT = 60;

    static final byte TAG_OBJECT_ID = 61;

    /** A document's estimated memory: large, so that a page holds one or two and a commit writes few again. */
    private static final int DOCUMENT_MEMORY = 10_000;

    private static final int OBJECT_ID_MEMORY = 48;

    @Override
    public int getMemory(Object value) {
        if (value instanceof Document) {
            return DOCUMENT_MEMORY;
        }
        return value instanceof ObjectId ? OBJECT_ID_MEMORY : super.getMemory(value);
    }

    @Override
    public void write(WriteBuffer buffer, Object value) {
        if (value instanceof ObjectId id) {
            buffer.put(TAG_OBJECT_ID).put(id.toByteArray());
            return;
        }
        if (!(value instanceof Document document)) {
            super.write(buffer, value);
            return;
        }
        ByteBuf bson = Unpooled.buffer(256);
        try {
            BsonEncoder.encodeDocument(document, bson);
        } catch (RuntimeException notBson) {
            super.write(buffer, value); // nothing was written to the page yet
            return;
        }
        buffer.put(TAG_BSON_DOCUMENT).putVarInt(bson.readableBytes()).put(bson.nioBuffer());
    }

    @Override
    public Object read(ByteBuffer buffer) {
        byte tag = buffer.get(buffer.position());
        if (tag == TAG_OBJECT_ID) {
            buffer.get();
            byte[] id = new byte[12];
            buffer.get(id);
            return new ObjectId(id);
        }
        if (tag != TAG_BSON_DOCUMENT) {
            return super.read(buffer);
        }
        buffer.get();
        int length = DataUtils.readVarInt(buffer);
        int start = buffer.position();
        Document document = BsonDecoder.decodeBson(Unpooled.wrappedBuffer(buffer.slice(start, length)));
        buffer.position(start + length);
        return document;
    }
}
