package org.trustgov.auditclient;

import java.time.Instant;
import java.util.Map;

/**
 * An event for the audit log, as a service sends it to audit-service ({@code POST /api/audit/events}): the wire
 * contract of the intake. The event id makes delivery idempotent: audit-service appends an id once, however often
 * it is sent.
 *
 * @param source  the sending service, e.g. {@code policy-service}; audit-service checks it is the calling client
 * @param actor   who did it, as {@code Caller.logName()} writes it ({@code staff:10000004}, {@code client:hr-system});
 *                never a name or an email
 * @param action  what happened, e.g. {@code policy.version.published}; each source may send only its own actions
 * @param target  what it happened to, e.g. {@code SM-001/1.0}
 * @param details a few facts as JSON values (no personal data beyond staff numbers)
 */
public record AuditEvent(
        String eventId,
        String source,
        Instant occurredAt,
        String actor,
        String action,
        String target,
        Map<String, Object> details) {}
