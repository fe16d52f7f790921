package org.trustgov.audit.retention;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.trustgov.audit.log.sealing.RecordKeys;
import org.trustgov.audit.log.sealing.RecordUnit;
import org.trustgov.auditclient.AuditOutbox;
import org.trustgov.keycloak.Caller;
import org.trustgov.problem.NotFoundException;
import org.trustgov.starter.mongo.StoreCompaction;

/**
 * Disposal, reviewed: what reached the end of its retention goes on a disposal list (never what a legal hold keeps,
 * or what an open list already has); one governance member reviews it, a second approves it, and only then does the
 * disposal job destroy each item in every holder, destroy its record key (so its people vanish from the log while
 * every proof still holds), and log a disposal record that names no one. A class the trust made automatic skips the
 * review. Every step is in the log.
 */
@Service
public class Disposals {

    /** The most items one list carries; more wait for the next round. */
    static final int MAX_ITEMS = 1_000;

    private static final Logger log = LoggerFactory.getLogger(Disposals.class);
    /**
     * The classes whose disposal leaves a tombstone in the key store: those the log seals values under, and the staff
     * record, which access records relayed late are checked against as well.
     */
    private static final Set<String> TOMBSTONED_CLASSES = Set.of(
            RecordUnit.CONDUCT_CASE, RecordUnit.TRAINING_RECORD, RecordUnit.AUDIT_TRAIL, RecordUnit.STAFF_RECORD);

    /**
     * The classes whose tombstone is stored before any holder destroys its copy. Nothing is sealed under a staff
     * record's key, and its tombstone is what training-service asks about before it keeps a leaver HR sends: stored
     * before the roster record goes, an HR upload while the disposal runs either finds the record (and only updates
     * it, never creates it again) or finds the tombstone.
     */
    private static final Set<String> TOMBSTONE_FIRST = Set.of(RecordUnit.STAFF_RECORD);

    private final MongoTemplate mongo;
    private final RetentionSchedule schedule;
    private final List<RecordHolder> holders;
    private final LegalHolds holds;
    private final RecordKeys keys;
    private final AuditOutbox outbox;
    private final Clock clock;
    private final StoreCompaction compaction;

    Disposals(
            MongoTemplate mongo,
            RetentionSchedule schedule,
            List<RecordHolder> holders,
            LegalHolds holds,
            RecordKeys keys,
            AuditOutbox outbox,
            Clock clock,
            StoreCompaction compaction) {
        this.compaction = compaction;
        this.mongo = mongo;
        this.schedule = schedule;
        this.holders = holders;
        this.holds = holds;
        this.keys = keys;
        this.outbox = outbox;
        this.clock = clock;
    }

    /**
     * Proposes what reached the end of its retention by {@code now} (a parameter, so a test moves time) and is neither
     * held nor on an open list: one list awaiting review, and one approved at once for the classes the trust made
     * automatic. Returns the lists made.
     */
    public List<DisposalList> propose(Instant now) {
        Set<String> listed = openReferences();
        List<LegalHold> inForce = holds.inForce();
        List<DisposalList.Item> reviewed = new ArrayList<>();
        List<DisposalList.Item> automatic = new ArrayList<>();
        for (RecordHolder holder : holders) {
            for (String recordClass : holder.lists()) {
                RetentionRule rule = schedule.ruleFor(recordClass);
                Instant before = now.atZone(ZoneOffset.UTC).minus(rule.period()).toInstant();
                for (RecordHolder.Ended ended :
                        holder.ended(recordClass, rule.startsAt(), before, MAX_ITEMS - reviewed.size())) {
                    if (!listed.add(recordClass + ":" + ended.reference())) {
                        continue;
                    }
                    DisposalList.Item item = new DisposalList.Item(
                            recordClass,
                            ended.reference(),
                            ended.startedAt(),
                            ended.startedAt()
                                    .atZone(ZoneOffset.UTC)
                                    .plus(rule.period())
                                    .toLocalDate(),
                            describe(rule),
                            ended.people() == null ? List.of() : List.copyOf(ended.people()),
                            ended.stillEmployed(),
                            DisposalList.ItemState.PROPOSED,
                            null);
                    if (inForce.stream().anyMatch(h -> h.covers(item))) {
                        continue; // held: never listed
                    }
                    (rule.automatic() ? automatic : reviewed).add(item);
                }
            }
        }
        List<DisposalList> made = new ArrayList<>();
        if (!reviewed.isEmpty()) {
            made.add(store(DisposalList.propose(newId(now), reviewed, now), false, now));
        }
        if (!automatic.isEmpty()) {
            made.add(store(DisposalList.propose(newId(now), automatic, now), true, now));
        }
        return made;
    }

