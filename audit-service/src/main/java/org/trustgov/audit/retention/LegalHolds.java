package org.trustgov.audit.retention;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.trustgov.audit.log.sealing.RecordUnit;
import org.trustgov.auditclient.AuditOutbox;
import org.trustgov.keycloak.Caller;
import org.trustgov.problem.BadRequestException;
import org.trustgov.problem.NotFoundException;
import org.trustgov.starter.idempotency.IdempotencyKey;
import org.trustgov.starter.idempotency.IdempotencyKeyReusedException;
import org.trustgov.starter.idempotency.KeyedSending;
import org.trustgov.starter.idempotency.KeyedSending.Made;

/**
 * Placing, listing and lifting legal holds. Placing and each step of lifting are saved with their log entry in one
 * write (409 on a concurrent change) and then appended. The reason is not logged (it is free text); the external
 * reference and what is held are.
 */
@Service
public class LegalHolds {

    /** The most holds listed at once (a trust has a handful open at a time). */
    static final int MAX_LISTED = 500;

    private final MongoTemplate mongo;
    private final AuditOutbox outbox;
    private final Clock clock;
    private final List<RecordHolder> holders;
    private final RetentionSchedule schedule;

    LegalHolds(
            MongoTemplate mongo,
            AuditOutbox outbox,
            Clock clock,
            List<RecordHolder> holders,
            RetentionSchedule schedule) {
        this.mongo = mongo;
        this.outbox = outbox;
        this.clock = clock;
        this.holders = holders;
        this.schedule = schedule;
    }

    /**
     * Places a hold, stored with its log entry in one write. Sent again with its {@code Idempotency-Key}, because the
     * answer was lost, it is answered with the hold the first sending placed, and nothing is placed (422 when the key
     * came with another hold): the key, the placer's own, is kept with the hold under a unique index, so sendings
     * that cross place one.
     */
    public Made<LegalHold> place(
            LegalHold.Scope scope, String reason, String externalReference, Caller caller, IdempotencyKey key) {
        checkScope(scope);
        KeyedSending sent = KeyedSending.of(
                key, "hold-key\n" + caller.logName(), "hold", Arrays.asList(scope, reason, externalReference));
        Made<LegalHold> placed = KeyedSending.makeOnce(
                sent,
                this::placedWith,
                () -> place(scope, reason, externalReference, caller, sent),
                LegalHold::keyedContent,
                earlier -> IdempotencyKeyReusedException.firstSentWith(
                        "another hold, placed as " + earlier.getId(), "placed"));
        if (placed.replayed()) {
            placed.made().beingDestroyed(beingDestroyed(placed.made()));
        }
        return placed;
    }

    private LegalHold placedWith(String keyHash) {
        return mongo.findOne(query(where("placedWithKey").is(keyHash)), LegalHold.class);
    }

    private LegalHold place(
            LegalHold.Scope scope, String reason, String externalReference, Caller caller, KeyedSending sent) {
        Instant now = clock.instant();
        String id = "HOLD-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase(java.util.Locale.ROOT);
        LegalHold hold = LegalHold.place(id, scope, reason, externalReference, caller.logName(), now)
                .keyedBy(sent);
        hold.recordChange(outbox.event(caller.logName(), "retention.hold.placed", id, facts(hold), now));
        mongo.insert(hold);
        outbox.flush(LegalHold.class, id);
        // Stored first, then the lists read (the disposal job marks an item first, then reads the holds; see
        // Disposals#destroyPending): an item whose destruction began before this hold existed is named in the answer.
        LegalHold placed = get(id);
        placed.beingDestroyed(beingDestroyed(placed));
        return placed;
    }

    /** The most items an answer names as being destroyed (far more than one disposal run has under way at once). */
    static final int MAX_BEING_DESTROYED = 100;

    private List<String> beingDestroyed(LegalHold hold) {
        List<String> found = new ArrayList<>();
        for (DisposalList list : mongo.find(
                query(where("state")
                        .is(DisposalList.State.APPROVED.name())
                        .and("items.state")
                        .is(DisposalList.ItemState.DESTROYING.name())),
                DisposalList.class)) {
            for (int i = 0; i < list.getItems().size() && found.size() < MAX_BEING_DESTROYED; i++) {
                DisposalList.Item item = list.getItems().get(i);
                if (item.state() == DisposalList.ItemState.DESTROYING && hold.covers(item)) {
                    found.add(list.getId() + " item " + i + ": " + item.recordClass() + " " + item.reference());
                }
            }
        }
        return found;
    }

    /** The first step of lifting; 403 for the person the hold is on (no one lifts a hold on their own records). */
    public LegalHold requestLift(String id, String why, Caller caller) {
        LegalHold hold = notOnTheCaller(get(id), caller);
        Instant now = clock.instant();
        hold.requestLift(caller.logName(), why, now);
        hold.recordChange(outbox.event(caller.logName(), "retention.hold.lift-requested", id, facts(hold), now));
        mongo.save(hold);
        outbox.flush(LegalHold.class, id);
        return get(id);
    }

