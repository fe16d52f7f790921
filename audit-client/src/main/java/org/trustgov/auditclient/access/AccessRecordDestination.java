package org.trustgov.auditclient.access;

import java.util.List;

/**
 * Where {@link AccessLog} hands each batch: audit-service keeps it (and binds its hash in the log); the other
 * services put it in their own store first and relay it ({@link RelayedAccessRecords}). Taking a batch id twice
 * keeps it once.
 */
public interface AccessRecordDestination {

    void take(String batchId, List<AccessRecord> records);

    /**
     * The person with this staff number is being disposed of: the records taken and not yet handed on stop naming
     * them (those about them are dropped, their reads of others lose their name). Returns how many records changed.
     * A destination that keeps its records itself (audit-service) has them destroyed by the disposal instead.
     */
    default int forget(String staffNumber) {
        return 0;
    }
}
