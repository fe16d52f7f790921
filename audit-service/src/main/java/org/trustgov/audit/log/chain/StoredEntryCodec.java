package org.trustgov.audit.log.chain;

import java.util.Date;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.bson.BsonReader;
import org.bson.BsonType;
import org.bson.BsonWriter;
import org.bson.codecs.BsonTypeClassMap;
import org.bson.codecs.BsonTypeCodecMap;
import org.bson.codecs.Codec;
import org.bson.codecs.DecoderContext;
import org.bson.codecs.EncoderContext;
import org.bson.codecs.configuration.CodecRegistry;
import org.trustgov.audit.log.chain.ChainVerifier.Stored;
import org.trustgov.transparency.LogEntries;

/**
 * Reads a stored log entry from the driver's bytes straight into what the verification checks ({@link Stored}, its
 * hash recomputed from the values it covers), instead of decoding the whole document and then copying its hashed
 * fields out of it. Each value is read as the collection's document codec reads it (a nested document such as
 * {@code details} by that codec itself, so it comes out exactly as before), and fields the hash does not cover are
 * skipped unread. For reading only: the entries that {@link StoredEntryBytes} does not read from their bytes.
 */
final class StoredEntryCodec implements Codec<Stored> {

    private static final Set<String> HASHED = Set.copyOf(LogEntries.HASHED_FIELDS);

    private final BsonTypeCodecMap codecs;

    /** @param registry the collection's codecs (with its UUID representation), for every value not read here */
    StoredEntryCodec(CodecRegistry registry) {
        this.codecs = new BsonTypeCodecMap(new BsonTypeClassMap(), registry);
    }

    @Override
    public Stored decode(BsonReader reader, DecoderContext context) {
        Map<String, Object> content = new HashMap<>(16);
        for (String field : LogEntries.HASHED_FIELDS) {
            content.put(field, null); // every hashed field is in the content: a missing one is hashed as null
        }
        long sequence = -1;
        Object hash = null;
        reader.readStartDocument();
        while (reader.readBsonType() != BsonType.END_OF_DOCUMENT) {
            String name = reader.readName();
            if (name.equals("_id")) {
                Object key = value(reader, context);
                sequence = key instanceof Long || key instanceof Integer ? ((Number) key).longValue() : -1;
            } else if (name.equals("hash")) {
                hash = value(reader, context);
            } else if (HASHED.contains(name)) {
                content.put(name, value(reader, context));
            } else {
                reader.skipValue();
            }
        }
        reader.readEndDocument();
        content.put("sequence", sequence); // the number the entry is stored under, whatever else it says
        if (content.get("at") instanceof Date at) {
            content.put("at", at.toInstant().toString());
        }
        return new Stored(sequence, hash, content.get("previousHash"), ChainVerifier.hashOf(content));
    }

    /** One value, as the document codec reads it; the common kinds directly. */
    private Object value(BsonReader reader, DecoderContext context) {
        BsonType type = reader.getCurrentBsonType();
        return switch (type) {
            case NULL -> {
                reader.readNull();
                yield null;
            }
            case STRING -> reader.readString();
            case INT64 -> reader.readInt64();
            case INT32 -> reader.readInt32();
            case DATE_TIME -> new Date(reader.readDateTime());
            default -> codecs.get(type).decode(reader, context);
        };
    }

    @Override
    public void encode(BsonWriter writer, Stored value, EncoderContext context) {
        throw new UnsupportedOperationException("log entries are written by the log, not from what was read back");
    }

    @Override
    public Class<Stored> getEncoderClass() {
        return Stored.class;
    }
}
