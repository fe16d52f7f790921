package org.trustgov.audit.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.trustgov.audit.log.chain.AuditLog;
import org.trustgov.audit.log.sealing.RecordKeys;
import org.trustgov.audit.log.sealing.RecordUnit;
import org.trustgov.audit.log.sealing.SealingProperties;
import org.trustgov.auditclient.access.AccessRecord;
import org.trustgov.auditclient.access.AccessRecord.What;
import org.trustgov.starter.mongo.ScheduledJobs;
import org.trustgov.starter.mongo.StoreCompaction;
import org.trustgov.test.IntegrationTest;

/**
 * A batch of access records that arrives after a disposal took the records it names (another service relays its
 * batches every few seconds, later while audit-service is away): what it says about the person or the case is kept as
 * the disposal left the rest, never with the name the disposal took, and the batch still verifies. So too when the
 * disposal's tombstone is stored while the batch is being kept.
 */
@IntegrationTest
class LateBatchesTest {

    @Autowired
    MongoTemplate mongo;

    @Autowired
    AccessRecordStore store;

    @Autowired
    AccessRecords records;

    @Autowired
    RecordKeys keys;

    @Test
    void aBatchArrivingAfterTheDisposalNamesNoOneItTook() {
        Instant since = Instant.now().minusMillis(1);
        String leaver = "10000071";
        String roster = "10000072"; // only their roster record is disposed of (its six years end first)
        String caseReference = "SMB-2026-970071";
        // Read before the disposals, relayed after them.
        AccessRecord aboutTheLeaver = read("staff:10000004", What.COMPLIANCE_RECORD, leaver, leaver);
        AccessRecord byTheLeaver = read("staff:" + leaver, What.STAFF_RECORD, "10000002", "10000002");
        AccessRecord aboutTheRosterRecord = read("client:hr-system", What.STAFF_RECORD, roster, roster);
        AccessRecord ofTheCase = read("staff:10000004", What.CASE_BUNDLE, caseReference, "10000002");
        AccessRecord unrelated = read("staff:10000004", What.CERTIFICATE, "10000002", "10000002");
        keys.destroy(new RecordUnit(RecordUnit.TRAINING_RECORD, leaver), "training-record", "DL-late-1");
        keys.destroy(new RecordUnit(RecordUnit.STAFF_RECORD, roster), "staff-record", "DL-late-1");
        keys.destroy(new RecordUnit(RecordUnit.CONDUCT_CASE, caseReference), "conduct-case", "DL-late-1");
        String batchId = UUID.randomUUID().toString();
        assertThat(store.keep(
                        batchId, List.of(aboutTheLeaver, byTheLeaver, aboutTheRosterRecord, ofTheCase, unrelated)))
                .as("the records kept without whom the disposals took, for the sender to compact its copy away")
                .isEqualTo(4);

        List<Document> kept = kept(batchId);
        assertThat(kept).hasSize(5);
        assertThat(kept.toString())
                .as("no record names whom the disposals took")
                .doesNotContain(leaver)
                .doesNotContain(roster)
                .doesNotContain(caseReference);
        assertThat(kept)
                .filteredOn(d -> Boolean.TRUE.equals(d.get("erased")))
                .extracting(d -> d.getString("_id"))
                .containsExactlyInAnyOrder(aboutTheLeaver.id(), aboutTheRosterRecord.id(), ofTheCase.id());
        assertThat(kept)
                .filteredOn(d -> "[destroyed]".equals(d.get("viewer")))
                .extracting(d -> d.getString("_id"))
                .containsExactly(byTheLeaver.id());
        assertThat(kept)
                .filteredOn(d -> d.getString("_id").equals(unrelated.id()))
                .singleElement()
                .satisfies(d -> assertThat(d.getString("subjectStaffNumber")).isEqualTo("10000002"));

        AccessRecords.Verification verified =
                records.verify(since, Instant.now().plusSeconds(1));
        assertThat(verified.intact()).as(verified.toString()).isTrue();
        assertThat(verified.records()).isGreaterThanOrEqualTo(5);
    }

