package org.trustgov.auditclient;

import java.util.List;
import org.trustgov.problem.ServiceUnavailableException;
import org.trustgov.starter.resilience.GuardedCalls;
import org.trustgov.transparency.EntryEvidence;
import org.trustgov.transparency.ExportSeals;

/**
 * What a service's verifiable export asks audit-service for: the log entries of its own events (by event id), a
 * checkpoint and their inclusion proofs, through {@code audit-evidence}'s time limit, retries and breaker. audit-service
 * unavailable (or refusing) is a 503, and no export is made.
 */
public class AuditLogEvidence {

    static final String GUARD = "audit-evidence";

    private final AuditEvidenceClient client;
    private final GuardedCalls guarded;

    AuditLogEvidence(AuditEvidenceClient client, GuardedCalls guarded) {
        this.client = client;
        this.guarded = guarded;
    }

    /**
     * Evidence for at most {@link EntryEvidence#MAX_ENTRIES} event ids, and the log's seal over the export they go in
     * ({@link ExportSeals}): its entry and proof come back as {@code manifest}.
     */
    public EntryEvidence forExport(List<String> eventIds, ExportSeals.Request seal) {
        try {
            return guarded.call(GUARD, () -> client.evidence(new EntryEvidence.Request(eventIds, seal)));
        } catch (RuntimeException e) {
            throw new ServiceUnavailableException(
                    "audit-service could not give the log's evidence just now, so no "
                            + "verifiable export was made; try again shortly",
                    e);
        }
    }
}