    /** The second step, by another member of governance than the one who asked, and than the person it is on. */
    public LegalHold lift(String id, Caller caller) {
        LegalHold hold = notOnTheCaller(get(id), caller);
        Instant now = clock.instant();
        hold.lift(caller.logName(), now);
        hold.recordChange(outbox.event(caller.logName(), "retention.hold.lifted", id, facts(hold), now));
        mongo.save(hold);
        outbox.flush(LegalHold.class, id);
        return get(id);
    }

    /**
     * 403 when the hold is on the caller's own records: a hold on them, or on a case that names them (its subject,
     * reporter or investigator). A hold on a class of records names no one.
     */
    private LegalHold notOnTheCaller(LegalHold hold, Caller caller) {
        if (!caller.isPerson()) {
            return hold;
        }
        boolean own = switch (hold.getScope().kind()) {
            case PERSON -> caller.staffNumber().equals(hold.getScope().staffNumber());
            case INCIDENT -> namedInCase(hold.getScope().reference(), caller.staffNumber());
            case RECORD_CLASS -> false;
        };
        if (own) {
            throw new AccessDeniedException("Hold " + hold.getId() + " is on your own records: other members of "
                    + "governance ask for and confirm its lifting");
        }
        return hold;
    }

    private boolean namedInCase(String reference, String staffNumber) {
        String startsAt = schedule.ruleFor(RecordUnit.CONDUCT_CASE).startsAt();
        return holders.stream()
                .filter(holder -> holder.lists().contains(RecordUnit.CONDUCT_CASE))
                .map(holder -> holder.find(RecordUnit.CONDUCT_CASE, startsAt, reference))
                .flatMap(java.util.Optional::stream)
                .anyMatch(found -> found.people().contains(staffNumber));
    }

    public LegalHold get(String id) {
        LegalHold hold = mongo.findById(id, LegalHold.class);
        if (hold == null) {
            throw new NotFoundException("No legal hold " + id);
        }
        return hold;
    }

    /** Every hold, newest first, at most {@value #MAX_LISTED}. */
    public List<LegalHold> all() {
        return mongo.find(
                new org.springframework.data.mongodb.core.query.Query()
                        .with(Sort.by(Sort.Direction.DESC, "placedAt"))
                        .limit(MAX_LISTED),
                LegalHold.class);
    }

    /** The holds not lifted: what keeps records from disposal. */
    public List<LegalHold> inForce() {
        return mongo.find(query(where("state").ne(LegalHold.State.LIFTED.name())), LegalHold.class);
    }

    /**
     * After a person's record was destroyed, the lifted holds that named them name its pseudonym instead, and lose
     * the free text written about them (the reasons); the external reference and the dates stay.
     */
    public void forgetPerson(String staffNumber, String named) {
        for (LegalHold hold : mongo.find(
                query(where("scope.kind")
                        .is(LegalHold.Kind.PERSON.name())
                        .and("scope.staffNumber")
                        .is(staffNumber)
                        .and("state")
                        .is(LegalHold.State.LIFTED.name())),
                LegalHold.class)) {
            hold.forgetPerson(named);
            mongo.save(hold);
        }
    }

    /** The hold that keeps {@code item} from disposal, if any. */
    public java.util.Optional<LegalHold> holding(DisposalList.Item item) {
        return inForce().stream().filter(h -> h.covers(item)).findFirst();
    }

    private static Map<String, Object> facts(LegalHold hold) {
        Map<String, Object> facts = new LinkedHashMap<>();
        LegalHold.Scope scope = hold.getScope();
        facts.put("kind", scope.kind().name());
        if (scope.staffNumber() != null) {
            facts.put("staffNumber", scope.staffNumber());
        }
        if (scope.reference() != null) {
            facts.put("incident", scope.reference());
        }
        if (scope.recordClass() != null) {
            facts.put("recordClass", scope.recordClass());
            facts.put("from", scope.from().toString());
            facts.put("to", scope.to().toString());
        }
        facts.put("externalReference", hold.getExternalReference());
        facts.put("state", hold.getState().name());
        return facts;
    }

    private static void checkScope(LegalHold.Scope scope) {
        if (scope == null || scope.kind() == null) {
            throw new BadRequestException("scope.kind", "must be PERSON, INCIDENT or RECORD_CLASS");
        }
        switch (scope.kind()) {
            case PERSON -> {
                if (scope.staffNumber() == null) {
                    throw new BadRequestException("scope.staffNumber", "a hold on a person names their staff number");
                }
            }
            case INCIDENT -> {
                if (scope.reference() == null) {
                    throw new BadRequestException("scope.reference", "a hold on an incident names its reference");
                }
            }
            case RECORD_CLASS -> {
                if (scope.recordClass() == null || !RetentionSchedule.isRecordClass(scope.recordClass())) {
                    throw new BadRequestException(
                            "scope.recordClass",
                            "must be a class of record the platform keeps (see /api/audit/retention)");
                }
                if (scope.from() == null || scope.to() == null || scope.to().isBefore(scope.from())) {
                    throw new BadRequestException(
                            "scope.from",
                            "a hold on a class gives the range its records' retention started in, from <= to");
                }
            }
        }
    }
}
