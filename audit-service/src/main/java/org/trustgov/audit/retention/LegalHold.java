package org.trustgov.audit.retention;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Transient;
import org.springframework.data.annotation.Version;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;
import org.trustgov.auditclient.AuditEvent;
import org.trustgov.problem.ConflictException;
import org.trustgov.starter.idempotency.KeyedSending;

/**
 * A legal hold: records that must not be disposed of while a tribunal claim, a coroner's request or a regulator's case
 * is open, whatever their retention says. It covers a person (every record naming them), one incident, or a class of
 * record whose retention started within a date range. Placing it takes one governance member; lifting it takes two:
 * one asks, another confirms. Its changes travel to the log with it ({@code pendingAuditEvents}).
 */
@Document("legal_holds")
public class LegalHold {

    /** What a hold covers. */
    public enum Kind {
        PERSON,
        INCIDENT,
        RECORD_CLASS
    }

    /** Where a hold is in its life. */
    public enum State {
        ACTIVE,
        LIFT_REQUESTED,
        LIFTED
    }

    /**
     * @param staffNumber for {@code PERSON}
     * @param reference   for {@code INCIDENT}
     * @param recordClass for {@code RECORD_CLASS}, with the range its records' retention started in
     */
    public record Scope(
            Kind kind, String staffNumber, String reference, String recordClass, LocalDate from, LocalDate to) {}

    @Id
    private String id;

    private Scope scope;
    private String reason;
    private String externalReference;
    private State state;
    private String placedBy;
    private Instant placedAt;
    private String liftRequestedBy;
    private Instant liftRequestedAt;
    private String liftReason;
    private String liftedBy;
    private Instant liftedAt;
    private List<AuditEvent> pendingAuditEvents = new ArrayList<>();

    /**
     * The hash of the {@code Idempotency-Key} the hold was placed with, in its placer's scope: how placing it again,
     * after the answer was lost, finds this hold instead of placing a second. {@code null} without a key.
     */
    @JsonIgnore
    @Indexed(unique = true, sparse = true)
    private String placedWithKey;

    /** The hash of what was sent with {@link #placedWithKey}: the key sent with another hold is refused. */
    @JsonIgnore
    private String placedWithKeyContent;

    @Version
    private Long revision;

    /**
     * Only in the answer to placing it, never stored: the items of approved disposal lists whose destruction had begun
     * when it was placed ("DL-… item 3: training-record 10000055"), which it may not keep whole.
     */
    @Transient
    private List<String> beingDestroyed = List.of();

    protected LegalHold() {}

    static LegalHold place(String id, Scope scope, String reason, String externalReference, String by, Instant at) {
        LegalHold hold = new LegalHold();
        hold.id = id;
        hold.scope = scope;
        hold.reason = reason;
        hold.externalReference = externalReference;
        hold.state = State.ACTIVE;
        hold.placedBy = by;
        hold.placedAt = at;
        return hold;
    }

    /** The hold was placed with an {@code Idempotency-Key} (its hash, and that of what was sent; none: null). */
    LegalHold keyedBy(KeyedSending sent) {
        placedWithKey = sent == null ? null : sent.key();
        placedWithKeyContent = sent == null ? null : sent.content();
        return this;
    }

    /** The hash of what the hold was placed with, with its key ({@code null} without one). */
    String keyedContent() {
        return placedWithKeyContent;
    }

    /** The first of the two steps of lifting: someone asks, with why. */
    void requestLift(String by, String why, Instant at) {
        if (state != State.ACTIVE) {
            throw new ConflictException(
                    "Hold " + id + " is " + state + ": only an active hold can be asked to be lifted");
        }
        state = State.LIFT_REQUESTED;
        liftRequestedBy = by;
        liftRequestedAt = at;
        liftReason = why;
    }

    /** The second step: another governance member confirms. */
    void lift(String by, Instant at) {
        if (state != State.LIFT_REQUESTED) {
            throw new ConflictException("Hold " + id + " is " + state + ": lifting is asked for first, then confirmed");
        }
        if (by.equals(liftRequestedBy)) {
            throw new ConflictException(
                    "You asked for hold " + id + " to be lifted: a second governance member confirms it");
        }
        state = State.LIFTED;
        liftedBy = by;
        liftedAt = at;
    }

    /** Their record was destroyed: the hold names its pseudonym, and the reasons written about them are gone. */
    void forgetPerson(String named) {
        scope = new Scope(Kind.PERSON, named, null, null, null, null);
        reason = DESTROYED;
        liftReason = DESTROYED;
    }

    static final String DESTROYED = "[destroyed with the record it held]";

    void recordChange(AuditEvent event) {
        pendingAuditEvents.add(event);
    }

    /** Whether this hold, while not lifted, keeps {@code item} from disposal. */
    public boolean covers(DisposalList.Item item) {
        if (state == State.LIFTED) {
            return false;
        }
        return switch (scope.kind()) {
            case PERSON -> item.people() != null && item.people().contains(scope.staffNumber());
            case INCIDENT -> scope.reference().equals(item.reference());
            case RECORD_CLASS ->
                scope.recordClass().equals(item.recordClass())
                        && item.startedAt() != null
                        && !item.startedOn().isBefore(scope.from())
                        && !item.startedOn().isAfter(scope.to());
        };
    }

    public String getId() {
        return id;
    }

    @jakarta.validation.constraints.Size(max = LegalHolds.MAX_BEING_DESTROYED)
    public List<String> getBeingDestroyed() {
        return beingDestroyed;
    }

    void beingDestroyed(List<String> items) {
        beingDestroyed = List.copyOf(items);
    }

    public Scope getScope() {
        return scope;
    }

    public String getReason() {
        return reason;
    }

    public String getExternalReference() {
        return externalReference;
    }

    public State getState() {
        return state;
    }

    public String getPlacedBy() {
        return placedBy;
    }

    public Instant getPlacedAt() {
        return placedAt;
    }

    public String getLiftRequestedBy() {
        return liftRequestedBy;
    }

    public Instant getLiftRequestedAt() {
        return liftRequestedAt;
    }

    public String getLiftReason() {
        return liftReason;
    }

    public String getLiftedBy() {
        return liftedBy;
    }

    public Instant getLiftedAt() {
        return liftedAt;
    }
}
