package org.trustgov.audit.log.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.trustgov.audit.log.sealing.RecordKeys;
import org.trustgov.audit.log.sealing.RecordUnit;
import org.trustgov.audit.log.sealing.Sealer;
import org.trustgov.audit.log.sealing.SealingProperties;
import org.trustgov.test.IntegrationTest;
import org.trustgov.transparency.SealedValues;

/**
 * The sealed log's key store: which record an entry's values are sealed under, and the three ways the key store and
 * the log can disagree at start (another KEK, no KEK, a key store older than the log), each refused with one line
 * saying what to restore, rather than losing personal values still inside their retention.
 */
@IntegrationTest
@org.junit.jupiter.api.extension.ExtendWith(org.springframework.boot.test.system.OutputCaptureExtension.class)
class SealedLogTest {

    @Autowired
    AuditLog log;

    @Autowired
    MongoTemplate mongo;

    @Autowired
    SealingProperties settings;

    @Autowired
    RecordKeys keys;

    @Test
    void eachEntrysPersonalValuesAreSealedUnderTheKeyOfTheRecordItBelongsTo() {
        Instant at = Instant.parse("2026-12-03T10:00:00Z");
        assertThat(RecordUnit.of("smb-2026-000042/bundle", Map.of(), at))
                .isEqualTo(new RecordUnit(RecordUnit.CONDUCT_CASE, "SMB-2026-000042"));
        assertThat(RecordUnit.of("SM-001/1.0", Map.of("staffNumber", "10000002"), at))
                .isEqualTo(new RecordUnit(RecordUnit.TRAINING_RECORD, "10000002"));
        assertThat(RecordUnit.of("SM-001/1.1", Map.of("contentHash", "sha256:ab"), at))
                .isEqualTo(new RecordUnit(RecordUnit.AUDIT_TRAIL, "2026"));

        AuditEntry entry = log.append(AuditRecord.of(
                        "staff:10000004",
                        "policy.attestation.recorded",
                        "SM-001/1.0",
                        Map.of("staffNumber", "10000002", "major", 1, "department", "Acute Medicine")))
                .entry();
        String keyId = keys.keyIdOf(new RecordUnit(RecordUnit.TRAINING_RECORD, "10000002"));
        assertThat(entry.getActor()).startsWith(SealedValues.PREFIX + keyId + ":");
        assertThat(entry.getDetails().get("staffNumber")).asString().startsWith(SealedValues.PREFIX + keyId + ":");
        assertThat(entry.getDetails())
                .as("what is not personal stays in clear")
                .containsEntry("major", 1)
                .containsEntry("department", "Acute Medicine");
        assertThat(entry.getTarget()).isEqualTo("SM-001/1.0");
        assertThat(entry.getHash()).isEqualTo(entry.computeHash());
        Sealer.Opened opened = new Sealer(keys).open(entry.getActor(), entry.getTarget(), entry.getDetails());
        assertThat(opened.actor()).isEqualTo("staff:10000004");
        assertThat(opened.details()).containsEntry("staffNumber", "10000002");
        assertThat(opened.destroyed()).isEmpty();
        assertThat(Sealer.isPersonal("20261203"))
                .as("any 8 digits are sealed, to be safe")
                .isTrue();
        assertThat(Sealer.isPersonal("client:hr-system")).isFalse();
    }