    private DisposalList store(DisposalList list, boolean automatic, Instant now) {
        if (automatic) {
            list.approveAutomatically(now);
        }
        list.recordChange(outbox.event(
                "client:audit-service",
                automatic ? "retention.disposal.approved-automatically" : "retention.disposal.proposed",
                list.getId(),
                Map.of("items", list.getItems().size(), "classes", classes(list)),
                now));
        mongo.insert(list);
        outbox.flush(DisposalList.class, list.getId());
        return get(list.getId());
    }

    /** The first pair of eyes: keeps back the items at the given indexes (with why) and passes the rest on. */
    public DisposalList review(String id, Map<Integer, String> keep, Caller caller) {
        DisposalList list = notAboutTheCaller(get(id), caller);
        Instant now = clock.instant();
        list.review(caller.logName(), keep, now);
        list.recordChange(outbox.event(
                caller.logName(), "retention.disposal.reviewed", id, Map.of("keptBack", keep.size()), now));
        mongo.save(list);
        outbox.flush(DisposalList.class, id);
        return read(id);
    }

    /**
     * 403 when an item still to be decided names the caller (their training or staff record, a case they are the
     * subject, reporter or investigator of): no one decides on destroying, or keeping, their own records, as no one
     * lifts a hold on them; other members of governance review and approve the list.
     */
    private static DisposalList notAboutTheCaller(DisposalList list, Caller caller) {
        if (!caller.isPerson()) {
            return list;
        }
        List<Integer> own = list.undecidedItemsNaming(caller.staffNumber());
        if (!own.isEmpty()) {
            throw new AccessDeniedException("Disposal list " + list.getId() + " has records about you (item"
                    + (own.size() == 1 ? " " : "s ")
                    + own.stream().limit(10).map(String::valueOf).collect(java.util.stream.Collectors.joining(", "))
                    + (own.size() > 10 ? ", …" : "")
                    + "): other members of governance review and approve it");
        }
        return list;
    }

    /** The second pair of eyes: approved, then its items are destroyed at once (what cannot be yet, by the job). */
    public DisposalList approve(String id, Caller caller) {
        DisposalList list = notAboutTheCaller(get(id), caller);
        Instant now = clock.instant();
        list.approve(caller.logName(), now);
        list.recordChange(outbox.event(caller.logName(), "retention.disposal.approved", id, Map.of(), now));
        mongo.save(list);
        outbox.flush(DisposalList.class, id);
        return get(id);
    }

