package org.trustgov.auditclient;

import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.trustgov.transparency.EntryEvidence;

/** audit-service's evidence for the sender's own logged events, with the sending service's own token. */
public interface AuditEvidenceClient {

    @PostMapping("/api/audit/log/evidence")
    EntryEvidence evidence(@RequestBody EntryEvidence.Request request);
}
