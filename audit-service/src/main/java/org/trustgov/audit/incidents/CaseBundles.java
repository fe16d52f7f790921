package org.trustgov.audit.incidents;

import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.trustgov.audit.log.chain.AuditEntry;
import org.trustgov.audit.log.evidence.ExportSealing;
import org.trustgov.audit.log.evidence.LogEvidence;
import org.trustgov.auditclient.access.AccessLog;
import org.trustgov.auditclient.access.AccessRecord.What;
import org.trustgov.keycloak.Caller;
import org.trustgov.transparency.ExportSeals;
import org.trustgov.transparency.InclusionProof;
import tools.jackson.databind.json.JsonMapper;

/**
 * An incident's case bundle, for an employment tribunal or a regulator referral: the whole incident, the audit-log
 * entries of its workflow (audit-service's own {@code incident.*} entries about it: no other service's event can
 * slip into a bundle), and the log's evidence: a signed checkpoint (cosigned by the witness), an inclusion proof per
 * entry, and the {@code manifest}, an {@code export.sealed} entry that binds the bundle's content (the incident as
 * shown, when it was cut) and the list of its entries, so an edited incident or a dropped entry fails the check.
 * Only governance and auditors not involved in the case get one: the entries name the reporter. The receiver checks
 * it offline: {@code java Verify.java bundle <bundle.json> <log-vkey>,<witness-vkey>}.
 */
@Service
public class CaseBundles {

    private final AccessLog accessLog;

    /**
     * @param entries    the log entries of the incident's workflow, oldest first, exactly as stored (their
     *                   {@code hash} is SHA-256 over the RFC 8785 canonical JSON of the other fields)
     * @param checkpoint the signed note the entries are proved in
     * @param proofs     one inclusion proof per entry, in the same order, in the checkpoint's tree
     * @param manifest   the log entry that sealed this bundle, and its proof in the same checkpoint
     */
    public record CaseBundle(
            String format,
            Instant cutAt,
            Incident incident,
            @ArraySchema(maxItems = ExportSeals.MAX_ENTRIES) List<AuditEntry> entries,
            @Schema(maxLength = 2_000) String checkpoint,
            Long treeSize,
            @ArraySchema(maxItems = ExportSeals.MAX_ENTRIES) List<InclusionProof> proofs,
            ExportSeals.Manifest<AuditEntry> manifest,
            @Schema(maxLength = 300) String verifyWith,

            @Schema(description = "Sealed personal value in the entries to the key that opens it (and no other)")
            Map<String, String> openings) {}

    static final String FORMAT = "trustgov-case-bundle/v2";

    private final IncidentService incidents;
    private final LogEvidence evidence;
    private final ExportSealing sealing;
    private final JsonMapper json;
    private final Clock clock;

    CaseBundles(
            IncidentService incidents,
            LogEvidence evidence,
            ExportSealing sealing,
            JsonMapper json,
            AccessLog accessLog,
            Clock clock) {
        this.incidents = incidents;
        this.accessLog = accessLog;
        this.evidence = evidence;
        this.sealing = sealing;
        this.json = json;
        this.clock = clock;
    }

    /** The bundle; 403 for a caller who is the subject or the reporter of the case, whatever their roles. */
    public CaseBundle of(String reference, Caller caller) {
        Incident incident = incidents.visible(reference, caller);
        IncidentAccess access = IncidentAccess.of(caller, incident);
        if (access.relation() != IncidentAccess.Relation.NONE || access.view() != IncidentAccess.View.FULL) {
            accessLog.refused(caller, What.CASE_BUNDLE, reference, incident.getSubjectStaffNumber());
            throw new AccessDeniedException(
                    "You are the " + access.relation().name().toLowerCase() + " of " + reference
                            + ": its case bundle names who reported it and is for governance and auditors not involved in it");
        }
        accessLog.read(caller, What.CASE_BUNDLE, reference, incident.getSubjectStaffNumber());
        List<AuditEntry> entries = evidence.workflowOf(reference);
        CaseBundle content = new CaseBundle(
                FORMAT,
                clock.instant(),
                incident,
                entries,
                null,
                null,
                null,
                null,
                "java Verify.java bundle <this file> <log verifier key>,<witness verifier key>",
                null);
        ExportSealing.Sealed sealed = sealing.seal(
                caller.logName(),
                null,
                reference,
                new ExportSeals.Request(FORMAT, Map.of("reference", reference), ExportSeals.contentHash(json, content)),
                entries);
        return new CaseBundle(
                content.format(),
                content.cutAt(),
                incident,
                entries,
                sealed.checkpoint(),
                sealed.treeSize(),
                sealed.proofs(),
                sealed.manifest(),
                content.verifyWith(),
                sealed.openings());
    }
}
