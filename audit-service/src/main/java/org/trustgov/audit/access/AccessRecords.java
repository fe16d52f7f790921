package org.trustgov.audit.access;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageImpl;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.support.PageableExecutionUtils;
import org.springframework.stereotype.Service;
import org.trustgov.audit.log.chain.AuditEntry;
import org.trustgov.audit.log.evidence.LogEvidence;
import org.trustgov.auditclient.access.AccessRecord;
import org.trustgov.auditclient.access.AccessRecord.What;

/**
 * Who read what about whom: the access records as each reader may see them, and their check against the log. The
 * person a record is about sees who read it by role and department (and by staff number only where the trust allows
 * it, {@code trustgov.access-records.subjects-see-viewers}); governance and auditors see everything.
 */
@Service
@EnableConfigurationProperties(AccessRecords.Visibility.class)
public class AccessRecords {

    /**
     * @param subjectsSeeViewers whether the person a record is about sees the staff number of who read it (false: role
     *                           and department only)
     */
    @ConfigurationProperties("trustgov.access-records")
    public record Visibility(@DefaultValue("false") boolean subjectsSeeViewers) {}

    /**
     * One read as the person it is about sees it. {@code timeWithheld}: {@code at} is the start of the day (UTC) of
     * the read, not its time (a case's reporter's read, shown to its subject: the time would point at who it is; and
     * a service's read, whose time is that of the step that set it going, such as a report).
     */
    public record SeenByYou(
            Instant at,
            String viewer,
            String viewerRole,
            String viewerDepartment,
            What what,
            String recordId,
            AccessRecord.Route route,
            AccessRecord.Outcome outcome,
            boolean timeWithheld) {}

    /** The outcome of checking access records against the log. */
    public record Verification(
            boolean intact,
            int batches,
            long records,
            List<String> altered,
            List<String> notInLog,
            List<String> notBoundYet,
            String detail) {}

    /** The most batches one verification checks. */
    public static final int MAX_BATCHES = 2000;

    private final MongoTemplate mongo;
    private final LogEvidence evidence;
    private final Visibility visibility;
    private final CaseReporters reporters;

    AccessRecords(MongoTemplate mongo, LogEvidence evidence, Visibility visibility, CaseReporters reporters) {
        this.mongo = mongo;
        this.evidence = evidence;
        this.visibility = visibility;
        this.reporters = reporters;
    }

    /** Everything recorded matching the filter, newest first (governance, auditors). */
    public Page<StoredAccessRecord> find(
            String subject, String recordId, String viewer, Instant from, Instant to, Pageable page) {
        List<Criteria> all = new ArrayList<>();
        if (subject != null) {
            all.add(where("subjectStaffNumber").is(subject));
        }
        if (recordId != null) {
            all.add(where("recordId").is(recordId));
        }
        if (viewer != null) {
            all.add(where("viewer").is(viewer));
        }
        if (from != null || to != null) {
            Criteria at = where("at");
            if (from != null) {
                at = at.gte(from);
            }
            if (to != null) {
                at = at.lt(to);
            }
            all.add(at);
        }
        all.add(where("erased").ne(true));
        Query matching = query(new Criteria().andOperator(all));
        List<StoredAccessRecord> found = mongo.find(
                Query.of(matching).with(page).with(Sort.by(Sort.Direction.DESC, "at")), StoredAccessRecord.class);
        return PageableExecutionUtils.getPage(found, page, () -> mongo.count(matching, StoredAccessRecord.class));
    }

    /**
     * The most reads a person's list, or a case's list for its subject, is made from: the newest, by their time. A
     * read shown by its day must stand where its day puts it on every page, whatever page size is asked for, so such
     * a list is put in order whole and then paged: paged by the store, by the reads' real times, a page of one read
     * at a time placed a day-only read between the two it fell between.
     */
    static final int MOST_SEEN = 20_000;

    /** Reads of records about {@code subject}, as they see them, newest first (the newest {@link #MOST_SEEN}). */
    public Page<SeenByYou> aboutPerson(String subject, Pageable page) {
        Query matching =
                query(where("subjectStaffNumber").is(subject).and("erased").ne(true));
        return pageOf(asSubjectSees(newest(matching), visibility.subjectsSeeViewers(), AS_SHOWN), page);
    }

    private List<StoredAccessRecord> newest(Query matching) {
        return mongo.find(
                Query.of(matching).with(Sort.by(Sort.Direction.DESC, "at")).limit(MOST_SEEN), StoredAccessRecord.class);
    }

    /** The page of a list put in order whole. */
    private static <T> Page<T> pageOf(List<T> ordered, Pageable page) {
        int from = (int) Math.min(page.getOffset(), ordered.size());
        int to = Math.min(from + page.getPageSize(), ordered.size());
        return new PageImpl<>(ordered.subList(from, to), page, ordered.size());
    }