    /**
     * A person whose records were disposed of comes back (a leaver rehired under the same staff number): what is read
     * about them, or by them, after the disposal destroyed every copy is of their records begun again and is kept as
     * it is, while a read made before it, or while the disposal was still destroying copies (a staff record's
     * tombstone comes first, and the roster record is read until training-service destroys it), relayed in the same
     * batch, is kept as the disposal left it. A case never comes back.
     */
    @Test
    void aReadMadeAfterAPersonsDisposalIsOfTheirRecordBegunAgain(@Autowired SealingProperties sealing) {
        Instant since = Instant.now().minusMillis(1);
        String rehired = "10000074";
        String caseReference = "SMB-2026-970074";
        Instant tombstone = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        Instant everyCopyGone = tombstone.plusSeconds(10);
        AccessRecord beforeTheDisposal =
                read(tombstone.minusSeconds(1), "staff:10000004", What.COMPLIANCE_RECORD, rehired, rehired);
        AccessRecord whileDestroying =
                read(tombstone.plusSeconds(5), "client:hr-system", What.STAFF_RECORD, rehired, rehired);
        RecordKeys atTombstone = new RecordKeys(mongo, Clock.fixed(tombstone, java.time.ZoneOffset.UTC), sealing);
        RecordKeys atTheEnd = new RecordKeys(mongo, Clock.fixed(everyCopyGone, java.time.ZoneOffset.UTC), sealing);
        for (RecordUnit record : List.of(
                new RecordUnit(RecordUnit.TRAINING_RECORD, rehired),
                new RecordUnit(RecordUnit.STAFF_RECORD, rehired),
                new RecordUnit(RecordUnit.CONDUCT_CASE, caseReference))) {
            atTombstone.destroy(record, record.recordClass(), "DL-late-3");
            atTheEnd.completed(record, "DL-late-3");
        }
        Instant later = everyCopyGone.plusMillis(1); // what was made in the end's own millisecond belongs to it
        AccessRecord aboutTheRehire = read(later, "client:hr-system", What.STAFF_RECORD, rehired, rehired);
        AccessRecord byTheRehire = read(later, "staff:" + rehired, What.CERTIFICATE, "10000002", "10000002");
        AccessRecord ofTheCase = read(later, "staff:10000004", What.CASE_BUNDLE, caseReference, "10000002");
        String batchId = UUID.randomUUID().toString();

        assertThat(store.keep(
                        batchId, List.of(beforeTheDisposal, whileDestroying, aboutTheRehire, byTheRehire, ofTheCase)))
                .as("the reads before the disposal ended and the case's are kept without whom the disposals took")
                .isEqualTo(3);
        List<Document> kept = kept(batchId);
        assertThat(kept)
                .filteredOn(d -> Boolean.TRUE.equals(d.get("erased")))
                .extracting(d -> d.getString("_id"))
                .containsExactlyInAnyOrder(beforeTheDisposal.id(), whileDestroying.id(), ofTheCase.id());
        assertThat(kept)
                .filteredOn(d -> d.getString("_id").equals(aboutTheRehire.id()))
                .singleElement()
                .satisfies(d -> assertThat(d.getString("subjectStaffNumber")).isEqualTo(rehired));
        assertThat(kept)
                .filteredOn(d -> d.getString("_id").equals(byTheRehire.id()))
                .singleElement()
                .satisfies(d -> assertThat(d.getString("viewer")).isEqualTo("staff:" + rehired));
        AccessRecords.Verification verified =
                records.verify(since, Instant.now().plusSeconds(60));
        assertThat(verified.intact()).as(verified.toString()).isTrue();
    }

    @Test
    void aDisposalWhoseTombstoneLandsWhileTheBatchIsKeptStillTakesTheRecord(
            @Autowired Clock clock,
            @Autowired SealingProperties sealing,
            @Autowired AuditLog log,
            @Autowired ScheduledJobs jobs,
            @Autowired ObjectProvider<StoreCompaction> compaction) {
        Instant since = Instant.now().minusMillis(1);
        String leaver = "10000073";
        RecordUnit trainingRecord = new RecordUnit(RecordUnit.TRAINING_RECORD, leaver);
        // The disposal stores its tombstone right after the batch's first look at the tombstones, and its pass over
        // the access records has run by then: only the batch's second look can catch the record.
        RecordKeys keysWithADisposalMeanwhile = new RecordKeys(mongo, clock, sealing) {
            private boolean looked;

            @Override
            public Map<RecordUnit, Instant> lastDestroyedAmong(Collection<RecordUnit> named) {
                Map<RecordUnit, Instant> destroyed = super.lastDestroyedAmong(named);
                if (!looked) {
                    looked = true;
                    keys.destroy(trainingRecord, "training-record", "DL-late-2");
                }
                return destroyed;
            }
        };
        AccessRecordStore storeMeanwhile =
                new AccessRecordStore(mongo, log, jobs, clock, keysWithADisposalMeanwhile, compaction);

        AccessRecord aboutTheLeaver = read("staff:10000004", What.COMPLIANCE_RECORD, leaver, leaver);
        AccessRecord unrelated = read("staff:10000004", What.CERTIFICATE, "10000002", "10000002");
        String batchId = UUID.randomUUID().toString();
        assertThat(storeMeanwhile.keep(batchId, List.of(aboutTheLeaver, unrelated)))
                .isEqualTo(1);

        List<Document> kept = kept(batchId);
        assertThat(kept.toString()).doesNotContain(leaver);
        assertThat(kept)
                .filteredOn(d -> Boolean.TRUE.equals(d.get("erased")))
                .extracting(d -> d.getString("_id"))
                .containsExactly(aboutTheLeaver.id());
        AccessRecords.Verification verified =
                records.verify(since, Instant.now().plusSeconds(1));
        assertThat(verified.intact()).as(verified.toString()).isTrue();
    }

    private List<Document> kept(String batchId) {
        return mongo.getCollection(mongo.getCollectionName(StoredAccessRecord.class))
                .find(new Document("batchId", batchId))
                .into(new ArrayList<>());
    }

    private static AccessRecord read(String viewer, What what, String recordId, String subject) {
        return read(Instant.now(), viewer, what, recordId, subject);
    }

    private static AccessRecord read(Instant at, String viewer, What what, String recordId, String subject) {
        return new AccessRecord(
                UUID.randomUUID().toString(),
                at,
                viewer,
                "governance",
                "Clinical Governance",
                what,
                recordId,
                subject,
                AccessRecord.Route.API,
                AccessRecord.Outcome.READ,
                "training-service");
    }
}
