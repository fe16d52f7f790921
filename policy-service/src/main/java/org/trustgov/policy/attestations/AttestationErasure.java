package org.trustgov.policy.attestations;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Service;

/** A person's acknowledgements, destroyed with their training record when its retention has ended. */
@Service
public class AttestationErasure {

    private final MongoTemplate mongo;

    AttestationErasure(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /** Removes every acknowledgement the person made (events still waiting in one go to the log first). */
    public long erase(String staffNumber) {
        return mongo.remove(query(where("staffNumber").is(staffNumber)), Attestation.class)
                .getDeletedCount();
    }
}
