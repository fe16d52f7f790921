package org.trustgov.policy.resources;

import java.time.Instant;

/**
 * The last automatic check of a resource's address: when, the HTTP status it answered (null when it could not be
 * reached at all), and whether it is broken (no answer, or a status of 400 or more), with a short reason.
 */
public record LinkCheck(Instant at, Integer status, boolean broken, String reason) {
}