    /**
     * A person whose training record was disposed of comes back (a leaver rehired under the same staff number): what
     * their services record after the disposal has destroyed every copy begins the record's next life, under a key of
     * its own that opens, while a late delivery of what happened before, what happened while the disposal was still
     * destroying copies, and audit-service's own changes about them are born destroyed. Disposed of again, the next
     * life goes the same way; a conduct case never comes back.
     */
    @Test
    void aPersonsRecordBeginsAgainWithWhatTheirServicesRecordAfterItsDisposal() {
        String staff = "10000081";
        RecordUnit record = new RecordUnit(RecordUnit.TRAINING_RECORD, staff);
        Instant tombstone = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        Instant everyCopyGone = tombstone.plusSeconds(10);
        AuditEntry before = relayed(staff, tombstone.minusSeconds(5));
        at(tombstone).destroy(record, "training-record", "DL-lives-1");
        AuditEntry whileDestroying = relayed(staff, tombstone.plusSeconds(5));
        at(everyCopyGone).completed(record, "DL-lives-1");
        keys.catchUpWithDisposals(); // as this instance does every second
        RecordKeys.Destroyed first = (RecordKeys.Destroyed) keys.state(keys.keyIdOf(record));
        assertThat(first.destroyedAt()).isEqualTo(tombstone);
        assertThat(first.completedAt()).isEqualTo(everyCopyGone);

        AuditEntry late = relayed(staff, tombstone.minusSeconds(1));
        AuditEntry sameMillisecond = relayed(staff, everyCopyGone.plusNanos(999_000));
        AuditEntry own = log.append(AuditRecord.of(
                        "staff:10000004", "subject-access.exported", "subject-access", Map.of("staffNumber", staff)))
                .entry();
        AuditEntry rehired = relayed(staff, everyCopyGone.plusMillis(1));

        for (AuditEntry destroyed : java.util.List.of(before, whileDestroying, late, sameMillisecond, own)) {
            Sealer.Opened opened = open(destroyed);
            assertThat(opened.details()).as(destroyed.getAction()).containsEntry("staffNumber", Sealer.DESTROYED);
            assertThat(opened.destroyed()).singleElement().isEqualTo(first);
            assertThat(destroyed.getActor()).startsWith(SealedValues.PREFIX + keys.keyIdOf(record) + ":");
        }
        Sealer.Opened begunAgain = open(rehired);
        assertThat(begunAgain.details()).containsEntry("staffNumber", staff);
        assertThat(begunAgain.actor()).isEqualTo("staff:" + staff);
        assertThat(begunAgain.destroyed()).isEmpty();
        assertThat(rehired.getActor())
                .as("under the next life's key")
                .startsWith(SealedValues.PREFIX)
                .doesNotStartWith(SealedValues.PREFIX + keys.keyIdOf(record) + ":");
        assertThat(keys.destroyedAmong(java.util.List.of(record))).containsExactly(record);
        assertThat(keys.lastDestroyedAmong(java.util.List.of(record))).containsEntry(record, everyCopyGone);

        assertThat(keys.destroy(record, "another rule", "DL-lives-1"))
                .as("the same disposal again keeps its tombstone")
                .isEqualTo(first);
        Instant secondTombstone = everyCopyGone.plusSeconds(10);
        at(secondTombstone).destroy(record, "training-record", "DL-lives-2");
        assertThat(keys.lastDestroyedAmong(java.util.List.of(record)))
                .as("while the second disposal destroys copies, its life has not ended")
                .containsEntry(record, Instant.MAX);
        at(secondTombstone.plusSeconds(10)).completed(record, "DL-lives-2");
        keys.catchUpWithDisposals();
        assertThat(open(rehired).details()).containsEntry("staffNumber", Sealer.DESTROYED);
        assertThat(open(rehired).destroyed())
                .singleElement()
                .satisfies(d -> assertThat(d.disposal()).isEqualTo("DL-lives-2"));
        assertThat(open(before).destroyed())
                .as("the first life's stays")
                .singleElement()
                .isEqualTo(first);
        assertThat(keys.lastDestroyedAmong(java.util.List.of(record)))
                .containsEntry(record, secondTombstone.plusSeconds(10));
        assertThat(open(relayed(staff, secondTombstone.plusSeconds(11))).details())
                .as("and a third life")
                .containsEntry("staffNumber", staff);

        RecordUnit theCase = new RecordUnit(RecordUnit.CONDUCT_CASE, "SMB-2026-000981");
        RecordKeys.Destroyed closed = keys.destroy(theCase, "conduct-case", "DL-lives-1");
        keys.completed(theCase, "DL-lives-1");
        RecordKeys.Sealing afterwards = keys.toSeal(theCase, Instant.now().plusSeconds(60));
        assertThat(afterwards.key()).as("a case never comes back").isNull();
        assertThat(afterwards.keyId()).isEqualTo(keys.keyIdOf(theCase));
        assertThat(keys.destroy(theCase, "conduct-case", "DL-lives-2").disposal())
                .as("destroying a case again keeps its first tombstone")
                .isEqualTo(closed.disposal());
    }

    /**
     * A disposal a hold stopped part-way leaves its tombstone and no end; the later disposal that destroys every copy
     * keeps that tombstone (no second life is destroyed) and ends the life, after which the person's records begin
     * again.
     */
    @Test
    void aDestructionAHoldStoppedIsEndedByTheDisposalThatDestroysEveryCopyLater() {
        String staff = "10000082";
        RecordUnit record = new RecordUnit(RecordUnit.STAFF_RECORD, staff);
        RecordUnit training = new RecordUnit(RecordUnit.TRAINING_RECORD, staff);
        Instant tombstone = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        RecordKeys.Destroyed stopped = at(tombstone).destroy(record, "staff-record", "DL-held-1");
        at(tombstone).destroy(training, "training-record", "DL-held-1");

        assertThat(at(tombstone.plusSeconds(60)).destroy(record, "staff-record", "DL-held-2"))
                .as("the stopped destruction's tombstone, not a second life's")
                .isEqualTo(stopped);
        assertThat(keys.lastDestroyedAmong(java.util.List.of(record)))
                .as("not ended yet")
                .containsEntry(record, Instant.MAX);
        at(tombstone.plusSeconds(61)).completed(record, "DL-held-2");
        at(tombstone.plusSeconds(61)).completed(training, "DL-held-2");
        keys.catchUpWithDisposals();

        assertThat(keys.lastDestroyedAmong(java.util.List.of(record, training)))
                .containsEntry(record, tombstone.plusSeconds(61))
                .containsEntry(training, tombstone.plusSeconds(61));
        assertThat(open(relayed(staff, tombstone.plusSeconds(62))).details())
                .as("what they do after it opens")
                .containsEntry("staffNumber", staff);
    }