    /**
     * A person's access records for their subject access bundle: readers by role only, and the log entries of their
     * batches but those holding a read shown by its day only.
     */
    public record ForBundle(List<SeenByYou> reads, List<String> batchEventIds) {}

    /**
     * Every read of a record about {@code subject} (up to {@code limit}, oldest first), the reader given by role and
     * department only whatever {@link Visibility} says (a bundle never names a third party), with the event ids of
     * the log entries that bind their batches, but of a batch holding a read whose time is withheld.
     */
    public ForBundle forBundle(String subject, int limit) {
        List<StoredAccessRecord> found = mongo.find(
                query(where("subjectStaffNumber").is(subject))
                        .with(Sort.by("at", "_id"))
                        .limit(limit),
                StoredAccessRecord.class);
        Map<String, String> reporterOf = reportersOf(found);
        List<SeenByYou> reads = asSubjectSees(found, reporterOf, false, AS_SHOWN_OLDEST_FIRST);
        // A batch's log entry is stamped within a second of its reads: for a read shown by its day only, its batch's
        // entry would give the time away, so the bundle leaves it out (the read itself is listed, by its day).
        Set<String> timeWithheld = new HashSet<>();
        found.stream().filter(r -> withholdsTime(r, reporterOf)).forEach(r -> timeWithheld.add(r.batchId()));
        List<String> batches = found.stream()
                .map(StoredAccessRecord::batchId)
                .distinct()
                .filter(id -> !timeWithheld.contains(id))
                .map(id -> "access-batch:" + id)
                .toList();
        return new ForBundle(reads, batches);
    }

    /** Reads of {@code kinds} of record {@code recordId}, as the person it is about sees them, newest first. */
    public Page<SeenByYou> aboutRecord(String recordId, Collection<What> kinds, boolean full, Pageable page) {
        Query matching = query(where("recordId").is(recordId).and("what").in(kinds));
        if (!full) {
            return pageOf(asSubjectSees(newest(matching), visibility.subjectsSeeViewers(), AS_SHOWN), page);
        }
        List<SeenByYou> found = mongo
                .find(Query.of(matching).with(page).with(Sort.by(Sort.Direction.DESC, "at")), StoredAccessRecord.class)
                .stream()
                .map(AccessRecords::asGovernanceSees)
                .toList();
        return PageableExecutionUtils.getPage(found, page, () -> mongo.count(matching, StoredAccessRecord.class));
    }

    /** The role a case's reporter is shown in to the person the case is about, in place of their own. */
    public static final String REPORTER = "reporter";

    /** The role a service's own token is recorded in (a read of someone's training when their case is reported). */
    static final String SERVICE = "service";

    private static final Set<What> CASE_RECORDS = EnumSet.of(What.INCIDENT, What.CASE_BUNDLE, What.OUTCOME);

    /**
     * Reads by the time shown, and reads shown at the same moment (a day's day-only reads) by what they are, never by
     * their real times.
     */
    private static final Comparator<SeenByYou> SAME_MOMENT = Comparator.comparing(SeenByYou::timeWithheld)
            .thenComparing(r -> String.valueOf(r.viewerRole()))
            .thenComparing(r -> String.valueOf(r.what()))
            .thenComparing(r -> String.valueOf(r.recordId()))
            .thenComparing(r -> String.valueOf(r.outcome()));

    private static final Comparator<SeenByYou> AS_SHOWN =
            Comparator.comparing(SeenByYou::at).reversed().thenComparing(SAME_MOMENT);

    private static final Comparator<SeenByYou> AS_SHOWN_OLDEST_FIRST =
            Comparator.comparing(SeenByYou::at).thenComparing(SAME_MOMENT);

    /**
     * The reads as the person they are about sees them: the reader by role and department, and by staff number when
     * {@code viewers}; but a read by the case's own reporter (their "mine" list, the case as a reporter sees it) as
     * the {@link #REPORTER}'s only, with no number, role or department of theirs, whatever the trust allows (and
     * the holder of a confidential report's receipt code as the reporter too, which they are). Their
     * role and department would say who reported: only the subject, the reporter, governance and auditors read a
     * case, so a "staff" reader from a ward is the reporter. Nor is the time of their read shown, only its day: the
     * subject who knows a colleague was at a screen at 14:32 would know who reported. Nor the time of a service's
     * read ({@link #SERVICE}): a service reads a person's records when someone's step sets it going, at that step's
     * second, and the first such read of a case's subject is the training snapshot taken as the case is reported,
     * which would say when it was reported (the subject's view of a case leaves that out). The reads are put in
     * {@code order} by the times shown, and those shown at the same moment by what they are, so that where such a read
     * stands among the others of its day does not give its time away either.
     */
    private List<SeenByYou> asSubjectSees(
            List<StoredAccessRecord> records, boolean viewers, Comparator<SeenByYou> order) {
        return asSubjectSees(records, reportersOf(records), viewers, order);
    }

