package org.trustgov.audit.log.sealing;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Service;
import org.trustgov.starter.mongo.StoreCompaction;

/**
 * The key store of the records the log's personal values are sealed under: one AES-256 key a record, made the first
 * time an entry about the record is appended, stored wrapped by the KEK before any value is sealed under it (so a
 * stop between the two leaves an unused key, never a value without its key), cached for
 * {@code trustgov.audit.sealing.key-cache-for}, and destroyed when the record's retention ends.
 */
@Service
public class RecordKeys {

    /** What the key store says of a key id. */
    public sealed interface State {}

    /** The key exists; values sealed under it open. */
    public record Live(byte[] key) implements State {}

    /** The key was destroyed: why, when, and by which disposal. */
    public record Destroyed(String recordClass, Instant destroyedAt, String rule, String disposal) implements State {}

    /** The key store never had this key. */
    public record Unknown() implements State {}

    /** Keys kept in memory at most: one a record, and a record is made with each incident reported. */
    private static final int MAX_CACHED = 200_000;

    private static final SecureRandom RANDOM = new SecureRandom();

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(RecordKeys.class);

    private final MongoTemplate mongo;
    private final Clock clock;
    private final KeyEncryptionKey kek;
    private final StoreCompaction compaction;
    /**
     * Each key for {@code key-cache-for} after it was read or made, and then let go (a store of expiring entries: a
     * key is made with each incident, so under load keys that were never looked at again had piled up until the
     * bound emptied the whole map, the keys in use with them).
     */
    private final Cache<String, State> cache;

    /**
     * The count of keys destroyed on any instance, kept in a document of its own beside the keys, so that every
     * instance empties its cache within {@code trustgov.audit.sealing.disposals-check} (a second) of a disposal on
     * another, instead of opening the destroyed record's values until its cached key expires.
     */
    public static final String DISPOSALS = "record_key_disposals";

    private static final String DESTROYED = "destroyed";

    /** Guards the cache's entries against a disposal seen meanwhile ({@link #catchUpWithDisposals}). */
    private final Object cacheLock = new Object();

    /** The count of destroyed keys this instance's cache was last emptied for (guarded by {@link #cacheLock}). */
    private long destroyedSeen;

    /** Whether the last look at the disposals failed (the scheduler's one thread reads and writes it). */
    private volatile boolean lookFailing;

    public RecordKeys(MongoTemplate mongo, Clock clock, SealingProperties settings) {
        this(mongo, clock, settings, null);
    }

    @org.springframework.beans.factory.annotation.Autowired
    public RecordKeys(MongoTemplate mongo, Clock clock, SealingProperties settings, StoreCompaction compaction) {
        this.compaction = compaction;
        this.mongo = mongo;
        this.clock = clock;
        boolean noKeysYet = !mongo.exists(new org.springframework.data.mongodb.core.query.Query(), RecordKey.class);
        this.kek = KeyEncryptionKey.loadOrCreate(settings.kekFile(), noKeysYet, settings.generate());
        this.cache = settings.keyCacheFor().isZero()
                ? null
                : Caffeine.newBuilder()
                        .maximumSize(MAX_CACHED)
                        .expireAfterWrite(settings.keyCacheFor())
                        .build();
        checkTheKekOpensTheStore();
        this.destroyedSeen = destroyedCount();
    }

    /**
     * Empties this instance's cache when a key was destroyed anywhere since it last looked: a disposal approved on
     * another instance stops values opening here within the check's interval. A key read from the store while a
     * disposal is seen is not cached ({@link #remember}).
     */
    @org.springframework.scheduling.annotation.Scheduled(
            initialDelayString = "PT1S",
            fixedDelayString = "${trustgov.audit.sealing.disposals-check:PT1S}")
    public void catchUpWithDisposals() {
        if (cache == null) {
            return;
        }
        long destroyed;
        try {
            destroyed = destroyedCount();
        } catch (RuntimeException e) {
            if (!lookFailing) { // said once an outage, not every second
                log.warn(
                        "Could not look at the key disposals just now ({}); a key destroyed on another instance "
                                + "opens here until its cache time is up",
                        e.toString());
            }
            lookFailing = true;
            return;
        }
        lookFailing = false;
        synchronized (cacheLock) {
            if (destroyed != destroyedSeen) {
                destroyedSeen = destroyed;
                cache.invalidateAll();
            }
        }
    }

    private long destroyedCount() {
        org.bson.Document count = mongo.findById(DESTROYED, org.bson.Document.class, DISPOSALS);
        return count == null || !(count.get("count") instanceof Number n) ? 0 : n.longValue();
    }

    /** The disposals this instance has seen, to hold a cache entry read before one against ({@link #remember}). */
    private long seen() {
        synchronized (cacheLock) {
            return destroyedSeen;
        }
    }

    /** The id of the key {@code record}'s values are sealed under. */
    public String keyIdOf(RecordUnit record) {
        return kek.keyIdOf(record.name());
    }

    /**
     * The key to seal {@code record}'s values under, made and stored first if the record has none; {@code null} when
     * the record's key was destroyed (its values are then sealed under a key nobody keeps: born destroyed).
     */
    public byte[] keyToSeal(RecordUnit record) {
        return keyToSeal(record, keyIdOf(record));
    }

