package org.trustgov.auditclient;

import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;

/** audit-service's event intake, called with the sending service's own client-credentials token. */
public interface AuditEventsClient {

    @PostMapping("/api/audit/events")
    void deliver(@RequestBody AuditEvent event);
}
