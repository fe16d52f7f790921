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

    /**
     * The key was destroyed: why, when, and by which disposal; and when that disposal had destroyed every copy of the
     * record ({@code null} until it has), which ends a person's record's life ({@link #toSeal}).
     */
    public record Destroyed(String recordClass, Instant destroyedAt, String rule, String disposal, Instant completedAt)
            implements State {

        static Destroyed of(RecordKey tombstone) {
            return new Destroyed(
                    tombstone.recordClass(),
                    tombstone.destroyedAt(),
                    tombstone.rule(),
                    tombstone.disposal(),
                    tombstone.completedAt());
        }
    }

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
     * The count of changes to the tombstones on any instance (a key destroyed, a life ended), kept in a document of its
     * own beside the keys, so that every instance empties its cache within {@code trustgov.audit.sealing.disposals-check}
     * (a second) of a disposal on another, instead of opening the destroyed record's values until its cached key
     * expires.
     */
    public static final String DISPOSALS = "record_key_disposals";

    private static final String DESTROYED = "destroyed";

    /** Guards the cache's entries against a disposal seen meanwhile ({@link #catchUpWithDisposals}). */
    private final Object cacheLock = new Object();

    /** The count of tombstone changes this instance's cache was last emptied for (guarded by {@link #cacheLock}). */
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

    /** The id of the key of {@code record}'s {@code life} ({@link RecordUnit#name(int)}). */
    private String keyIdOf(RecordUnit record, int life) {
        return life == 0 ? keyIdOf(record) : kek.keyIdOf(record.name(life));
    }

    /**
     * What a value of a record is sealed under: the id of its life's key and the key, or no key when that life's key
     * was destroyed (the value is then sealed under a key nobody keeps: born destroyed).
     */
    public record Sealing(String keyId, byte[] key) {}

    /**
     * The key to seal a value of {@code record} under now, for an event with no time of its own ({@link #toSeal}):
     * made and stored first if the record has none; {@code null} when the record's key was destroyed.
     */
    public byte[] keyToSeal(RecordUnit record) {
        return toSeal(record, null).key();
    }

    /**
     * The key of the life of {@code record} that an event which {@code happened} then belongs to, made and stored
     * first if that life has none. A record's life ends when the disposal that destroyed its key has destroyed every
     * copy of it ({@link #completed}). A renewable record (a person's, {@link RecordUnit#renewable}) begins its next
     * life with an event that a service keeping it says happened after that (a leaver rehired, a member of staff
     * training again): its values are sealed under the next life's key and open. An event that happened before (a
     * late delivery from an outbox, or one made while the disposal was still destroying copies), one about a
     * record that never comes back (a conduct case, a year of the audit trail), and one with no time of its own
     * ({@code happened} {@code null}: audit-service's own changes, which do not bring a person's record back) belong to
     * the destroyed life: born destroyed.
     */
    public Sealing toSeal(RecordUnit record, Instant happened) {
        for (int life = 0; ; life++) {
            String keyId = keyIdOf(record, life);
            State state = state(keyId);
            if (state instanceof Live live) {
                return new Sealing(keyId, live.key());
            }
            if (state instanceof Destroyed destroyed) {
                if (record.renewable() && after(happened, destroyed.completedAt())) {
                    continue; // the next life
                }
                return new Sealing(keyId, null);
            }
            byte[] key = made(record, keyId);
            if (key != null) {
                return new Sealing(keyId, key);
            }
            life--; // another append made it first: its key, looked at again
        }
    }

    /**
     * A new key stored for {@code keyId} (wrapped, before any value is sealed under it), or {@code null} when another
     * append stored one first.
     */
    private byte[] made(RecordUnit record, String keyId) {
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
                    null,
                    null));
            remember(keyId, new Live(key), seen);
            return key;
        } catch (DuplicateKeyException anotherAppendMadeItFirst) {
            forget(keyId);
            return null;
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
                : stored.destroyed() ? Destroyed.of(stored) : new Live(kek.unwrap(stored.wrapped(), keyId));
        if (!(state instanceof Unknown)) {
            remember(keyId, state, seen);
        }
        return state;
    }

    /**
     * Destroys {@code record}'s key (a tombstone stays, naming no one), so every value sealed under it, in every
     * entry, backup and export without its openings, can no longer be read; values appended about the record
     * afterwards are born destroyed (a renewable record's only until a life begins again, {@link #toSeal}). Idempotent:
     * destroying again keeps the first tombstone; a renewable record whose life another disposal ended (every copy
     * gone) has its next life destroyed (the person came back and their record was disposed of again), while one
     * whose destruction did not end (a hold placed while it ran) keeps that tombstone for the disposal that ends it.
     */
    public Destroyed destroy(RecordUnit record, String rule, String disposal) {
        ActedOn life = lifeActedOn(record, disposal);
        String keyId = life.keyId();
        RecordKey stored = life.stored();
        if (stored != null && stored.destroyed()) {
            forget(keyId);
            return Destroyed.of(stored);
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
                disposal,
                null);
        mongo.save(tombstone);
        // After the tombstone, so that an instance emptying its cache for this count reads the tombstone.
        countDisposal(now);
        forget(keyId);
        if (compaction != null) {
            compaction.afterErasure(RecordKey.class); // the wrapped key's old bytes leave the store's files too
        }
        return Destroyed.of(tombstone);
    }

    /**
     * Notes that {@code disposal} has destroyed every copy of {@code record} (after every holder, those taking copies
     * from elsewhere included): the life whose tombstone is stored and not yet ended ends then (a person's), and what
     * their services record afterwards begins the next ({@link #toSeal}). Until then a tombstone stored first (a staff record's) leaves the record readable
     * where it is not destroyed yet, and a read of it then is of the life being destroyed. Idempotent; every instance
     * empties its cache of keys within {@code disposals-check}, as after a destruction.
     */
    public void completed(RecordUnit record, String disposal) {
        ActedOn life = lifeActedOn(record, disposal);
        if (life.stored() == null || !life.stored().destroyed() || life.stored().completedAt() != null) {
            return; // none being destroyed, or ended already
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        mongo.updateFirst(
                query(where("_id").is(life.keyId()).and("completedAt").is(null)),
                new org.springframework.data.mongodb.core.query.Update().set("completedAt", now),
                RecordKey.class);
        countDisposal(now);
        forget(life.keyId());
    }

    /** A life of a record, by its key's id, with its key or tombstone as stored ({@code null}: none yet). */
    private record ActedOn(String keyId, RecordKey stored) {}

    /**
     * The life of {@code record} that {@code disposal} destroys and ends, read from the store: the first one that is
     * not destroyed, or whose destruction has not ended (by this disposal, or one a hold stopped part-way), or that
     * this disposal destroyed. A life another disposal ended is passed over (the person came back); a record that is
     * not renewable has only its first.
     */
    private ActedOn lifeActedOn(RecordUnit record, String disposal) {
        for (int life = 0; ; life++) {
            String keyId = keyIdOf(record, life);
            RecordKey stored = mongo.findById(keyId, RecordKey.class);
            if (stored == null
                    || !stored.destroyed()
                    || !record.renewable()
                    || stored.completedAt() == null
                    || java.util.Objects.equals(stored.disposal(), disposal)) {
                return new ActedOn(keyId, stored);
            }
        }
    }

    /**
     * Which of {@code records} were destroyed, in any of their lives (their first tombstone is stored), read from the
     * store in one query, not from this instance's cache: what a disposal made on any instance took.
     */
    public Set<RecordUnit> destroyedAmong(Collection<RecordUnit> records) {
        return tombstonesOf(byFirstKeyId(records)).keySet();
    }

    /**
     * For each of {@code records} that was destroyed, when its latest destroyed life ended (the disposal that destroyed
     * it had destroyed every copy; {@link Instant#MAX} while it has not, or for a tombstone left before lives began),
     * read from the store, not from this instance's cache: for copies relayed from elsewhere, checked as they arrive,
     * which must see a disposal made on any instance. A copy made before then belongs to what the disposals took;
     * one made after it, to a renewable record's life begun since ({@link #toSeal}).
     */
    public Map<RecordUnit, Instant> lastDestroyedAmong(Collection<RecordUnit> records) {
        Map<RecordUnit, Instant> last = new HashMap<>();
        Map<String, RecordUnit> byKeyId = byFirstKeyId(records);
        for (int life = 1; !byKeyId.isEmpty(); life++) {
            Map<RecordUnit, Instant> ended = tombstonesOf(byKeyId);
            last.putAll(ended);
            byKeyId = new HashMap<>();
            for (RecordUnit record : ended.keySet()) {
                if (record.renewable()) {
                    byKeyId.put(keyIdOf(record, life), record);
                }
            }
        }
        return last;
    }

    /**
     * Which records of {@code lastDestroyed} ({@link #lastDestroyedAmong}) a copy made {@code at} belongs to a
     * destroyed life of: a renewable record's made no later than its latest destroyed life ended, any other's whenever
     * made.
     */
    public static Set<RecordUnit> destroyedAsOf(Map<RecordUnit, Instant> lastDestroyed, Instant at) {
        Set<RecordUnit> destroyed = new HashSet<>();
        lastDestroyed.forEach((record, ended) -> {
            if (!record.renewable() || !after(at, ended)) {
                destroyed.add(record);
            }
        });
        return destroyed;
    }

    /**
     * Whether something made {@code at} came after a life that {@code ended} then ({@code null}: has not ended): in a
     * later millisecond (the tombstone keeps milliseconds, so what was made in the end's own millisecond belongs to
     * the life it ended).
     */
    private static boolean after(Instant at, Instant ended) {
        return at != null && ended != null && at.truncatedTo(ChronoUnit.MILLIS).isAfter(ended);
    }

    /** {@code records} by the id of their first life's key. */
    private Map<String, RecordUnit> byFirstKeyId(Collection<RecordUnit> records) {
        Map<String, RecordUnit> byKeyId = new HashMap<>();
        for (RecordUnit record : records) {
            byKeyId.put(keyIdOf(record), record);
        }
        return byKeyId;
    }

    /** Counts a change to the tombstones, so that every instance empties its cache ({@link #catchUpWithDisposals}). */
    private void countDisposal(Instant at) {
        mongo.upsert(
                query(where("_id").is(DESTROYED)),
                new org.springframework.data.mongodb.core.query.Update()
                        .inc("count", 1)
                        .set("at", at),
                DISPOSALS);
    }

    /**
     * The records of {@code byKeyId} whose key there is a tombstone, with when that life ended ({@link Instant#MAX}
     * while its disposal has not destroyed every copy).
     */
    private Map<RecordUnit, Instant> tombstonesOf(Map<String, RecordUnit> byKeyId) {
        if (byKeyId.isEmpty()) {
            return Map.of();
        }
        // By the ids alone, which the unique key answers at once on any store: with another field in the query the
        // embedded store would read every key ever made (one per incident) for each batch.
        Query byId = query(where("_id").in(byKeyId.keySet()));
        byId.fields().include("_id", "destroyedAt", "completedAt");
        Map<RecordUnit, Instant> destroyed = new HashMap<>();
        for (org.bson.Document key :
                mongo.find(byId, org.bson.Document.class, mongo.getCollectionName(RecordKey.class))) {
            if (key.get("destroyedAt") != null) {
                destroyed.put(
                        byKeyId.get(key.getString("_id")),
                        key.get("completedAt") instanceof java.util.Date ended ? ended.toInstant() : Instant.MAX);
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
