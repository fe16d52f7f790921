package org.trustgov.audit.incidents;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;

import org.springframework.stereotype.Service;
import org.trustgov.audit.log.AuditEntry;
import org.trustgov.audit.log.LogEvidence;
import org.trustgov.auditclient.transparency.InclusionProof;
import org.trustgov.keycloak.Caller;

/**
 * An incident's case bundle, for an employment tribunal or a regulator referral: the incident as the caller's role
 * may see it (its history is in it), every audit-log entry about it, and the log's evidence for those entries: a
 * signed checkpoint (cosigned by the witness) and an inclusion proof per entry. The receiver checks it offline:
 * {@code java Verify.java bundle <bundle.json> <log-vkey>,<witness-vkey>}.
 */
@Service
public class CaseBundles {

    /**
     * @param entries    the log entries about the incident, oldest first, exactly as stored (their {@code hash} is
     *                   SHA-256 over the RFC 8785 canonical JSON of the other fields)
     * @param checkpoint the signed note the entries are proved in
     * @param proofs     one inclusion proof per entry, in the same order, in the checkpoint's tree
     */
    public record CaseBundle(String format, Instant cutAt, IncidentView incident,
            @ArraySchema(maxItems = LogEvidence.MAX_ENTRIES) List<AuditEntry> entries,
            @Schema(maxLength = 2_000) String checkpoint, long treeSize,
            @ArraySchema(maxItems = LogEvidence.MAX_ENTRIES) List<InclusionProof> proofs,
            @Schema(maxLength = 300) String verifyWith) {
    }

    static final String FORMAT = "trustgov-case-bundle/v1";

    private final IncidentService incidents;
    private final LogEvidence evidence;
    private final Clock clock;

    CaseBundles(IncidentService incidents, LogEvidence evidence, Clock clock) {
        this.incidents = incidents;
        this.evidence = evidence;
        this.clock = clock;
    }

    public CaseBundle of(String reference, Caller caller) {
        IncidentView incident = incidents.view(reference, caller);
        List<AuditEntry> entries = evidence.entriesAbout(reference);
        LogEvidence.Evidence proved = evidence.of(entries);
        return new CaseBundle(FORMAT, clock.instant(), incident, entries, proved.checkpoint(), proved.treeSize(), proved.proofs(),
                "java Verify.java bundle <this file> <log verifier key>,<witness verifier key>");
    }
}