    /**
     * Destroys the pending items of every approved list, one at a time (run by one instance at a time, the disposal
     * job): an item a hold now covers is held back; one a holder cannot destroy yet stays {@code DESTROYING}, with why,
     * for the next round (as does one a stop interrupted). Returns how many were destroyed.
     *
     * <p>A hold placed while this runs: each item is stored as {@code DESTROYING} before the holds are read, and
     * {@link LegalHolds#place} stores a hold before it looks for items being destroyed. Whichever of the two comes
     * second sees the other, so the hold either keeps the item or is answered with it as already being destroyed
     * ({@code beingDestroyed}); never a 201 while its records go without a word.
     */
    public int destroyPending() {
        int destroyed = 0;
        for (DisposalList list :
                mongo.find(query(where("state").is(DisposalList.State.APPROVED.name())), DisposalList.class)) {
            Set<String> employedAgainHere = null; // asked once a list, when its first roster record is reached
            for (int i = 0; i < list.getItems().size(); i++) {
                DisposalList.Item item = list.getItems().get(i);
                if (item.state() != DisposalList.ItemState.PENDING
                        && item.state() != DisposalList.ItemState.DESTROYING) {
                    continue;
                }
                boolean begun = item.state() == DisposalList.ItemState.DESTROYING;
                if (!begun) {
                    list.setItem(i, item.with(DisposalList.ItemState.DESTROYING, null), clock.instant());
                    mongo.save(list);
                    list = get(list.getId());
                    item = list.getItems().get(i);
                }
                Instant now = clock.instant();
                var hold = holds.holding(item);
                if (hold.isPresent()) {
                    list.setItem(
                            i,
                            item.with(
                                    DisposalList.ItemState.HELD,
                                    "held by " + hold.get().getId()
                                            + (begun
                                                    ? " after its destruction had begun: some copies may be gone"
                                                    : "")),
                            now);
                } else {
                    boolean employedAgain;
                    try {
                        if (item.recordClass().equals(RecordUnit.STAFF_RECORD) && employedAgainHere == null) {
                            employedAgainHere = employedAgain(list);
                        }
                        employedAgain = item.recordClass().equals(RecordUnit.STAFF_RECORD)
                                && employedAgainHere.contains(item.reference());
                        if (!employedAgain) {
                            destroy(list, item);
                        }
                    } catch (RuntimeException notYet) {
                        log.warn(
                                "Disposal list {}: item {} ({}) could not be destroyed yet: {}",
                                list.getId(),
                                i,
                                item.recordClass(),
                                notYet.toString());
                        list.setItem(
                                i,
                                item.with(DisposalList.ItemState.DESTROYING, "not yet: " + notYet.getMessage()),
                                now);
                        mongo.save(list);
                        continue;
                    }
                    if (employedAgain) {
                        list.setItem(
                                i,
                                item.with(
                                        DisposalList.ItemState.KEPT,
                                        "not destroyed: employed again since it was listed, so this is a current "
                                                + "employee's roster record"
                                                + (begun
                                                        ? " (its destruction had begun: some copies may be gone)"
                                                        : "")),
                                now);
                        mongo.save(list);
                        outbox.flush(DisposalList.class, list.getId());
                        list = get(list.getId());
                        continue;
                    }
                    String named = namesNoOne(item);
                    if (item.recordClass().equals(RecordUnit.TRAINING_RECORD)
                            || item.recordClass().equals(RecordUnit.STAFF_RECORD)) {
                        holds.forgetPerson(item.reference(), named);
                    }
                    list.setItem(i, item.disposedAs(named), now);
                    list.recordChange(outbox.event(
                            "client:audit-service",
                            "retention.record.disposed",
                            list.getId(),
                            disposalRecord(list, item, named),
                            now));
                    destroyed++;
                }
                mongo.save(list);
                outbox.flush(DisposalList.class, list.getId());
                compaction.afterErasure(DisposalList.class, LegalHold.class); // the list named the person until now
                list = get(list.getId());
            }
        }
        return destroyed;
    }

    /**
     * Of the leavers' roster records an approved list still has to destroy, those whose person is employed again (HR
     * rehired them under the same staff number after the list was made): their retention ran from a leaving that no
     * longer stands, so they are not destroyed. Asked of training-service once a list, as its first roster record is
     * reached (by 1,000 staff numbers); fails, leaving the item for the next round, when training-service cannot answer
     * (it could not destroy the record either).
     */
    private Set<String> employedAgain(DisposalList list) {
        List<String> leavers = list.getItems().stream()
                .filter(i -> i.recordClass().equals(RecordUnit.STAFF_RECORD))
                .filter(i ->
                        i.state() == DisposalList.ItemState.PENDING || i.state() == DisposalList.ItemState.DESTROYING)
                .map(DisposalList.Item::reference)
                .toList();
        return employedNow(leavers).orElse(Set.of());
    }

    /** Of {@code staffNumbers}, those employed now, from the holder that keeps the roster (none answers: empty). */
    private java.util.Optional<Set<String>> employedNow(java.util.Collection<String> staffNumbers) {
        return holders.stream()
                .map(h -> h.stillEmployedNow(staffNumbers))
                .flatMap(java.util.Optional::stream)
                .findFirst();
    }

    /**
     * Every holder destroys its copies, then the record's key is destroyed (its people vanish from the log), leaving
     * its tombstone; then the holders that take copies from elsewhere destroy theirs, so that a copy relayed while this
     * runs is either destroyed here or finds the tombstone as it arrives. A staff record's tombstone comes first
     * ({@link #TOMBSTONE_FIRST}). Last, the tombstone notes that every copy is gone ({@link RecordKeys#completed}).
     */
    private void destroy(DisposalList list, DisposalList.Item item) {
        boolean tombstoneFirst = TOMBSTONE_FIRST.contains(item.recordClass());
        if (tombstoneFirst) {
            leaveTombstone(list, item);
        }
        for (RecordHolder holder : holders) {
            if (holder.keeps().contains(item.recordClass()) && !holder.takesCopiesFromElsewhere()) {
                holder.destroy(item.recordClass(), item.reference());
            }
        }
        if (TOMBSTONED_CLASSES.contains(item.recordClass()) && !tombstoneFirst) {
            leaveTombstone(list, item);
        }
        for (RecordHolder holder : holders) {
            if (holder.keeps().contains(item.recordClass()) && holder.takesCopiesFromElsewhere()) {
                holder.destroy(item.recordClass(), item.reference());
            }
        }
        if (TOMBSTONED_CLASSES.contains(item.recordClass())) {
            // Every copy is gone: a person's record's life ends now, and what they do afterwards begins the next.
            keys.completed(new RecordUnit(item.recordClass(), item.reference()), list.getId());
        }
    }

