package org.trustgov.policy.resources;

import java.time.Instant;

/**
 * The last automatic check of a resource's address: when, and whether it is broken (no answer, an answer of 400 or
 * more, or an address the check may not reach). Nothing else is kept: what a server answered, or how a connection
 * failed, would let anyone who reads resources probe the network through the check. Staff see when it was checked;
 * governance also whether it is broken ({@link #seenByStaff}).
 */
public record LinkCheck(Instant at, Boolean broken) {

    /** What staff see: the date only. */
    LinkCheck seenByStaff() {
        return new LinkCheck(at, null);
    }
}
