package org.trustgov.training.roster;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import com.mongodb.bulk.BulkWriteResult;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;

import org.springframework.data.mongodb.core.BulkOperations;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;
import org.trustgov.training.compliance.Standings;

/**
 * HR's bulk roster upsert, idempotent by staff number. Rows are read, checked and written a chunk at a time, so
 * a 20,000-row upload never sits in memory as documents; each valid row is one single-document upsert, so a bad
 * row (rejected with its reasons) never blocks or half-applies the good ones. Sending the same roster twice
 * changes nothing and reports every row as unchanged.
 */
@Service
public class RosterUpsert {

    static final int CHUNK = 1000;

    private final MongoTemplate mongo;
    private final Validator validator;
    private final Standings standings;
    private final Clock clock;

    RosterUpsert(MongoTemplate mongo, Validator validator, Standings standings, Clock clock) {
        this.mongo = mongo;
        this.validator = validator;
        this.standings = standings;
        this.clock = clock;
    }

    public UpsertReport upsert(Iterator<RosterRows.Parsed> rows) {
        Map<String, Integer> seen = new HashMap<>();
        List<UpsertReport.Rejected> rejected = new ArrayList<>();
        List<RosterRow> chunk = new ArrayList<>(CHUNK);
        int received = 0;
        long[] totals = new long[3]; // inserted, updated, unchanged
        while (rows.hasNext()) {
            RosterRows.Parsed parsed = rows.next();
            received++;
            List<Map<String, String>> errors = new ArrayList<>(parsed.errors());
            for (ConstraintViolation<RosterRow> violation : validator.validate(parsed.value())) {
                errors.add(RosterRows.error(field(violation), violation.getMessage()));
            }
            String staffNumber = parsed.value().staffNumber();
            if (errors.isEmpty()) {
                Integer first = seen.putIfAbsent(staffNumber, parsed.row());
                if (first != null) {
                    errors.add(RosterRows.error("staffNumber", "appears more than once in this upload (first at row " + first + ")"));
                }
            }
            if (!errors.isEmpty()) {
                rejected.add(new UpsertReport.Rejected(parsed.row(), staffNumber, errors));
                continue;
            }
            chunk.add(parsed.value());
            if (chunk.size() == CHUNK) {
                write(chunk, totals);
            }
        }
        write(chunk, totals);
        return new UpsertReport(received, (int) totals[0], (int) totals[1], (int) totals[2], rejected);
    }

    private void write(List<RosterRow> chunk, long[] totals) {
        if (chunk.isEmpty()) {
            return;
        }
        BulkOperations bulk = mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, StaffMember.class);
        for (RosterRow row : chunk) {
            Update update = new Update()
                    .set("name", row.name())
                    .set("workEmail", row.workEmail())
                    .set("department", row.department())
                    .set("staffGroup", row.staffGroup())
                    .set("registration", row.registrationBody() == null ? null
                            : new StaffMember.Registration(row.registrationBody(), row.registrationNumber()))
                    .set("lineManagerStaffNumber", row.lineManagerStaffNumber())
                    .set("active", row.isActive())
                    .set("leavingDate", row.leavingDate())
                    .setOnInsert("createdAt", clock.instant());
            bulk.upsert(query(where("_id").is(row.staffNumber())), update);
        }
        BulkWriteResult result = bulk.execute();
        int inserted = result.getUpserts().size();
        // Someone may have completed training before HR added them: bring their completions onto the new record.
        standings.backfill(result.getUpserts().stream().map(u -> chunk.get(u.getIndex()).staffNumber()).toList());
        totals[0] += inserted;
        totals[1] += result.getModifiedCount();
        totals[2] += result.getMatchedCount() - result.getModifiedCount();
        chunk.clear();
    }

    /** The field a violation is about; class-level rules name the field a person would fix. */
    private static String field(ConstraintViolation<RosterRow> violation) {
        String path = violation.getPropertyPath().toString();
        return switch (path) {
            case "leavingDateGivenForLeavers" -> "leavingDate";
            case "registrationComplete" -> "registrationNumber";
            default -> path;
        };
    }
}
