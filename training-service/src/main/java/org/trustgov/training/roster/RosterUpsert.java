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
    private final DisposedStaffRecords disposed;
    private final Clock clock;

    RosterUpsert(
            MongoTemplate mongo,
            Validator validator,
            ApplicationEventPublisher events,
            AuditOutbox audit,
            ManagementChains chains,
            DisposedStaffRecords disposed,
            Clock clock) {
        this.chains = chains;
        this.disposed = disposed;
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
        long[] progress = new long[6]; // received, inserted, updated, unchanged, rejected, already disposed
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
                        counts[4],
                        "alreadyDisposed",
                        counts[5]));
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
                        .set("alreadyDisposed", counts[5])
                        .push(AuditOutbox.FIELD, event),
                RosterUpload.class);
        audit.flush(RosterUpload.class, uploadId);
    }

    private UpsertReport apply(String uploadId, Iterator<RosterRows.Parsed> rows, long[] progress) {
        Map<String, Integer> seen = new HashMap<>();
        Set<String> departments =
                new HashSet<>(mongo.findDistinct(new Query(), "department", StaffMember.class, String.class));
        Rejections rejections = new Rejections(progress);
        List<RosterRows.Parsed> chunk = new ArrayList<>(CHUNK);
        int received = 0;
        long[] totals = new long[4]; // inserted, updated, unchanged, already disposed
        while (true) {
            RosterRows.Parsed parsed;
            try {
                if (!rows.hasNext()) {
                    break;
                }
                parsed = rows.next();
            } catch (RuntimeException readingStopped) { // the body ended badly: what was read and checked is applied
                write(chunk, totals, rejections);
                copy(totals, progress);
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
                rejections.add(new UpsertReport.Rejected(parsed.row(), parsed.line(), staffNumber, errors));
                continue;
            }
            chunk.add(parsed);
            if (chunk.size() == CHUNK) {
                write(chunk, totals, rejections);
                copy(totals, progress);
            }
        }
        write(chunk, totals, rejections);
        copy(totals, progress);
        return new UpsertReport(
                uploadId,
                received,
                (int) totals[0],
                (int) totals[1],
                (int) totals[2],
                (int) totals[3],
                rejections.count,
                rejections.inUploadOrder(),
                rejections.count > rejections.listedCount());
    }

    /**
     * The rejected rows: all counted (into the upload's progress too), the first ones by their place in the upload
     * listed. A row a chunk's write refuses is found after later rows' own checks, so the list keeps the rows with the
     * lowest numbers seen so far (the highest of them is let go for a lower one), not the first ones found.
     */
    private static final class Rejections {
        private static final java.util.Comparator<UpsertReport.Rejected> BY_ROW =
                java.util.Comparator.comparingInt(UpsertReport.Rejected::row);
        private final long[] progress;
        /** The listed rows, the highest row first. */
        private final java.util.PriorityQueue<UpsertReport.Rejected> listed =
                new java.util.PriorityQueue<>(BY_ROW.reversed());

        private int count;

        Rejections(long[] progress) {
            this.progress = progress;
        }

        void add(UpsertReport.Rejected row) {
            count++;
            if (listed.size() < UpsertReport.MAX_REPORTED_REJECTIONS) {
                listed.add(row);
            } else if (row.row() < listed.peek().row()) {
                listed.poll();
                listed.add(row);
            }
            progress[4] = count;
        }

        int listedCount() {
            return listed.size();
        }

        /** Those listed, by their place in the upload. */
        List<UpsertReport.Rejected> inUploadOrder() {
            List<UpsertReport.Rejected> rows = new ArrayList<>(listed);
            rows.sort(BY_ROW);
            return rows;
        }
    }

    /** The chunks' totals into the upload's progress (inserted, updated, unchanged; already disposed). */
    private static void copy(long[] totals, long[] progress) {
        System.arraycopy(totals, 0, progress, 1, 3);
        progress[5] = totals[3];
    }

    /**
     * Writes a chunk of checked rows, but not a leaver whose roster record the trust disposed of (HR lists leavers
     * for years): that row is counted as already disposed and kept nowhere, and a line manager who is such a leaver
     * is not written into anyone's record either, as the disposal took their number out of every record. Asking
     * audit-service is needed only for numbers the roster does not hold; when it cannot answer, such a leaver's row
     * is rejected (HR's next upload brings it again), and a line manager is written as sent. A leaver the roster
     * holds is only updated, never created: a disposal taking the record while the chunk is written (it stores its
     * tombstone first) leaves it gone, and the row is counted as already disposed.
     */
    private void write(List<RosterRows.Parsed> chunk, long[] totals, Rejections rejections) {
        if (chunk.isEmpty()) {
            return;
        }
        // The leavers and the line managers from outside the chunk: those the roster does not hold are asked about.
        Set<String> inChunk = new HashSet<>();
        chunk.forEach(parsed -> inChunk.add(parsed.value().staffNumber()));
        Set<String> named = new HashSet<>();
        for (RosterRows.Parsed parsed : chunk) {
            RosterRow row = parsed.value();
            if (!row.isActive()) {
                named.add(row.staffNumber());
            }
            if (row.lineManagerStaffNumber() != null && !inChunk.contains(row.lineManagerStaffNumber())) {
                named.add(row.lineManagerStaffNumber());
            }
        }
        Set<String> onRoster = onRoster(named);
        Set<String> notOnRoster = new HashSet<>(named);
        notOnRoster.removeAll(onRoster);
        Set<String> disposedOf = Set.of();
        boolean known = true;
        try {
            disposedOf = disposed.among(notOnRoster);
        } catch (DisposedStaffRecords.Unknown unknown) {
            known = false;
        }

        BulkOperations bulk = mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, StaffMember.class);
        List<RosterRow> written = new ArrayList<>(chunk.size());
        for (RosterRows.Parsed parsed : chunk) {
            RosterRow row = parsed.value();
            if (!row.isActive() && notOnRoster.contains(row.staffNumber())) {
                if (!known) {
                    rejections.add(new UpsertReport.Rejected(
                            parsed.row(),
                            parsed.line(),
                            row.staffNumber(),
                            List.of(RosterRows.error(
                                    "staffNumber",
                                    "is a leaver the roster does not hold, and audit-service could not say just now "
                                            + "whether their record was disposed of; the row is not kept: send it "
                                            + "again later"))));
                    continue;
                }
                if (disposedOf.contains(row.staffNumber())) {
                    totals[3]++;
                    continue;
                }
            }
            String lineManager =
                    row.lineManagerStaffNumber() != null && disposedOf.contains(row.lineManagerStaffNumber())
                            ? null
                            : row.lineManagerStaffNumber();
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
                    .set("lineManagerStaffNumber", lineManager)
                    .set("active", row.isActive())
                    .set("leavingDate", row.leavingDate())
                    .setOnInsert("createdAt", clock.instant());
            if (!row.isActive() && onRoster.contains(row.staffNumber())) {
                // Only updated: a record a disposal takes while this upload runs is not created again.
                bulk.updateOne(query(where("_id").is(row.staffNumber())), update);
            } else {
                bulk.upsert(query(where("_id").is(row.staffNumber())), update);
            }
            written.add(row);
        }
        chunk.clear();
        if (written.isEmpty()) {
            return;
        }
        BulkWriteResult result = bulk.execute();
        int inserted = result.getUpserts().size();
        // Someone may have completed training before HR added them: whoever keeps that brings it onto the new record.
        if (!result.getUpserts().isEmpty()) {
            events.publishEvent(new StaffAdded(result.getUpserts().stream()
                    .map(u -> written.get(u.getIndex()).staffNumber())
                    .toList()));
        }
        totals[0] += inserted;
        totals[1] += result.getModifiedCount();
        totals[2] += result.getMatchedCount() - result.getModifiedCount();
        // A leaver's record that was there when the chunk was looked at and gone when it was written: disposed of.
        totals[3] += written.size() - inserted - result.getMatchedCount();
    }

    /** Which of these staff numbers the roster holds (one lookup by key). */
    private Set<String> onRoster(Set<String> asked) {
        if (asked.isEmpty()) {
            return Set.of();
        }
        Query byKey = query(where("_id").in(asked));
        byKey.fields().include("_id");
        Set<String> held = new HashSet<>();
        for (org.bson.Document member :
                mongo.find(byKey, org.bson.Document.class, mongo.getCollectionName(StaffMember.class))) {
            held.add(member.getString("_id"));
        }
        return held;
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