    /** {@link #keyToSeal(RecordUnit)} for a caller that has the record's key id already. */
    public byte[] keyToSeal(RecordUnit record, String keyId) {
        State state = state(keyId);
        if (state instanceof Live live) {
            return live.key();
        }
        if (state instanceof Destroyed) {
            return null;
        }
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        long seen = seen();
        try {
            mongo.insert(new RecordKey(
                    keyId,
                    record.recordClass(),
                    kek.wrap(key, keyId),
                    kek.fingerprint(),
                    clock.instant().truncatedTo(ChronoUnit.MILLIS),
                    null,
                    null,
                    null));
            remember(keyId, new Live(key), seen);
            return key;
        } catch (DuplicateKeyException anotherAppendMadeItFirst) {
            forget(keyId);
            return keyToSeal(record, keyId);
        }
    }

    /** What the key store holds for {@code keyId} (cached for a short while). */
    public State state(String keyId) {
        State cached = cache == null ? null : cache.getIfPresent(keyId);
        if (cached != null) {
            return cached;
        }
        long seen = seen();
        RecordKey stored = mongo.findById(keyId, RecordKey.class);
        State state = stored == null
                ? new Unknown()
                : stored.destroyed()
                        ? new Destroyed(stored.recordClass(), stored.destroyedAt(), stored.rule(), stored.disposal())
                        : new Live(kek.unwrap(stored.wrapped(), keyId));
        if (!(state instanceof Unknown)) {
            remember(keyId, state, seen);
        }
        return state;
    }

    /**
     * Destroys {@code record}'s key (a tombstone stays, naming no one), so every value sealed under it, in every
     * entry, backup and export without its openings, can no longer be read; values appended about the record
     * afterwards are born destroyed. Idempotent: destroying again keeps the first tombstone.
     */
    public Destroyed destroy(RecordUnit record, String rule, String disposal) {
        String keyId = keyIdOf(record);
        RecordKey stored = mongo.findById(keyId, RecordKey.class);
        if (stored != null && stored.destroyed()) {
            forget(keyId);
            return new Destroyed(stored.recordClass(), stored.destroyedAt(), stored.rule(), stored.disposal());
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        // Replaced by key (the one lookup the store answers without a scan): the wrapped key is gone in one write.
        // Disposal runs on one instance at a time; a key made meanwhile by an append is replaced all the same.
        RecordKey tombstone = new RecordKey(
                keyId,
                record.recordClass(),
                null,
                null,
                stored == null ? now : stored.createdAt(),
                now,
                rule,
                disposal);
        mongo.save(tombstone);
        // After the tombstone, so that an instance emptying its cache for this count reads the tombstone.
        mongo.upsert(
                query(where("_id").is(DESTROYED)),
                new org.springframework.data.mongodb.core.query.Update()
                        .inc("count", 1)
                        .set("at", now),
                DISPOSALS);
        forget(keyId);
        if (compaction != null) {
            compaction.afterErasure(RecordKey.class); // the wrapped key's old bytes leave the store's files too
        }
        return new Destroyed(tombstone.recordClass(), tombstone.destroyedAt(), tombstone.rule(), tombstone.disposal());
    }

    /**
     * Which of {@code records} were destroyed (their tombstone is stored), read from the store in one query, not from
     * this instance's cache: for copies relayed from elsewhere, checked as they arrive, which must see a disposal made
     * on any instance.
     */
    public Set<RecordUnit> destroyedAmong(Collection<RecordUnit> records) {
        Map<String, RecordUnit> byKeyId = new HashMap<>();
        for (RecordUnit record : records) {
            byKeyId.put(keyIdOf(record), record);
        }
        if (byKeyId.isEmpty()) {
            return Set.of();
        }
        // By the ids alone, which the unique key answers at once on any store: with another field in the query the
        // embedded store would read every key ever made (one per incident) for each batch.
        Query byId = query(where("_id").in(byKeyId.keySet()));
        byId.fields().include("_id", "destroyedAt");
        Set<RecordUnit> destroyed = new HashSet<>();
        for (org.bson.Document key :
                mongo.find(byId, org.bson.Document.class, mongo.getCollectionName(RecordKey.class))) {
            if (key.get("destroyedAt") != null) {
                destroyed.add(byKeyId.get(key.getString("_id")));
            }
        }
        return destroyed;
    }

    /** Whether the key store has (or had) the key {@code keyId}. */
    public boolean knows(String keyId) {
        return !(state(keyId) instanceof Unknown);
    }

    /**
     * Caches {@code state}, read when this instance had seen {@code seen} disposals: not when it has seen another since
     * (the state may predate that disposal, and the cache was emptied for it).
     */
    private void remember(String keyId, State state, long seen) {
        if (cache != null) {
            synchronized (cacheLock) {
                if (destroyedSeen == seen) {
                    cache.put(keyId, state);
                }
            }
        }
    }

    private void forget(String keyId) {
        if (cache != null) {
            cache.invalidate(keyId);
        }
    }

    /** A key wrapped by another KEK means the KEK file is not the one the store was made with: refuse to start. */
    private void checkTheKekOpensTheStore() {
        RecordKey any = mongo.findOne(query(where("wrapped").ne(null)), RecordKey.class);
        if (any != null) {
            if (any.kek() == null || !KeyEncryptionKey.sameFingerprint(any.kek(), kek.fingerprint())) {
                throw new IllegalStateException("The key store's record keys were wrapped by the key-encryption key "
                        + any.kek() + ", not by trustgov.audit.sealing.kek-file (" + kek.fingerprint()
                        + "): restore the KEK that was backed up with this database");
            }
            kek.unwrap(any.wrapped(), any.id());
        }
    }
}
