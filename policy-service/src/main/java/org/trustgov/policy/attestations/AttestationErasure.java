package org.trustgov.policy.attestations;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Service;
import org.trustgov.starter.mongo.StoreCompaction;

/** A person's acknowledgements, destroyed with their training record when its retention has ended. */
@Service
public class AttestationErasure {

    private final MongoTemplate mongo;
    private final StoreCompaction compaction;

    AttestationErasure(MongoTemplate mongo, StoreCompaction compaction) {
        this.mongo = mongo;
        this.compaction = compaction;
    }

    /** Removes every acknowledgement the person made (events still waiting in one go to the log first). */
    public long erase(String staffNumber) {
        compaction.afterErasure(Attestation.class);
        return mongo.remove(query(where("staffNumber").is(staffNumber)), Attestation.class)
                .getDeletedCount();
    }
}
