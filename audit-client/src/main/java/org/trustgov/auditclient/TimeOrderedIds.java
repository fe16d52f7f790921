package org.trustgov.auditclient;

import com.fasterxml.uuid.Generators;
import com.fasterxml.uuid.NoArgGenerator;

/**
 * The ids of audit events, access records and their batches: UUIDs of version 7 (RFC 9562), a millisecond timestamp
 * then 74 random bits. Each is a key of a unique index in audit-service's store (an entry's event id, a record's or a
 * batch's id), and the store finds and checks a key by reading the index page it belongs on. A random id belongs
 * anywhere in the index, so as the index outgrows the store's page cache nearly every new id read a page back from
 * the file; an id that starts with the time belongs beside the last ones written, on pages already in memory. The
 * random part is drawn for each id (not a counter within the millisecond), so one id does not give away the next.
 */
public final class TimeOrderedIds {

    private static final NoArgGenerator IDS = Generators.timeBasedEpochRandomGenerator();

    private TimeOrderedIds() {}

    /** A new id, in the canonical form (36 characters, lower-case hex with four hyphens). */
    public static String next() {
        return IDS.generate().toString();
    }
}