    /** The key store as an instance whose clock reads {@code now} sees it. */
    private RecordKeys at(Instant now) {
        return new RecordKeys(mongo, Clock.fixed(now, java.time.ZoneOffset.UTC), settings);
    }

    /** An event training-service relays about {@code staff}, which it says happened {@code at}. */
    private AuditEntry relayed(String staff, Instant at) {
        Map<String, Object> details = new java.util.LinkedHashMap<>();
        details.put("staffNumber", staff);
        details.put("occurredAt", at.toString());
        return log.append(new AuditRecord(
                        "staff:" + staff,
                        "training.module.completed",
                        "SM-001/1.0",
                        details,
                        "training-service",
                        java.util.UUID.randomUUID().toString()))
                .entry();
    }

    private Sealer.Opened open(AuditEntry entry) {
        return new Sealer(keys).open(entry.getActor(), entry.getTarget(), entry.getDetails());
    }

    @Test
    void aKeyDestroyedOnAnotherReplicaStopsOpeningThereOnceItsCacheTimeIsUp() {
        RecordUnit record = new RecordUnit(RecordUnit.CONDUCT_CASE, "SMB-2026-000917");
        Duration cacheFor = Duration.ofMillis(400);
        RecordKeys replica =
                new RecordKeys(mongo, Clock.systemUTC(), new SealingProperties(settings.kekFile(), cacheFor, true));
        RecordKeys other = new RecordKeys(mongo, Clock.systemUTC(), settings);
        long made = System.nanoTime(); // before: the key is cached when it is made
        assertThat(replica.keyToSeal(record)).hasSize(32);

        other.destroy(record, "test", "disposal-1");

        RecordKeys.State seen = replica.state(replica.keyIdOf(record));
        if (System.nanoTime() - made < cacheFor.toNanos() / 2) {
            assertThat(seen).as("within its cache time").isInstanceOf(RecordKeys.Live.class);
        }
        org.awaitility.Awaitility.await()
                .atMost(Duration.ofSeconds(5))
                .untilAsserted(() ->
                        assertThat(replica.state(replica.keyIdOf(record))).isInstanceOf(RecordKeys.Destroyed.class));
        assertThat(System.nanoTime() - made).as("not before").isGreaterThanOrEqualTo(cacheFor.toNanos());
    }

    @Test
    void aKeyDestroyedOnAnotherReplicaStopsOpeningThereAtItsNextLookAtTheDisposalsNotAfterItsCacheTime() {
        RecordUnit record = new RecordUnit(RecordUnit.CONDUCT_CASE, "SMB-2026-000918");
        RecordUnit untouched = new RecordUnit(RecordUnit.CONDUCT_CASE, "SMB-2026-000919");
        RecordKeys replica = new RecordKeys(
                mongo, Clock.systemUTC(), new SealingProperties(settings.kekFile(), Duration.ofMinutes(5), true));
        RecordKeys other = new RecordKeys(mongo, Clock.systemUTC(), settings);
        assertThat(replica.keyToSeal(record)).hasSize(32);
        byte[] untouchedKey = replica.keyToSeal(untouched);
        replica.catchUpWithDisposals();
        assertThat(replica.state(replica.keyIdOf(record)))
                .as("no disposal since: the cached key")
                .isInstanceOf(RecordKeys.Live.class);

        other.destroy(record, "test", "disposal-2");
        assertThat(replica.state(replica.keyIdOf(record)))
                .as("until the replica looks (every second when it runs as a service)")
                .isInstanceOf(RecordKeys.Live.class);

        replica.catchUpWithDisposals();
        assertThat(replica.state(replica.keyIdOf(record))).isInstanceOf(RecordKeys.Destroyed.class);
        assertThat(replica.state(replica.keyIdOf(untouched)))
                .as("another record's key is read again, still live")
                .isInstanceOfSatisfying(
                        RecordKeys.Live.class, live -> assertThat(live.key()).isEqualTo(untouchedKey));
    }

