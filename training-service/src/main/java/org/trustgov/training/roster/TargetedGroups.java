package org.trustgov.training.roster;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.util.ArrayList;
import java.util.List;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;

/**
 * The groups a targeted refresher goes to (the active staff of one department, or of the line-management chain under
 * a named manager within it), and the refresher marks on their roster records that the compliance rule reads.
 */
@Service
public class TargetedGroups {

    /** How a refresher's group stands: how many it was assigned to, and how many completed the module since. */
    public record Progress(long assigned, long completed) {}

    private final MongoTemplate mongo;

    TargetedGroups(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /** The active staff of {@code department}, under {@code manager} (directly or down the chain) when one is named. */
    static Criteria group(String department, String manager) {
        List<Criteria> all = new ArrayList<>();
        all.add(where("active").is(true));
        all.add(where("department").is(department));
        if (manager != null) {
            all.add(RosterQueries.underManager(manager));
        }
        return new Criteria().andOperator(all);
    }

    /** How many the group holds now. */
    public long size(String department, String manager) {
        return mongo.count(query(group(department, manager)), StaffMember.class);
    }

    /**
     * Marks a refresher on module {@code moduleCode} on every record of the group (replacing an earlier refresher on
     * the same module): idempotent, so a repair after a stop may repeat it. Returns how many records it reached.
     */
    public long mark(String moduleCode, RefresherDue due, String department, String manager) {
        return mongo.updateMulti(
                        query(group(department, manager)),
                        new Update().set("refreshers." + moduleCode, due),
                        StaffMember.class)
                .getMatchedCount();
    }

    /** Who carries refresher {@code refresherId} on {@code moduleCode}, and how many completed the module since it. */
    public Progress progress(String refresherId, String moduleCode) {
        String refresher = "refreshers." + moduleCode;
        Query carrying = query(where(refresher + ".refresherId").is(refresherId));
        carrying.fields().include(refresher, "standings." + moduleCode);
        long assigned = 0;
        long completed = 0;
        for (StaffMember member : mongo.find(carrying, StaffMember.class)) {
            assigned++;
            RefresherDue due = member.getRefreshers().get(moduleCode);
            Standing standing = member.getStandings().get(moduleCode);
            if (due != null && standing != null && !due.outstanding(standing.completedAt())) {
                completed++;
            }
        }
        return new Progress(assigned, completed);
    }
}
