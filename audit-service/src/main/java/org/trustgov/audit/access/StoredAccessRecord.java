package org.trustgov.audit.access;

import java.time.Instant;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.index.CompoundIndexes;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;
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
    @CompoundIndex(name = "about_record", def = "{'recordId': 1, 'at': -1}")
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

    static StoredAccessRecord of(AccessRecord r, String batchId) {
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
                null,
                null);
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