    @Test
    void whenTheDisposalsCannotBeLookedAtTheCachedKeysStayAndTheOutageIsSaidOnce(
            org.springframework.boot.test.system.CapturedOutput output) {
        java.util.concurrent.atomic.AtomicBoolean storeAway = new java.util.concurrent.atomic.AtomicBoolean();
        MongoTemplate failingToLook = new MongoTemplate(mongo.getMongoDatabaseFactory(), mongo.getConverter()) {
            @Override
            public <T> T findById(Object id, Class<T> entityClass, String collectionName) {
                if (storeAway.get() && RecordKeys.DISPOSALS.equals(collectionName)) {
                    throw new org.springframework.dao.DataAccessResourceFailureException("the store is away");
                }
                return super.findById(id, entityClass, collectionName);
            }
        };
        RecordUnit record = new RecordUnit(RecordUnit.CONDUCT_CASE, "SMB-2026-000920");
        RecordKeys replica = new RecordKeys(
                failingToLook,
                Clock.systemUTC(),
                new SealingProperties(settings.kekFile(), Duration.ofMinutes(5), true));
        RecordKeys other = new RecordKeys(mongo, Clock.systemUTC(), settings);
        assertThat(replica.keyToSeal(record)).hasSize(32);
        other.destroy(record, "test", "disposal-3");

        storeAway.set(true);
        replica.catchUpWithDisposals();
        replica.catchUpWithDisposals();
        assertThat(replica.state(replica.keyIdOf(record)))
                .as("the cache time is the bound while the disposals cannot be looked at")
                .isInstanceOf(RecordKeys.Live.class);
        assertThat(output.getOut().split("Could not look at the key disposals just now", -1))
                .as("said once an outage, not every second")
                .hasSize(2);

        storeAway.set(false);
        replica.catchUpWithDisposals();
        assertThat(replica.state(replica.keyIdOf(record))).isInstanceOf(RecordKeys.Destroyed.class);
    }

    @Test
    void anotherKeyEncryptionKeyIsRefusedAtStart(@TempDir Path dir) throws Exception {
        log.append(AuditRecord.of("staff:10000004", "policy.version.published", "SM-001/9.9", Map.of()));
        Path other = dir.resolve("other.key");
        Files.writeString(other, Base64.getEncoder().encodeToString(new byte[32]));
        assertThatThrownBy(() ->
                        new RecordKeys(mongo, Clock.systemUTC(), new SealingProperties(other, Duration.ZERO, true)))
                .hasMessageContaining("were wrapped by the key-encryption key")
                .hasMessageContaining("restore the KEK");
    }

    @Test
    void aMissingKeyEncryptionKeyIsRefusedOnceKeysExist(@TempDir Path dir) {
        log.append(AuditRecord.of("staff:10000004", "policy.version.published", "SM-001/9.9", Map.of()));
        Path missing = dir.resolve("missing.key");
        assertThatThrownBy(() ->
                        new RecordKeys(mongo, Clock.systemUTC(), new SealingProperties(missing, Duration.ZERO, true)))
                .hasMessageContaining("is missing but the key store holds record keys");
        assertThat(missing).doesNotExist();
        assertThatThrownBy(() -> new RecordKeys(
                        new MongoTemplate(mongo.getMongoDatabaseFactory()) {
                            @Override
                            public boolean exists(
                                    org.springframework.data.mongodb.core.query.Query query, Class<?> entityClass) {
                                return false; // a first start
                            }
                        },
                        Clock.systemUTC(),
                        new SealingProperties(missing, Duration.ZERO, false)))
                .as("production never generates one, even on a first start")
                .hasMessageContaining("does not exist: in production give every replica the same key");
        assertThat(missing).doesNotExist();
    }

    @Test
    void aKeyStoreOlderThanTheLogIsRefusedAtStart() {
        RecordUnit record = new RecordUnit(RecordUnit.TRAINING_RECORD, "10000077");
        log.append(AuditRecord.of("staff:10000077", "training.reminder", "T-1", Map.of("staffNumber", "10000077")));
        String keyId = keys.keyIdOf(record);
        RecordKeys sameKek = new RecordKeys(mongo, Clock.systemUTC(), settings);
        new SealedLogCheck(log, sameKek).afterPropertiesSet();

        Document saved = mongo.getCollection("record_keys").findOneAndDelete(new Document("_id", keyId));
        try {
            RecordKeys restoredFromAnOlderBackup = new RecordKeys(
                    mongo, Clock.systemUTC(), new SealingProperties(settings.kekFile(), Duration.ZERO, true));
            assertThatThrownBy(() -> new SealedLogCheck(log, restoredFromAnOlderBackup).afterPropertiesSet())
                    .hasMessageContaining("record key(s) the key store does not hold")
                    .hasMessageContaining("from the same backup");
        } finally {
            mongo.getCollection("record_keys").insertOne(saved);
        }
        new SealedLogCheck(log, new RecordKeys(mongo, Clock.systemUTC(), settings)).afterPropertiesSet();
    }
}
