package org.trustgov.audit.reports;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.stereotype.Service;
import org.trustgov.audit.incidents.Incident;
import org.trustgov.audit.incidents.IncidentReports;
import org.trustgov.audit.incidents.IncidentTypes.Category;
import org.trustgov.audit.log.chain.AuditEntry;
import org.trustgov.audit.log.evidence.ExportSealing;
import org.trustgov.audit.log.evidence.LogEvidence;
import org.trustgov.keycloak.Caller;
import org.trustgov.transparency.ExportSeals;
import org.trustgov.transparency.VerifiableExport;
import tools.jackson.databind.json.JsonMapper;

/**
 * HR's outcomes export, verifiable offline (and sealed in the log: see {@link ExportSealing}): each decided outcome as the record the log bound (its RFC 8785 hash is
 * in the {@code incident.outcome-recorded} entry's {@code outcomeHash}), that entry, a signed checkpoint (cosigned by
 * the witness) and an inclusion proof per entry. {@code java Verify.java bundle} checks that every bound record
 * hashes to its entry's {@code outcomeHash} and every entry is in the checkpoint's tree.
 */
@Service
public class OutcomeExports {

    static final String FORMAT = "trustgov-outcomes-export/v2";
    static final String OUTCOME_RECORDED = "incident.outcome-recorded";

    /**
     * One outcome: {@code record} is the decision as the log bound it (entry {@code sequence}, detail {@code field});
     * the case's current category, department and status are beside it, not bound.
     */
    public record BoundOutcome(
            Map<String, Object> record,
            long sequence,
            String field,
            Category category,
            String subjectDepartment,
            Incident.Status status) {}

    /** An outcome decided before the log bound outcomes to its entries: listed, but not provable. */
    public record UnboundOutcome(Map<String, Object> record, String reason) {}

    private final IncidentReports reports;
    private final LogEvidence evidence;
    private final ExportSealing sealing;
    private final JsonMapper json;
    private final Clock clock;

    OutcomeExports(IncidentReports reports, LogEvidence evidence, ExportSealing sealing, JsonMapper json, Clock clock) {
        this.reports = reports;
        this.evidence = evidence;
        this.sealing = sealing;
        this.json = json;
        this.clock = clock;
    }

    /** A page of the outcomes decided in [from, to), sealed in the log for {@code requestedBy}. */
    public VerifiableExport<BoundOutcome, UnboundOutcome, AuditEntry> export(
            Instant from, Instant to, Pageable page, Caller caller) {
        String requestedBy = caller.logName();
        Page<Incident> decided = reports.decided(from, to, page, caller);
        Map<String, AuditEntry> entries = evidence.latestAbout(
                OUTCOME_RECORDED, decided.map(Incident::getReference).getContent());
        List<BoundOutcome> bound = new ArrayList<>();
        List<UnboundOutcome> unbound = new ArrayList<>();
        List<AuditEntry> proved = new ArrayList<>();
        for (Incident incident : decided) {
            Map<String, Object> decision = incident.outcomeDecision();
            AuditEntry entry = entries.get(incident.getReference());
            if (entry == null
                    || entry.getDetails() == null
                    || entry.getDetails().get(Incident.OUTCOME_HASH) == null) {
                unbound.add(new UnboundOutcome(decision, "decided before the log bound outcomes to its entries"));
                continue;
            }
            bound.add(new BoundOutcome(
                    decision,
                    entry.getSequence(),
                    Incident.OUTCOME_HASH,
                    incident.getCategory(),
                    incident.getSubjectDepartment(),
                    incident.getStatus()));
            proved.add(entry);
        }
        VerifiableExport<BoundOutcome, UnboundOutcome, AuditEntry> content = VerifiableExport.content(
                FORMAT,
                clock.instant(),
                from,
                to,
                decided.getNumber(),
                page.getPageSize(),
                decided.getTotalPages(),
                bound,
                unbound);
        ExportSealing.Sealed sealed = sealing.seal(
                requestedBy,
                null,
                FORMAT,
                new ExportSeals.Request(
                        FORMAT,
                        Map.of(
                                "from",
                                from.toString(),
                                "to",
                                to.toString(),
                                "page",
                                String.valueOf(page.getPageNumber()),
                                "size",
                                String.valueOf(page.getPageSize())),
                        ExportSeals.contentHash(json, content)),
                proved);
        return content.proved(
                proved, sealed.checkpoint(), sealed.treeSize(), sealed.proofs(), sealed.manifest(), sealed.openings());
    }
}
