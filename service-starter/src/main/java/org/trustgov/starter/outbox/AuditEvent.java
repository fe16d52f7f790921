package org.trustgov.starter.outbox;

import java.time.Instant;
import java.util.Map;

/**
 * An event for the audit log, as a service sends it to audit-service ({@code POST /api/audit/events}). The event
 * id makes delivery idempotent: audit-service appends an id once, however often it is sent.
 *
 * @param source  the sending service, e.g. {@code policy-service}
 * @param actor   who did it: a username, a client id, or a staff number; never a name or an email
 * @param action  what happened, e.g. {@code policy.version.published}
 * @param target  what it happened to, e.g. {@code SM-001/1.0}
 * @param details a few facts as JSON values (no personal data beyond staff numbers)
 */
public record AuditEvent(String eventId, String source, Instant occurredAt, String actor, String action, String target,
        Map<String, Object> details) {
}
