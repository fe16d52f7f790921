package org.trustgov.audit.log.evidence;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Service;
import org.trustgov.audit.log.chain.AuditEntry;
import org.trustgov.audit.log.checkpoints.Checkpoint;
import org.trustgov.audit.log.checkpoints.Checkpoints;
import org.trustgov.audit.log.tree.AuditTree;
import org.trustgov.problem.ServiceUnavailableException;
import org.trustgov.transparency.ExportSeals;
import org.trustgov.transparency.InclusionProof;

/**
 * The log's evidence for entries an export rests on: the latest signed checkpoint that covers them (cosigned by the
 * witness when it has been) and an inclusion proof of every entry in that checkpoint's tree, so the receiver can
 * check the export later, offline, with {@code java Verify.java bundle}.
 */
@Service
public class LogEvidence {

    /** The most entries one export carries evidence for. */
    static final int MAX_ENTRIES = ExportSeals.MAX_ENTRIES;

    /** The checkpoint (signed note) the entries are proved in, and one proof per entry, in the entries' order. */
    public record Evidence(String checkpoint, long treeSize, List<InclusionProof> proofs) {}

    private final MongoTemplate mongo;
    private final AuditTree tree;
    private final Checkpoints checkpoints;

    LogEvidence(MongoTemplate mongo, AuditTree tree, Checkpoints checkpoints) {
        this.mongo = mongo;
        this.tree = tree;
        this.checkpoints = checkpoints;
    }

    /**
     * The entries of an incident's workflow: audit-service's own {@code incident.*} entries about {@code reference},
     * oldest first, at most {@link #MAX_ENTRIES}. Other services' events never name an incident (the intake refuses
     * them), and if one ever did it would not be taken.
     */
    public List<AuditEntry> workflowOf(String reference) {
        return mongo.find(
                query(where("target")
                                .is(reference)
                                .and("source")
                                .is(null)
                                .and("action")
                                .regex("^incident\\."))
                        .with(Sort.by("_id"))
                        .limit(MAX_ENTRIES),
                AuditEntry.class);
    }

    /** The latest entry with {@code action} about each of {@code targets}, by target (targets without one are absent). */
    public Map<String, AuditEntry> latestAbout(String action, Collection<String> targets) {
        Map<String, AuditEntry> latest = new LinkedHashMap<>();
        mongo.find(query(where("action").is(action).and("target").in(targets)).with(Sort.by("_id")), AuditEntry.class)
                .forEach(entry -> latest.put(entry.getTarget(), entry));
        return latest;
    }

    /**
     * The entries of these event ids that {@code source} sent (all sources when {@code null}), in log order, and the
     * ids not among them (not delivered yet, or not the source's).
     */
    public List<AuditEntry> byEventIds(Collection<String> eventIds, String source) {
        var criteria = where("eventId").in(eventIds);
        if (source != null) {
            criteria = criteria.and("source").is(source);
        }
        return mongo.find(query(criteria).with(Sort.by("_id")).limit(MAX_ENTRIES), AuditEntry.class);
    }

    public Evidence of(List<AuditEntry> entries) {
        if (entries.isEmpty()) {
            return new Evidence(
                    checkpoints.latest().map(Checkpoint::note).orElse(null),
                    checkpoints.latest().map(Checkpoint::treeSize).orElse(0L),
                    List.of());
        }
        long highest = entries.stream().mapToLong(AuditEntry::getSequence).max().orElse(0);
        Checkpoint checkpoint = covering(highest);
        List<InclusionProof> proofs = entries.stream()
                .map(entry -> {
                    long sequence = entry.getSequence();
                    return new InclusionProof(
                            sequence,
                            sequence - 1,
                            checkpoint.treeSize(),
                            base64(tree.leafHash(sequence)),
                            tree.inclusionProof(sequence, checkpoint.treeSize()).stream()
                                    .map(LogEvidence::base64)
                                    .toList(),
                            checkpoint.rootHash());
                })
                .toList();
        return new Evidence(checkpoint.note(), checkpoint.treeSize(), proofs);
    }

    /**
     * The latest checkpoint of at least {@code size} entries, preferring one the witness cosigned. When the newest
     * entries are not in one yet, the tree takes them and a checkpoint is signed (and sent to the witness) now.
     */
    private Checkpoint covering(long size) {
        Checkpoint latest = checkpoints.latest().orElse(null);
        if (latest == null || latest.treeSize() < size || !latest.cosigned()) {
            tree.integrate();
            checkpoints.sign();
            checkpoints.witnessIfEnabled();
            latest = checkpoints.latest().orElse(null);
        }
        if (latest == null || latest.treeSize() < size) {
            throw new ServiceUnavailableException(
                    "The log's newest entries are not in a signed checkpoint yet (the log "
                            + "may be inconsistent with its last checkpoint: see the audit log's alerts); try again shortly",
                    null);
        }
        return latest;
    }

    private static String base64(byte[] hash) {
        return Base64.getEncoder().encodeToString(hash);
    }
}
