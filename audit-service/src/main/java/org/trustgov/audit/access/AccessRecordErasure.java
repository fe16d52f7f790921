package org.trustgov.audit.access;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.util.Set;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.stereotype.Component;
import org.trustgov.audit.log.sealing.RecordUnit;
import org.trustgov.audit.retention.RecordHolder;
import org.trustgov.starter.mongo.StoreCompaction;

/**
 * Access records go with the records they are about. When a person's training or staff record is destroyed at the
 * end of its retention, every access record about them becomes a tombstone (its id, its batch and its leaf in the
 * batch's tree, nothing else), and every record of a read they made of someone else's record loses their identity
 * ({@code [destroyed]}, the leaf kept as bound); when a conduct case is destroyed, the records of reads of it become
 * tombstones. The batches still verify against the log, and the store is compacted so that no file keeps what was
 * destroyed. Idempotent, like every holder's destruction.
 */
@Component
class AccessRecordErasure implements RecordHolder {

    static final String DESTROYED = "[destroyed]";

    private final MongoTemplate mongo;
    private final ObjectProvider<StoreCompaction> compaction;

    AccessRecordErasure(MongoTemplate mongo, ObjectProvider<StoreCompaction> compaction) {
        this.mongo = mongo;
        this.compaction = compaction;
    }

    @Override
    public String name() {
        return "audit-service's access records";
    }

    @Override
    public Set<String> keeps() {
        return Set.of("training-record", "staff-record", "conduct-case");
    }

    /** Other services relay their batches after a delay: {@link AccessRecordStore} checks each against the tombstones. */
    @Override
    public boolean takesCopiesFromElsewhere() {
        return true;
    }

    @Override
    public void destroy(String recordClass, String reference) {
        Criteria about = recordClass.equals("conduct-case")
                ? where("recordId").is(reference)
                : where("subjectStaffNumber").is(reference);
        // Each record is left as StoredAccessRecord.after says, the same rule a batch arriving later is kept by.
        Set<RecordUnit> disposed = Set.of(new RecordUnit(recordClass, reference));
        for (StoredAccessRecord r : mongo.find(query(about), StoredAccessRecord.class)) {
            mongo.save(r.after(disposed));
        }
        if (!recordClass.equals("conduct-case")) {
            for (StoredAccessRecord r :
                    mongo.find(query(where("viewer").is("staff:" + reference)), StoredAccessRecord.class)) {
                mongo.save(r.after(disposed));
            }
        }
        StoreCompaction compacting = compaction.getIfAvailable();
        if (compacting != null) {
            compacting.afterErasure(StoredAccessRecord.class);
        }
    }
}
