package org.trustgov.training.compliance;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.time.Instant;
import java.util.Collection;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;
import org.trustgov.training.attempts.Attempt;
import org.trustgov.training.roster.StaffMember;

/**
 * Keeps each roster record's {@link Standing}s in step with the completions. Every write is conditional on being
 * newer than what is there, so the order in which completions arrive (or are replayed) does not matter.
 */
@Service
public class Standings {

    private final MongoTemplate mongo;

    Standings(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /**
     * Records a completion on the person's roster record, unless a later one is there already.
     *
     * @return whether the record changed
     */
    public boolean record(String staffNumber, Attempt.Completion c) {
        String field = "standings." + c.moduleCode();
        Standing standing = new Standing(c.moduleVersion(), c.policyVersion(), ComplianceStatus.majorOf(c.policyVersion()),
                c.completedAt(), c.expiresAt(), c.certificateId());
        return mongo.updateFirst(query(where("_id").is(staffNumber).orOperator(where(field).exists(false),
                        where(field + ".completedAt").lt(c.completedAt()))),
                new Update().set(field, standing), StaffMember.class).getModifiedCount() > 0;
    }

    /**
     * Records again every pass completed since {@code since}. A pass is written to its attempt first and to the
     * roster second, without a transaction; if the service stopped between the two, this puts the standing right.
     * Recording is conditional, so passes already on the roster change nothing.
     *
     * @return how many roster records changed
     */
    public int repairSince(Instant since) {
        int[] changed = {0};
        mongo.stream(query(new Criteria().andOperator(where("passed").is(true), where("completion.completedAt").gte(since))),
                Attempt.class).forEach(a -> {
                    if (record(a.getStaffNumber(), a.getCompletion())) {
                        changed[0]++;
                    }
                });
        return changed[0];
    }

    /** For staff HR has just added: completions they recorded before they were on the roster. */
    public void backfill(Collection<String> staffNumbers) {
        if (staffNumbers.isEmpty()) {
            return;
        }
        mongo.stream(query(new Criteria().andOperator(where("staffNumber").in(staffNumbers), where("passed").is(true))),
                Attempt.class).forEach(a -> record(a.getStaffNumber(), a.getCompletion()));
    }
}
