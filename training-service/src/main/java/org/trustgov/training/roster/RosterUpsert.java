package org.trustgov.training.roster;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import com.mongodb.bulk.BulkWriteResult;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.data.mongodb.core.BulkOperations;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;
import org.trustgov.auditclient.AuditOutbox;
import org.trustgov.keycloak.Caller;
import org.trustgov.starter.limits.BodyTooLargeException;

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
    private final ApplicationEventPublisher events;
    private final AuditOutbox audit;
    private final ManagementChains chains;
    private final Clock clock;

    RosterUpsert(
            MongoTemplate mongo,
            Validator validator,
            ApplicationEventPublisher events,
            AuditOutbox audit,
            ManagementChains chains,
            Clock clock) {
        this.chains = chains;
        this.mongo = mongo;
        this.validator = validator;
        this.events = events;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * Applies an upload and records it: the upload's own record first, the rows, then the record completed with the
     * counts and its audit event in one write (counts only, no names). An upload that fails part-way (the body
     * over the size limit, the connection lost) is recorded as interrupted with what was applied until then.
     */
    public UpsertReport upsert(Iterator<RosterRows.Parsed> rows, Caller caller) {
        RosterUpload upload =
                mongo.insert(new RosterUpload(UUID.randomUUID().toString(), caller.logName(), clock.instant()));
        long[] progress = new long[5]; // received, inserted, updated, unchanged, rejected
        try {
            UpsertReport report = apply(upload.getId(), rows, progress);
            chains.refresh(); // before DONE: an upload stopped here stays RUNNING, and the sweep refreshes the chains
            finish(upload.getId(), RosterUpload.State.DONE, "training.roster.upserted", progress, caller.logName());
            return report;
        } catch (RuntimeException e) {
            try {
                chains.refresh(); // the rows written so far may have moved people; the sweep also settles it
            } catch (RuntimeException refreshFailed) {
                e.addSuppressed(refreshFailed);
            }
            finish(
                    upload.getId(),
                    RosterUpload.State.INTERRUPTED,
                    "training.roster.upload-interrupted",
                    progress,
                    caller.logName());
            if (BodyTooLargeException.in(e) != null) {
                throw new UploadTooLargeException(upload.getId(), progress, BodyTooLargeException.in(e));
            }
            throw e;
        }
    }

    /** Marks a RUNNING upload finished, with its counts and audit event in the same write, then moves the event out. */
    void finish(String uploadId, RosterUpload.State state, String action, long[] counts, String actor) {
        var event = audit.event(
                actor,
                action,
                "roster/" + uploadId,
                Map.of(
                        "received",
                        counts[0],
                        "inserted",
                        counts[1],
                        "updated",
                        counts[2],
                        "unchanged",
                        counts[3],
                        "rejected",
                        counts[4]));
        mongo.updateFirst(
                query(where("_id").is(uploadId).and("state").is(RosterUpload.State.RUNNING)),
                new Update()
                        .set("state", state)
                        .set("finishedAt", clock.instant())
                        .set("received", counts[0])
                        .set("inserted", counts[1])
                        .set("updated", counts[2])
                        .set("unchanged", counts[3])
                        .set("rejected", counts[4])
                        .push(AuditOutbox.FIELD, event),
                RosterUpload.class);
        audit.flush(RosterUpload.class, uploadId);
    }

    private UpsertReport apply(String uploadId, Iterator<RosterRows.Parsed> rows, long[] progress) {
        Map<String, Integer> seen = new HashMap<>();
        Set<String> departments =
                new HashSet<>(mongo.findDistinct(new Query(), "department", StaffMember.class, String.class));
        List<UpsertReport.Rejected> rejected = new ArrayList<>();
        int rejectedCount = 0;
        List<RosterRow> chunk = new ArrayList<>(CHUNK);
        int received = 0;
        long[] totals = new long[3]; // inserted, updated, unchanged
        while (true) {
            RosterRows.Parsed parsed;
            try {
                if (!rows.hasNext()) {
                    break;
                }
                parsed = rows.next();
            } catch (RuntimeException readingStopped) { // the body ended badly: what was read and checked is applied
                write(chunk, totals);
                System.arraycopy(totals, 0, progress, 1, 3);
                throw readingStopped;
            }
            received++;
            progress[0] = received;
            List<Map<String, String>> errors = new ArrayList<>(parsed.errors());
            boolean unreadable = errors.stream().anyMatch(e -> "row".equals(e.get("field")));
            if (!unreadable) { // a row that could not be read has no fields to check
                for (ConstraintViolation<RosterRow> violation : validator.validate(parsed.value())) {
                    errors.add(RosterRows.error(field(violation), violation.getMessage()));
                }
            }
            String staffNumber = parsed.value().staffNumber();
            if (errors.isEmpty()) {
                Integer first = seen.putIfAbsent(staffNumber, parsed.row());
                if (first != null) {
                    errors.add(RosterRows.error(
                            "staffNumber", "appears more than once in this upload (first at row " + first + ")"));
                } else if (!departments.contains(parsed.value().department())) {
                    if (departments.size() >= StaffMember.MAX_DEPARTMENTS) {
                        seen.remove(staffNumber);
                        errors.add(RosterRows.error(
                                "department",
                                "is new, and the roster already holds " + StaffMember.MAX_DEPARTMENTS
                                        + " departments, the most it keeps"));
                    } else {
                        departments.add(parsed.value().department());
                    }
                }
            }
            if (!errors.isEmpty()) {
                rejectedCount++;
                if (rejected.size() < UpsertReport.MAX_REPORTED_REJECTIONS) {
                    rejected.add(new UpsertReport.Rejected(parsed.row(), parsed.line(), staffNumber, errors));
                }
                progress[4] = rejectedCount;
                continue;
            }
            chunk.add(parsed.value());
            if (chunk.size() == CHUNK) {
                write(chunk, totals);
                System.arraycopy(totals, 0, progress, 1, 3);
            }
        }
        write(chunk, totals);
        System.arraycopy(totals, 0, progress, 1, 3);
        return new UpsertReport(
                uploadId,
                received,
                (int) totals[0],
                (int) totals[1],
                (int) totals[2],
                rejectedCount,
                rejected,
                rejectedCount > rejected.size());
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
                    .set(
                            "registration",
                            row.registrationBody() == null
                                    ? null
                                    : new StaffMember.Registration(row.registrationBody(), row.registrationNumber()))
                    .set("lineManagerStaffNumber", row.lineManagerStaffNumber())
                    .set("active", row.isActive())
                    .set("leavingDate", row.leavingDate())
                    .setOnInsert("createdAt", clock.instant());
            bulk.upsert(query(where("_id").is(row.staffNumber())), update);
        }
        BulkWriteResult result = bulk.execute();
        int inserted = result.getUpserts().size();
        // Someone may have completed training before HR added them: whoever keeps that brings it onto the new record.
        if (!result.getUpserts().isEmpty()) {
            events.publishEvent(new StaffAdded(result.getUpserts().stream()
                    .map(u -> chunk.get(u.getIndex()).staffNumber())
                    .toList()));
        }
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
