package org.trustgov.starter.mongo;

import java.security.SecureRandom;
import org.bson.Document;
import org.bson.types.Binary;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * A random key a service makes once and keeps in its own database, for what only it checks (signed links, opaque
 * keys): shared by its replicas, never in configuration, so no demo value can reach production. The first replica
 * to need it inserts it; any other that raced takes the stored one.
 */
public final class StoredSecrets {

    private static final SecureRandom RANDOM = new SecureRandom();

    private StoredSecrets() {}

    /** The 32-byte key {@code id} in {@code collection}, made now if there is none. */
    public static byte[] getOrCreate(MongoTemplate mongo, String collection, String id) {
        Document stored = mongo.findById(id, Document.class, collection);
        if (stored == null) {
            byte[] fresh = new byte[32];
            RANDOM.nextBytes(fresh);
            try {
                mongo.insert(new Document("_id", id).append("key", new Binary(fresh)), collection);
            } catch (DuplicateKeyException anotherReplicaFirst) {
                // theirs is the key
            }
            stored = mongo.findById(id, Document.class, collection);
        }
        Object value = stored.get("key");
        return value instanceof Binary binary ? binary.getData() : (byte[]) value;
    }
}
