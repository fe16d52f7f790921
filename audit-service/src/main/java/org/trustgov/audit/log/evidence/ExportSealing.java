package org.trustgov.audit.log.evidence;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;
import org.trustgov.audit.log.chain.AuditEntry;
import org.trustgov.audit.log.chain.AuditLog;
import org.trustgov.audit.log.chain.AuditRecord;
import org.trustgov.audit.log.sealing.Sealer;
import org.trustgov.transparency.ExportSeals;
import org.trustgov.transparency.InclusionProof;

/**
 * Seals a verifiable export in the log ({@link ExportSeals}): appends the {@value ExportSeals#SEALED} entry over the
 * export's content hash and the entries it carries, then proves those entries and the seal in one checkpoint
 * (signed, and cosigned by the witness, now if need be). The seal also records who made which export, when.
 */
@Service
public class ExportSealing {

    /** The entries' checkpoint and proofs (in the entries' order), and the seal with its own proof. */
    public record Sealed(
            String checkpoint,
            long treeSize,
            List<InclusionProof> proofs,
            ExportSeals.Manifest<AuditEntry> manifest,
            Map<String, String> openings) {}

    private final AuditLog log;
    private final LogEvidence evidence;
    private final Sealer sealer;

    ExportSealing(AuditLog log, LogEvidence evidence, Sealer sealer) {
        this.log = log;
        this.evidence = evidence;
        this.sealer = sealer;
    }

    /** The openings of the sealed personal values in {@code entries} whose record key is live. */
    public Map<String, String> openings(List<AuditEntry> entries) {
        List<Object> values = new ArrayList<>();
        entries.forEach(e -> values.addAll(e.sealable()));
        return sealer.openings(values);
    }

    /**
     * @param actor   who asked for the export ({@code staff:…} or {@code client:…})
     * @param source  the service that made it, or {@code null} for audit-service
     * @param target  what it is about (an incident's reference, or the export's format)
     * @param entries the log entries the export carries, in its order
     */
    public Sealed seal(String actor, String source, String target, ExportSeals.Request seal, List<AuditEntry> entries) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("format", seal.format());
        details.put("query", seal.query() == null ? Map.of() : seal.query());
        details.put("entries", entries.stream().map(AuditEntry::getSequence).toList());
        details.put("contentHash", seal.contentHash());
        AuditEntry manifest = log.append(new AuditRecord(actor, ExportSeals.SEALED, target, details, source, null))
                .entry();
        List<AuditEntry> proved = new ArrayList<>(entries);
        proved.add(manifest);
        LogEvidence.Evidence all = evidence.of(proved);
        return new Sealed(
                all.checkpoint(),
                all.treeSize(),
                all.proofs().subList(0, entries.size()),
                new ExportSeals.Manifest<>(manifest, all.proofs().get(entries.size())),
                openings(proved));
    }
}
