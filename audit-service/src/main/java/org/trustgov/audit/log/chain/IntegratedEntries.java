package org.trustgov.audit.log.chain;

/**
 * How many of the log's first entries are known to be stored without a gap: the Merkle tree's size, as the tree
 * takes entries in only in order and only while none is missing. The chain looks for its head by key from there
 * ({@link AuditLog#readHead()}) without knowing the tree (which depends on the chain, not the other way).
 */
public interface IntegratedEntries {

    /** The number of entries, from the first, the tree has taken in (0 when it has none). */
    long size();
}
