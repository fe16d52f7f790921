package org.trustgov.training.attempts;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.time.Instant;
import org.springframework.context.event.EventListener;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.stereotype.Service;
import org.trustgov.training.compliance.ComplianceRule;
import org.trustgov.training.roster.RosterStandings;
import org.trustgov.training.roster.StaffAdded;
import org.trustgov.training.roster.Standing;

/**
 * Keeps each roster record's standings in step with the completions, through the roster's one writer of them
 * ({@link RosterStandings}): at each pass, for people HR adds after they passed, and in the repair that follows a
 * stop between a pass's two writes.
 */
@Service
public class CompletionStandings {

    private final MongoTemplate mongo;
    private final RosterStandings roster;

    CompletionStandings(MongoTemplate mongo, RosterStandings roster) {
        this.mongo = mongo;
        this.roster = roster;
    }

    /**
     * Records a completion on the person's roster record, unless a later one is there already.
     *
     * @return whether the record changed
     */
    public boolean record(String staffNumber, Attempt.Completion c) {
        return roster.record(
                staffNumber,
                c.moduleCode(),
                new Standing(
                        c.moduleVersion(),
                        c.policyVersion(),
                        ComplianceRule.majorOf(c.policyVersion()),
                        c.completedAt(),
                        c.expiresAt(),
                        c.certificateId()));
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
        mongo.stream(
                        query(new Criteria()
                                .andOperator(
                                        where("passed").is(true),
                                        where("completion.completedAt").gte(since))),
                        Attempt.class)
                .forEach(a -> {
                    if (record(a.getStaffNumber(), a.getCompletion())) {
                        changed[0]++;
                    }
                });
        return changed[0];
    }

    /** For staff HR has just added: completions they recorded before they were on the roster. */
    @EventListener
    public void backfill(StaffAdded added) {
        if (added.staffNumbers().isEmpty()) {
            return;
        }
        mongo.stream(
                        query(new Criteria()
                                .andOperator(
                                        where("staffNumber").in(added.staffNumbers()),
                                        where("passed").is(true))),
                        Attempt.class)
                .forEach(a -> record(a.getStaffNumber(), a.getCompletion()));
    }
}