    /** Destroys the item's record key, leaving its tombstone (idempotent). */
    private void leaveTombstone(DisposalList list, DisposalList.Item item) {
        keys.destroy(new RecordUnit(item.recordClass(), item.reference()), item.rule(), list.getId());
    }

    /** How a disposed item is named afterwards: an incident's reference or a year as is, a person's record by its key's pseudonym. */
    private String namesNoOne(DisposalList.Item item) {
        return switch (item.recordClass()) {
            case RecordUnit.CONDUCT_CASE, RecordUnit.AUDIT_TRAIL -> item.reference();
            default -> "record " + keys.keyIdOf(new RecordUnit(item.recordClass(), item.reference()));
        };
    }

    private static Map<String, Object> disposalRecord(DisposalList list, DisposalList.Item item, String named) {
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("recordClass", item.recordClass());
        record.put("record", named);
        record.put("rule", item.rule());
        record.put("retentionStarted", item.startedOn().toString());
        record.put("periodEnded", item.periodEnded().toString());
        record.put("reviewedBy", list.getReviewedBy());
        record.put("approvedBy", list.getApprovedBy());
        return record;
    }

    /**
     * Where one record stands: the rule it is kept under, when its retention ends (none while the event it runs from
     * has not happened, e.g. a case still open), the holds that keep it, and the open list it is on.
     */
    public record Standing(
            RetentionRule rule,
            Instant retentionStarted,
            LocalDate retentionEnds,

            @jakarta.validation.constraints.Size(max = LegalHolds.MAX_LISTED)
            List<HoldNote> heldBy,

            ListNote onList,
            Boolean stillEmployed) {}

    /** A hold on the record: its id, the external case and its state. */
    public record HoldNote(String id, String externalReference, LegalHold.State state) {}

    /** The open list the record is on, with the list's and the item's state. */
    public record ListNote(String id, DisposalList.State state, DisposalList.ItemState itemState) {}

    public Standing standing(String recordClass, String reference) {
        if (!RetentionSchedule.isRecordClass(recordClass)) {
            throw new org.trustgov.problem.BadRequestException(
                    "recordClass", "the platform keeps no record class '" + recordClass + "'");
        }
        RetentionRule rule = schedule.ruleFor(recordClass);
        RecordHolder.Ended found = holders.stream()
                .filter(h -> h.lists().contains(recordClass))
                .map(h -> h.find(recordClass, rule.startsAt(), reference))
                .flatMap(java.util.Optional::stream)
                .findFirst()
                .orElseThrow(() -> new NotFoundException("No " + recordClass + " " + reference));
        DisposalList.Item asItem = new DisposalList.Item(
                recordClass,
                reference,
                found.startedAt() == null ? Instant.EPOCH : found.startedAt(),
                null,
                null,
                found.people(),
                found.stillEmployed(),
                DisposalList.ItemState.PROPOSED,
                null);
        List<HoldNote> held = holds.inForce().stream()
                .filter(h -> found.startedAt() != null || h.getScope().kind() != LegalHold.Kind.RECORD_CLASS)
                .filter(h -> h.covers(asItem))
                .map(h -> new HoldNote(h.getId(), h.getExternalReference(), h.getState()))
                .toList();
        ListNote onList = null;
        for (DisposalList list :
                mongo.find(query(where("state").ne(DisposalList.State.DONE.name())), DisposalList.class)) {
            for (DisposalList.Item item : list.getItems()) {
                if (item.recordClass().equals(recordClass) && item.reference().equals(reference)) {
                    onList = new ListNote(list.getId(), list.getState(), item.state());
                }
            }
        }
        return new Standing(
                rule,
                found.startedAt(),
                found.startedAt() == null
                        ? null
                        : found.startedAt()
                                .atZone(ZoneOffset.UTC)
                                .plus(rule.period())
                                .toLocalDate(),
                held,
                onList,
                found.stillEmployed());
    }

