package org.trustgov.audit.retention;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.mongodb.core.mapping.Document;
import org.trustgov.auditclient.AuditEvent;
import org.trustgov.problem.ConflictException;

/**
 * The records whose retention has ended, proposed for disposal, and what became of them. Four eyes: one governance
 * member reviews the list (and may keep items back, with why), a second approves it; only then are the items
 * destroyed, item by item, by the disposal job. A disposed item keeps its class, rule and dates, and its reference
 * only where it names no one (an incident's reference); a person's record is then named by its record key's
 * pseudonym.
 */
@Document("disposal_lists")
public class DisposalList {

    /** Where a list is in its life. */
    public enum State {
        AWAITING_REVIEW,
        AWAITING_APPROVAL,
        APPROVED,
        DONE
    }

    /** Where an item is. */
    public enum ItemState {
        PROPOSED,
        KEPT,
        PENDING,
        /** Its destruction has begun (some holders may have destroyed their copies); retried until done or held. */
        DESTROYING,
        HELD,
        DISPOSED
    }

    /**
     * One record proposed for disposal.
     *
     * @param reference    the record: an incident's reference, a staff number, a year; after disposal, for a person's
     *                     record, its pseudonym
     * @param startedAt    when its retention period started (the class's event)
     * @param periodEnded  the day the period ended
     * @param people       the staff numbers it names, for legal holds on a person; emptied when it is disposed
     * @param stillEmployed for a person's record, whether they are still employed (their training record reached its
     *                      end ten years after their latest completion while they still work here), as of
     *                      {@link #getEmploymentAsOf()}: the reviewer may keep it back; {@code null} for a record that
     *                      is not a person's, on lists made before it was asked, and once it is disposed
     * @param note         why it was kept back or held, or what is still to do
     */
    public record Item(
            String recordClass,
            String reference,
            Instant startedAt,
            LocalDate periodEnded,
            String rule,
            List<String> people,
            Boolean stillEmployed,
            ItemState state,
            String note) {

        LocalDate startedOn() {
            return startedAt.atZone(ZoneOffset.UTC).toLocalDate();
        }

        Item employed(boolean now) {
            return new Item(recordClass, reference, startedAt, periodEnded, rule, people, now, state, note);
        }

        Item with(ItemState state, String note) {
            return new Item(recordClass, reference, startedAt, periodEnded, rule, people, stillEmployed, state, note);
        }

        /** The disposal record: named by {@code reference} (no one), without whom it named or their employment. */
        Item disposedAs(String reference) {
            return new Item(
                    recordClass, reference, startedAt, periodEnded, rule, List.of(), null, ItemState.DISPOSED, null);
        }
    }

    @Id
    private String id;

    private Instant proposedAt;

    /** When the items' {@code stillEmployed} answers were taken: when the list was made, or when it was read. */
    private Instant employmentAsOf;

    @jakarta.validation.constraints.Size(max = Disposals.MAX_ITEMS)
    private List<Item> items;

    private State state;
    private String reviewedBy;
    private Instant reviewedAt;
    private String approvedBy;
    private Instant approvedAt;
    private Instant doneAt;
    private List<AuditEvent> pendingAuditEvents = new ArrayList<>();

    @Version
    private Long revision;

    protected DisposalList() {}

    static DisposalList propose(String id, List<Item> items, Instant at) {
        DisposalList list = new DisposalList();
        list.id = id;
        list.items = new ArrayList<>(items);
        list.proposedAt = at;
        list.employmentAsOf = items.stream().anyMatch(i -> i.stillEmployed() != null) ? at : null;
        list.state = State.AWAITING_REVIEW;
        return list;
    }

    /** The first pair of eyes: reviewed, keeping back the items at {@code kept} (indexes) with why. */
    void review(String by, java.util.Map<Integer, String> kept, Instant at) {
        if (state != State.AWAITING_REVIEW) {
            throw new ConflictException("Disposal list " + id + " is " + state + ": it was reviewed already");
        }
        for (var keep : kept.entrySet()) {
            if (keep.getKey() < 0 || keep.getKey() >= items.size()) {
                throw new org.trustgov.problem.BadRequestException(
                        "keep", "item " + keep.getKey() + " is not on the list (it has " + items.size() + ")");
            }
            items.set(keep.getKey(), items.get(keep.getKey()).with(ItemState.KEPT, keep.getValue()));
        }
        state = State.AWAITING_APPROVAL;
        reviewedBy = by;
        reviewedAt = at;
    }

