package org.trustgov.training.roster;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;

/**
 * The one writer of a staff record's {@link Standing}s ({@code standings.<module code>}): each person's latest
 * completion of each module, kept on their roster record so that compliance is one aggregation over the roster.
 * A write is conditional on being newer than what is there, so the order in which completions arrive, or are
 * replayed after a stop, does not matter.
 */
@Service
public class RosterStandings {

    private final MongoTemplate mongo;

    RosterStandings(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /**
     * Records {@code standing} as the person's latest completion of {@code moduleCode}, unless a later one is there
     * (or the person is not on the roster yet: {@link StaffAdded} brings it in when they are).
     *
     * @return whether the record changed
     */
    public boolean record(String staffNumber, String moduleCode, Standing standing) {
        return setUnlessLater(staffNumber, moduleCode, "completedAt", standing.completedAt(), standing);
    }

    /**
     * Records an approved transferred completion or exemption ({@link Standing#basis()}) as the person's standing on
     * {@code moduleCode}, unless what is there already runs as long or longer: an override only ever improves a
     * standing, never cuts one short.
     *
     * @return whether the record changed
     */
    public boolean recordOverride(String staffNumber, String moduleCode, Standing standing) {
        return setUnlessLater(staffNumber, moduleCode, "expiresAt", standing.expiresAt(), standing);
    }

    /** Sets the standing unless the one there has {@code compared} at or after {@code value}. */
    private boolean setUnlessLater(
            String staffNumber, String moduleCode, String compared, java.time.Instant value, Standing standing) {
        String field = "standings." + moduleCode;
        return mongo.updateFirst(
                                query(where("_id")
                                        .is(staffNumber)
                                        .orOperator(
                                                where(field).exists(false),
                                                where(field + "." + compared).lt(value))),
                                new Update().set(field, standing),
                                StaffMember.class)
                        .getModifiedCount()
                > 0;
    }
}
