package org.trustgov.audit.retention;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * A place where records of some classes are kept: audit-service's own incidents and log, training-service, and
 * policy-service. The disposal job asks each for the records whose retention period has ended, and, once a disposal
 * list is approved, has each destroy every copy it keeps of an item.
 */
public interface RecordHolder {

    /**
     * A record whose retention started before the asked moment.
     *
     * @param people        the staff numbers it names (for legal holds on a person)
     * @param stillEmployed for a person's record, whether they are still employed as the record is found (a training
     *                      record is listed ten years after its latest completion, which can be someone who still
     *                      works here); {@code null} for a record that is not a person's
     */
    record Ended(String reference, Instant startedAt, List<String> people, Boolean stillEmployed) {

        /** A record that is not a person's (a case, a year of the trail). */
        public Ended(String reference, Instant startedAt, List<String> people) {
            this(reference, startedAt, people, null);
        }
    }

    /** Where these records are, for a note on an item that could not be destroyed yet. */
    String name();

    /** The classes this holder finds when their retention ends. */
    default Set<String> lists() {
        return Set.of();
    }

    /** The classes this holder keeps copies of and destroys. */
    Set<String> keeps();

    /** Records of {@code recordClass} whose retention started ({@code startsAt}) before {@code before}. */
    default List<Ended> ended(String recordClass, String startsAt, Instant before, int limit) {
        return List.of();
    }

    /** One record of a class this holder lists, as it would be listed (its retention may not have ended), if it exists. */
    default java.util.Optional<Ended> find(String recordClass, String startsAt, String reference) {
        return java.util.Optional.empty();
    }

    /**
     * Of these staff numbers, those still employed now: for a list still to be decided, whose answers were taken when
     * it was made, and before a leaver's roster record is destroyed (not when they were rehired since); empty when
     * this holder does not know who is employed (only training-service, which keeps the roster, does). Fails as the
     * holder's other calls fail when it cannot answer.
     */
    default java.util.Optional<Set<String>> stillEmployedNow(java.util.Collection<String> staffNumbers) {
        return java.util.Optional.empty();
    }

    /** Destroys every copy this holder keeps of the record; nothing happens when there is none (idempotent). */
    void destroy(String recordClass, String reference);

    /**
     * Whether copies reach this holder from elsewhere, at any time (access records other services relay), each checked
     * as it arrives against the record's tombstone in the key store. Such a holder destroys its copies after the
     * tombstone is stored, not before, so that a copy arriving meanwhile is either among those it destroys or sees
     * the tombstone.
     */
    default boolean takesCopiesFromElsewhere() {
        return false;
    }
}