    /**
     * The items still to be decided (proposed) that name this person, by their number on the list (from 1): whoever
     * they name does not decide whether they are destroyed.
     */
    List<Integer> undecidedItemsNaming(String staffNumber) {
        List<Integer> naming = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            Item item = items.get(i);
            if (item.state() == ItemState.PROPOSED
                    && item.people() != null
                    && item.people().contains(staffNumber)) {
                naming.add(i + 1);
            }
        }
        return naming;
    }

    /** Whether it is still to be decided (reviewed or approved), so who is employed now is what the deciders need. */
    boolean undecided() {
        return state == State.AWAITING_REVIEW || state == State.AWAITING_APPROVAL;
    }

    /** The staff numbers of its person's records, whose employment it shows. */
    List<String> employmentAsked() {
        return items.stream()
                .filter(i -> i.stillEmployed() != null)
                .map(Item::reference)
                .toList();
    }

    /**
     * This list as read {@code at}, not stored: each person's record says whether they are still employed now
     * ({@code employed}, training-service's answer), not when the list was made.
     */
    DisposalList employmentAsOf(java.util.Set<String> employed, Instant at) {
        items.replaceAll(i -> i.stillEmployed() == null ? i : i.employed(employed.contains(i.reference())));
        employmentAsOf = at;
        return this;
    }

    /** The second pair of eyes: approved by someone other than the reviewer; the proposed items are then pending. */
    void approve(String by, Instant at) {
        if (state != State.AWAITING_APPROVAL) {
            throw new ConflictException("Disposal list " + id + " is " + state
                    + (state == State.AWAITING_REVIEW ? ": it is reviewed first" : ": it was approved already"));
        }
        if (by.equals(reviewedBy)) {
            throw new ConflictException(
                    "You reviewed disposal list " + id + ": a second governance member approves it (four eyes)");
        }
        state = State.APPROVED;
        approvedBy = by;
        approvedAt = at;
        items.replaceAll(i -> i.state() == ItemState.PROPOSED ? i.with(ItemState.PENDING, null) : i);
    }

    /** Approved at once, for a class whose disposal the trust made automatic. */
    void approveAutomatically(Instant at) {
        state = State.APPROVED;
        reviewedBy = "automatic";
        approvedBy = "automatic";
        reviewedAt = at;
        approvedAt = at;
        items.replaceAll(i -> i.with(ItemState.PENDING, null));
    }

    void setItem(int index, Item item, Instant at) {
        items.set(index, item);
        if (state == State.APPROVED
                && items.stream().noneMatch(i -> i.state() == ItemState.PENDING || i.state() == ItemState.DESTROYING)) {
            state = State.DONE;
            doneAt = at;
        }
    }

    void recordChange(AuditEvent event) {
        pendingAuditEvents.add(event);
    }

    public String getId() {
        return id;
    }

    public Instant getProposedAt() {
        return proposedAt;
    }

    /**
     * When the items' {@code stillEmployed} answers were taken: for a list still to be decided, when it was read
     * (training-service asked again), or when it was made if training-service did not answer; for a decided list,
     * when it was made. {@code null} on a list with no person's record, and on lists made before it was asked.
     */
    public Instant getEmploymentAsOf() {
        return employmentAsOf;
    }

    public List<Item> getItems() {
        return items;
    }

    public State getState() {
        return state;
    }

    public String getReviewedBy() {
        return reviewedBy;
    }

    public Instant getReviewedAt() {
        return reviewedAt;
    }

    public String getApprovedBy() {
        return approvedBy;
    }

    public Instant getApprovedAt() {
        return approvedAt;
    }

    public Instant getDoneAt() {
        return doneAt;
    }
}
