package org.trustgov.training.roster;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;
import org.trustgov.starter.mongo.StoreCompaction;

/**
 * Roster records as records the trust keeps ({@code staff-record}): the leavers whose retention has run, and the
 * destruction of one: their roster record, and their staff number wherever the roster copied it (the line manager of
 * others, the management chains).
 */
@Service
public class StaffRecords {

    private final MongoTemplate mongo;
    private final StoreCompaction compaction;

    StaffRecords(MongoTemplate mongo, StoreCompaction compaction) {
        this.mongo = mongo;
        this.compaction = compaction;
    }

    /**
     * One person's roster record, if HR sent one: the day they left ({@code null} inside while they have not).
     */
    public java.util.Optional<java.util.Optional<Instant>> leftOn(String staffNumber) {
        var one = query(where("_id").is(staffNumber));
        one.fields().include("_id").include("active").include("leavingDate");
        StaffMember member = mongo.findOne(one, StaffMember.class);
        if (member == null) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(java.util.Optional.ofNullable(
                member.isActive() || member.getLeavingDate() == null
                        ? null
                        : member.getLeavingDate().atStartOfDay(ZoneOffset.UTC).toInstant()));
    }

    /**
     * Of {@code staffNumbers}, those still employed: on the roster and active. A training record reaches the end of
     * its retention ten years after its latest completion, which can be someone who still works here; the disposal
     * list says so.
     */
    public java.util.Set<String> stillEmployed(java.util.Collection<String> staffNumbers) {
        java.util.Set<String> employed = new java.util.HashSet<>();
        for (java.util.List<String> batch :
                org.trustgov.starter.Batches.of(java.util.List.copyOf(staffNumbers), 1_000)) {
            var q = query(where("_id").in(batch).and("active").is(true));
            q.fields().include("_id");
            mongo.find(q, StaffMember.class).forEach(s -> employed.add(s.getStaffNumber()));
        }
        return employed;
    }

    /** Leavers who left before {@code before}, longest gone first: staff number to the day they left. */
    public Map<String, Instant> leftBefore(Instant before, int limit) {
        Map<String, Instant> left = new LinkedHashMap<>();
        LocalDate day = before.atZone(ZoneOffset.UTC).toLocalDate();
        var q = query(where("active").is(false).and("leavingDate").lt(day))
                .with(Sort.by("leavingDate"))
                .limit(limit);
        q.fields().include("_id").include("leavingDate");
        mongo.find(q, StaffMember.class)
                .forEach(s -> left.put(
                        s.getStaffNumber(),
                        s.getLeavingDate().atStartOfDay(ZoneOffset.UTC).toInstant()));
        return left;
    }

    /** Destroys the person's roster record and every copy of their staff number in others' records. */
    public void erase(String staffNumber) {
        compaction.afterErasure(StaffMember.class);
        mongo.remove(query(where("_id").is(staffNumber)), StaffMember.class);
        mongo.updateMulti(
                query(where("lineManagerStaffNumber").is(staffNumber)),
                new Update().unset("lineManagerStaffNumber"),
                StaffMember.class);
        mongo.updateMulti(
                query(where("managers").is(staffNumber)),
                new Update().pull("managers", staffNumber),
                StaffMember.class);
    }

    /** Forgets the completions the roster copied for the compliance reports (their training record is destroyed). */
    public void forgetStandings(String staffNumber) {
        compaction.afterErasure(StaffMember.class);
        mongo.updateFirst(query(where("_id").is(staffNumber)), new Update().unset("standings"), StaffMember.class);
    }
}
