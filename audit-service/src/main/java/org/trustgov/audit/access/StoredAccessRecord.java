package org.trustgov.audit.access;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.index.CompoundIndexes;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;
import org.trustgov.audit.log.sealing.RecordKeys;
import org.trustgov.audit.log.sealing.RecordUnit;
import org.trustgov.auditclient.access.AccessRecord;
import org.trustgov.auditclient.access.AccessRecord.Outcome;
import org.trustgov.auditclient.access.AccessRecord.Route;
import org.trustgov.auditclient.access.AccessRecord.What;

/**
 * An {@link AccessRecord} as kept, with the batch whose Merkle root the log binds. When the person it is about is
 * disposed of it becomes a tombstone (its id, batch and {@code leaf}, nothing else, {@code erased}); when its reader is,
 * the reader reads {@code [destroyed]} and {@code leaf} keeps the leaf the log bound. Either way the batch verifies.
 */
@Document("access_records")
@CompoundIndexes({
    @CompoundIndex(name = "about_subject", def = "{'subjectStaffNumber': 1, 'at': -1}"),
    @CompoundIndex(name = "about_record", def = "{'recordId': 1, 'at': -1}"),
    // governance's list, newest first, with a time range or a viewer and none of the above
    @CompoundIndex(name = "newest", def = "{'at': -1}"),
    @CompoundIndex(name = "by_viewer", def = "{'viewer': 1, 'at': -1}")
})
public record StoredAccessRecord(
        @Id String id,
        Instant at,
        String viewer,
        String viewerRole,
        String viewerDepartment,
        What what,
        String recordId,
        String subjectStaffNumber,
        Route route,
        Outcome outcome,
        String service,
        @Indexed String batchId,
        String leaf,
        Boolean erased) {

    private static final String STAFF = "staff:";

    /** The most records read in one query when the records of many batches are read. */
    static final int READ_AT_ONCE = 20_000;

    /**
     * The records kept of each of {@code batches}, by batch id (a batch with none kept maps to nothing): read a few
     * thousand batches at a time by {@code batchId $in}, never one query per batch (a store without the batch index, as
     * the embedded one, reads the whole collection for each query).
     */
    static Map<String, List<StoredAccessRecord>> ofBatches(MongoTemplate mongo, List<AccessBatch> batches) {
        return ofBatches(mongo, batches, READ_AT_ONCE);
    }

    static Map<String, List<StoredAccessRecord>> ofBatches(
            MongoTemplate mongo, List<AccessBatch> batches, int readAtOnce) {
        Map<String, List<StoredAccessRecord>> kept = new HashMap<>();
        List<String> ids = new ArrayList<>();
        long records = 0;
        for (int i = 0; i < batches.size(); i++) {
            ids.add(batches.get(i).id());
            records += Math.max(1, batches.get(i).records());
            if (records >= readAtOnce || i == batches.size() - 1) {
                mongo.find(query(where("batchId").in(ids)), StoredAccessRecord.class)
                        .forEach(r -> kept.computeIfAbsent(r.batchId(), id -> new ArrayList<>())
                                .add(r));
                ids.clear();
                records = 0;
            }
        }
        return kept;
    }

    static StoredAccessRecord of(AccessRecord r, String batchId) {
        return of(r, batchId, null);
    }

    /** @param leaf the leaf the log bound, when the record no longer computes it (its reader's name is gone) */
    private static StoredAccessRecord of(AccessRecord r, String batchId, String leaf) {
        return new StoredAccessRecord(
                r.id(),
                r.at(),
                r.viewer(),
                r.viewerRole(),
                r.viewerDepartment(),
                r.what(),
                r.recordId(),
                r.subjectStaffNumber(),
                r.route(),
                r.outcome(),
                r.service(),
                batchId,
                leaf,
                null);
    }

    /**
     * The records whose disposal takes this one: the conduct case it is a read of (by its reference), and the training
     * and staff records of the person it is about.
     */
    Set<RecordUnit> about() {
        Set<RecordUnit> records = new HashSet<>();
        if (recordId != null && (what == What.INCIDENT || what == What.CASE_BUNDLE || what == What.OUTCOME)) {
            records.add(new RecordUnit(RecordUnit.CONDUCT_CASE, recordId));
        }
        if (subjectStaffNumber != null) {
            records.add(new RecordUnit(RecordUnit.TRAINING_RECORD, subjectStaffNumber));
            records.add(new RecordUnit(RecordUnit.STAFF_RECORD, subjectStaffNumber));
        }
        return records;
    }

    /** The records whose disposal takes its reader's identity: the reader's training and staff records, if staff. */
    Set<RecordUnit> reader() {
        if (viewer == null || !viewer.startsWith(STAFF)) {
            return Set.of();
        }
        String staffNumber = viewer.substring(STAFF.length());
        return Set.of(
                new RecordUnit(RecordUnit.TRAINING_RECORD, staffNumber),
                new RecordUnit(RecordUnit.STAFF_RECORD, staffNumber));
    }

    /**
     * The record as kept after the disposals of {@code lastDestroyed} ({@link RecordKeys#lastDestroyedAmong}): as
     * {@link #after(Set)} leaves it for the records it belongs to a destroyed life of. A read made after a person's
     * records were disposed of is of their records begun again (a leaver rehired), and is kept as it is.
     */
    StoredAccessRecord afterDisposals(Map<RecordUnit, Instant> lastDestroyed) {
        return after(RecordKeys.destroyedAsOf(lastDestroyed, at));
    }

    /**
     * The record as kept once {@code destroyed} records are gone (as {@link AccessRecordErasure} leaves it): a
     * tombstone if it is about one of them, read by {@code [destroyed]} if its reader's is, else as it is.
     */
    StoredAccessRecord after(Set<RecordUnit> destroyed) {
        if (about().stream().anyMatch(destroyed::contains)) {
            return new StoredAccessRecord(
                    id, null, null, null, null, null, null, null, null, null, null, batchId, leafHash(), true);
        }
        if (reader().stream().anyMatch(destroyed::contains)) {
            return of(record().readBy(AccessRecordErasure.DESTROYED), batchId, leafHash());
        }
        return this;
    }

    /**
     * The record's leaf in its batch's tree: as kept once its person's records were destroyed (the content is gone or
     * its reader's identity is), else computed from the record.
     */
    String leafHash() {
        return leaf != null ? leaf : BatchTree.leafOf(record());
    }

    AccessRecord record() {
        return new AccessRecord(
                id,
                at,
                viewer,
                viewerRole,
                viewerDepartment,
                what,
                recordId,
                subjectStaffNumber,
                route,
                outcome,
                service);
    }
}
