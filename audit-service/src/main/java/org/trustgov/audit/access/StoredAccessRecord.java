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

/** An {@link AccessRecord} as kept, with the batch whose Merkle root the log binds. */
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
        @Indexed String batchId) {

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
                batchId);
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