    /**
     * Which of {@code references} of {@code recordClass} were disposed of, in the order asked: those whose tombstone
     * the key store keeps. A service asks before it keeps such a record again (HR sending a leaver whose roster record
     * was disposed of), so that a disposal is not undone by the next copy of the same data.
     */
    public List<String> disposedOf(String recordClass, java.util.Collection<String> references) {
        if (!TOMBSTONED_CLASSES.contains(recordClass)) {
            throw new org.trustgov.problem.BadRequestException(
                    "recordClass",
                    "a disposal leaves a tombstone only for "
                            + String.join(", ", new java.util.TreeSet<>(TOMBSTONED_CLASSES)) + ", not for "
                            + recordClass);
        }
        Set<RecordUnit> disposed = keys.destroyedAmong(references.stream()
                .map(reference -> new RecordUnit(recordClass, reference))
                .toList());
        return references.stream()
                .distinct()
                .filter(reference -> disposed.contains(new RecordUnit(recordClass, reference)))
                .toList();
    }

    public DisposalList get(String id) {
        DisposalList list = mongo.findById(id, DisposalList.class);
        if (list == null) {
            throw new NotFoundException("No disposal list " + id);
        }
        return list;
    }

    /** The lists, newest first (at most 100), those still to be decided with who is employed now. */
    public List<DisposalList> recent() {
        return employmentNow(mongo.find(
                new Query().with(Sort.by(Sort.Direction.DESC, "proposedAt")).limit(100), DisposalList.class));
    }

    /** One list, as {@link #recent()} shows it. */
    public DisposalList read(String id) {
        return employmentNow(List.of(get(id))).get(0);
    }

    /**
     * The lists as read now: in each list still to be decided, each person's record says whether they are still
     * employed now, from training-service (one question for every list, by 1,000 staff numbers), so a reviewer does
     * not keep back the record of someone who has left since the list was made, or destroy that of someone rehired.
     * When training-service does not answer, the lists say what they said when they were made ({@code
     * employmentAsOf}, the page's "when the list was made").
     */
    private List<DisposalList> employmentNow(List<DisposalList> lists) {
        List<DisposalList> undecided =
                lists.stream().filter(DisposalList::undecided).toList();
        Set<String> asked = new java.util.LinkedHashSet<>();
        undecided.forEach(l -> asked.addAll(l.employmentAsked()));
        if (asked.isEmpty()) {
            return lists;
        }
        Set<String> employed;
        try {
            employed = employedNow(asked).orElse(null);
        } catch (RuntimeException notNow) {
            log.warn(
                    "Who is still employed could not be asked again ({}); the disposal lists say it as of when they "
                            + "were made",
                    notNow.getClass().getSimpleName());
            return lists;
        }
        if (employed != null) {
            Instant now = clock.instant();
            undecided.forEach(l -> l.employmentAsOf(employed, now));
        }
        return lists;
    }

    /** What open lists already carry (class:reference), and what was kept back in the last year. */
    private Set<String> openReferences() {
        Set<String> listed = new HashSet<>();
        Instant aYearAgo = clock.instant().minusSeconds(366L * 24 * 3600);
        for (DisposalList list : mongo.find(
                query(new org.springframework.data.mongodb.core.query.Criteria()
                        .orOperator(
                                where("state").ne(DisposalList.State.DONE.name()),
                                where("proposedAt").gte(aYearAgo))),
                DisposalList.class)) {
            for (DisposalList.Item item : list.getItems()) {
                if (item.state() != DisposalList.ItemState.DISPOSED) {
                    listed.add(item.recordClass() + ":" + item.reference());
                }
            }
        }
        return listed;
    }

    /** The rule as an item records it: period, event and action, and whether it is the trust's own setting. */
    private static String describe(RetentionRule rule) {
        return rule.recordClass() + ": " + rule.period() + " from " + rule.startsAt() + ", then " + rule.action()
                + (rule.source().startsWith("trustgov.") ? " (the trust's setting)" : " (NHS Records Management Code)");
    }

    private static Map<String, Long> classes(DisposalList list) {
        Map<String, Long> counts = new LinkedHashMap<>();
        list.getItems().forEach(i -> counts.merge(i.recordClass(), 1L, Long::sum));
        return counts;
    }

    private static String newId(Instant now) {
        return "DL-" + LocalDate.ofInstant(now, ZoneOffset.UTC) + "-"
                + UUID.randomUUID().toString().substring(0, 6).toUpperCase(java.util.Locale.ROOT);
    }
}
