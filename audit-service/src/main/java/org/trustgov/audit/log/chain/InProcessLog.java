package org.trustgov.audit.log.chain;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Component;
import org.trustgov.auditclient.AuditEvent;
import org.trustgov.auditclient.AuditEventDestination;

/**
 * audit-service's own changes (its incidents) go through the same {@link org.trustgov.auditclient.AuditOutbox} as
 * the other services' events, but its destination is the log itself, in process: each event is appended as an
 * entry of audit-service's own (no source), with the time it happened among its details. The log appends an event
 * id once, so an event taken again after a stop is not appended twice.
 */
@Component
class InProcessLog implements AuditEventDestination {

    private final AuditLog log;

    InProcessLog(AuditLog log) {
        this.log = log;
    }

    @Override
    public void take(AuditEvent event) {
        Map<String, Object> details = new LinkedHashMap<>(event.details());
        details.put("occurredAt", event.occurredAt().toString());
        log.append(new AuditRecord(event.actor(), event.action(), event.target(), details, null, event.eventId()));
    }
}