    /** The reporters of the cases {@code records} read, by case (cases without a reporter on record are absent). */
    private Map<String, String> reportersOf(List<StoredAccessRecord> records) {
        Set<String> cases = new HashSet<>();
        records.stream().filter(r -> CASE_RECORDS.contains(r.what())).forEach(r -> cases.add(r.recordId()));
        return reporters.reportersOf(cases);
    }

    /** A read by a case's own reporter (or its receipt code's holder). */
    private static boolean byTheReporter(StoredAccessRecord r, Map<String, String> reporterOf) {
        return CASE_RECORDS.contains(r.what())
                && (r.viewer().equals(reporterOf.get(r.recordId()))
                        || r.viewer().equals(AccessRecord.RECEIPT_HOLDER));
    }

    /** Whether the person a read is about sees its day only: a reporter's read, or a service's. */
    private static boolean withholdsTime(StoredAccessRecord r, Map<String, String> reporterOf) {
        return byTheReporter(r, reporterOf) || SERVICE.equals(r.viewerRole());
    }

    private List<SeenByYou> asSubjectSees(
            List<StoredAccessRecord> records,
            Map<String, String> reporterOf,
            boolean viewers,
            Comparator<SeenByYou> order) {
        return records.stream()
                .map(r -> byTheReporter(r, reporterOf)
                        ? new SeenByYou(
                                r.at().truncatedTo(ChronoUnit.DAYS),
                                null,
                                REPORTER,
                                null,
                                r.what(),
                                r.recordId(),
                                r.route(),
                                r.outcome(),
                                true)
                        : new SeenByYou(
                                withholdsTime(r, reporterOf) ? r.at().truncatedTo(ChronoUnit.DAYS) : r.at(),
                                viewers ? r.viewer() : null,
                                r.viewerRole(),
                                r.viewerDepartment(),
                                r.what(),
                                r.recordId(),
                                r.route(),
                                r.outcome(),
                                withholdsTime(r, reporterOf)))
                .sorted(order)
                .toList();
    }

    private static SeenByYou asGovernanceSees(StoredAccessRecord r) {
        return new SeenByYou(
                r.at(),
                r.viewer(),
                r.viewerRole(),
                r.viewerDepartment(),
                r.what(),
                r.recordId(),
                r.route(),
                r.outcome(),
                false);
    }

    /**
     * Checks the batches written in {@code [from, to)} (at most {@link #MAX_BATCHES}, oldest first): each batch's root
     * recomputed from its records as kept must equal the root its {@code access.recorded} log entry binds. An edited,
     * added or removed record changes the root; a batch the log does not have is named; a batch a stop left unbound
     * (the repair binds it within minutes) is named apart.
     */
    public Verification verify(Instant from, Instant to) {
        List<AccessBatch> batches = mongo.find(
                query(where("createdAt").gte(from).lt(to))
                        .with(Sort.by("createdAt"))
                        .limit(MAX_BATCHES),
                AccessBatch.class);
        Map<String, AuditEntry> entries = new java.util.HashMap<>();
        for (int i = 0; i < batches.size(); i += 500) {
            evidence.byEventIds(
                            batches.subList(i, Math.min(batches.size(), i + 500)).stream()
                                    .map(AccessBatch::eventId)
                                    .toList(),
                            null)
                    .forEach(entry -> entries.putIfAbsent(entry.getEventId(), entry));
        }
        List<String> altered = new ArrayList<>();
        List<String> notInLog = new ArrayList<>();
        List<String> notBound = new ArrayList<>();
        long records = 0;
        Map<String, List<StoredAccessRecord>> keptByBatch = StoredAccessRecord.ofBatches(mongo, batches);
        for (AccessBatch batch : batches) {
            List<StoredAccessRecord> kept = keptByBatch.getOrDefault(batch.id(), List.of());
            records += kept.size();
            AuditEntry entry = entries.get(batch.eventId());
            if (entry == null) {
                (batch.logged() ? notInLog : notBound).add(batch.id());
                continue;
            }
            if (!BatchTree.ofKept(kept).root().equals(entry.getDetails().get("root"))) {
                altered.add(batch.id());
            }
        }
        boolean intact = altered.isEmpty() && notInLog.isEmpty();
        String detail = batches.size() == MAX_BATCHES
                ? "checked the first " + MAX_BATCHES + " batches of the range; check the rest from the last one's time"
                : "checked every batch of the range";
        return new Verification(intact, batches.size(), records, altered, notInLog, notBound, detail);
    }
}
