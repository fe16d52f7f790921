package org.trustgov.auditclient.access;

import java.util.List;

/**
 * Where {@link AccessLog} hands each batch: audit-service keeps it (and binds its hash in the log); the other
 * services put it in their own store first and relay it ({@link RelayedAccessRecords}). Taking a batch id twice
 * keeps it once.
 */
public interface AccessRecordDestination {

    void take(String batchId, List<AccessRecord> records);
}
