package org.trustgov.audit.log.evidence;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.springdoc.core.annotations.ParameterObject;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Pageable;
import org.springframework.data.web.PageableDefault;
import org.springframework.data.web.PagedModel;
import org.springframework.http.MediaType;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.trustgov.audit.log.chain.AuditEntry;
import org.trustgov.audit.log.checkpoints.Checkpoint;
import org.trustgov.audit.log.checkpoints.Checkpoints;
import org.trustgov.audit.log.tree.AuditTree;
import org.trustgov.keycloak.Caller;
import org.trustgov.problem.BadRequestException;
import org.trustgov.problem.NotFoundException;
import org.trustgov.transparency.ConsistencyProof;
import org.trustgov.transparency.EntryEvidence;
import org.trustgov.transparency.ExportSeals;
import org.trustgov.transparency.InclusionProof;

/**
 * The log's Merkle tree for those who check it: its size and root, and inclusion and consistency proofs (RFC 6962
 * / RFC 9162) as JSON with base64 hashes, which anyone can verify offline with the RFC's algorithms. They show
 * hashes, never entries, so governance may read them as well as auditors and services.
 */
@RestController
@Validated
@Tag(name = "Audit log", description = "The append-only, hash-chained audit log and the other services' events")
public class AuditTreeController {

    static final int MAX_PROOF = InclusionProof.MAX_HASHES;
    static final int HASH_LENGTH = InclusionProof.HASH_LENGTH;
    private static final String BASE64_HASH = "[A-Za-z0-9+/]{43}=";

    public record TreeHead(
            long treeSize, @Size(max = HASH_LENGTH) String rootHash) {}

    /**
     * A checkpoint as the history lists it; {@code note} is the signed note itself, with the witness's cosignature
     * once it gave it ({@code cosignedAt}; absent while the witness has not cosigned it).
     */
    public record CheckpointView(
            long treeSize,
            @Size(max = HASH_LENGTH) String rootHash,
            Instant signedAt,
            Instant cosignedAt,
            @Size(max = MAX_NOTE) String note) {
        static CheckpointView of(Checkpoint c) {
            return new CheckpointView(c.treeSize(), c.rootHash(), c.signedAt(), c.cosignedAt(), c.note());
        }
    }

    /** A checkpoint note: origin, size and root lines and a few signature lines. */
    static final int MAX_NOTE = 2_000;

    private final AuditTree tree;
    private final Checkpoints checkpoints;
    private final LogEvidence evidence;
    private final ExportSealing sealing;

    AuditTreeController(AuditTree tree, Checkpoints checkpoints, LogEvidence evidence, ExportSealing sealing) {
        this.evidence = evidence;
        this.sealing = sealing;
        this.tree = tree;
        this.checkpoints = checkpoints;
    }

    /** The evidence for some events, with their entries as stored (the wire form of {@code EntryEvidence}). */
    public record EventEvidence(
            @Size(max = MAX_NOTE) String checkpoint,
            long treeSize,
            @Size(max = ExportSeals.MAX_ENTRIES) List<AuditEntry> entries,
            @Size(max = ExportSeals.MAX_ENTRIES) List<InclusionProof> proofs,
            @Size(max = ExportSeals.MAX_ENTRIES) List<String> notLogged,
            ExportSeals.Manifest<AuditEntry> manifest,
            @Size(max = EntryEvidence.MAX_OPENINGS) Map<String, String> openings) {}

    /**
     * @param matches whether the stored entries' hashes still give the checkpoint's root
     * @param reason  why not, or {@code null}
     */
    public record CheckpointVerification(
            long treeSize,
            boolean cosigned,
            boolean matches,
            @Size(max = HASH_LENGTH) String checkpointRoot,
            @Size(max = HASH_LENGTH) String recomputedRoot,
            @Size(max = 300) String reason,
            long millis) {}

    @GetMapping("/api/audit/log/verify/checkpoint")
    @PreAuthorize("hasAnyRole('governance', 'auditor')")
    @Operation(
            summary = "Check the stored entries against the latest witnessed checkpoint, fast",
            description =
                    "Governance and auditors. Recomputes the Merkle root from every stored entry's hash (not from "
                            + "the stored tree) and compares it with the latest checkpoint the witness cosigned (the latest "
                            + "checkpoint if none is): a changed, removed or reordered entry hash gives another root. It reads "
                            + "hashes only; that each entry's content still gives its hash is what the full verify and the "
                            + "verification job check. 404 before the first checkpoint.")
    public CheckpointVerification verifyAgainstCheckpoint() {
        long started = System.nanoTime();
        Checkpoint checkpoint = checkpoints
                .latestCosigned()
                .or(checkpoints::latest)
                .orElseThrow(() -> new NotFoundException("No checkpoint has been signed yet"));
        AuditTree.Recomputed fromEntries = tree.rootFromEntries(checkpoint.treeSize());
        byte[] recomputed = fromEntries.root();
        boolean matches = recomputed != null && base64(recomputed).equals(checkpoint.rootHash());
        String reason = recomputed == null
                ? fromEntries.problem()
                : matches
                        ? null
                        : "the stored entries' hashes no longer give the signed root: an entry's hash was changed, "
                                + "or entries were removed or reordered";
        return new CheckpointVerification(
                checkpoint.treeSize(),
                checkpoint.cosigned(),
                matches,
                checkpoint.rootHash(),
                recomputed == null ? null : base64(recomputed),
                reason,
                (System.nanoTime() - started) / 1_000_000);
    }

    @PostMapping("/api/audit/log/evidence")
    @PreAuthorize("hasAnyRole('governance', 'auditor', 'service')")
    @Operation(
            summary = "Evidence for logged events, for verifiable exports",
            description =
                    "Governance, auditors and services (a service for its own events only). For up to 1,000 event "
                            + "ids: their entries as stored, the latest checkpoint covering them (signed now if the newest are in "
                            + "none yet; cosigned by the witness) and an inclusion proof per entry; ids not in the log (not "
                            + "delivered yet, or another service's) are listed in `notLogged`. With `seal` (an export's format, "
                            + "query and content hash), the log first appends an `export.sealed` entry over that hash and these "
                            + "entries' sequence numbers, and answers it with its proof as `manifest`.")
    public EventEvidence evidence(@Valid @RequestBody EntryEvidence.Request request, Caller caller) {
        List<String> ids = request.eventIds() == null
                ? List.of()
                : request.eventIds().stream().distinct().toList();
        List<AuditEntry> entries = evidence.byEventIds(ids, caller.isPerson() ? null : caller.clientId());
        java.util.Set<String> logged = new java.util.HashSet<>();
        entries.forEach(e -> logged.add(e.getEventId()));
        List<String> notLogged = ids.stream().filter(id -> !logged.contains(id)).toList();
        if (request.seal() != null) {
            ExportSealing.Sealed sealed = sealing.seal(
                    caller.logName(),
                    caller.isPerson() ? null : caller.clientId(),
                    request.seal().format(),
                    request.seal(),
                    entries);
            return new EventEvidence(
                    sealed.checkpoint(),
                    sealed.treeSize(),
                    entries,
                    sealed.proofs(),
                    notLogged,
                    sealed.manifest(),
                    sealed.openings());
        }
        LogEvidence.Evidence proved = evidence.of(entries);
        return new EventEvidence(
                proved.checkpoint(),
                proved.treeSize(),
                entries,
                proved.proofs(),
                notLogged,
                null,
                sealing.openings(entries));
    }

    @GetMapping(value = "/api/audit/log/checkpoint", produces = MediaType.TEXT_PLAIN_VALUE)
    @PreAuthorize("hasAnyRole('governance', 'auditor', 'service')")
    @Operation(
            summary = "The latest signed checkpoint (C2SP tlog-checkpoint in a signed note)",
            description =
                    "Governance, auditors and services. Three lines (origin, tree size, base64 root hash), a blank "
                            + "line and the signature lines (the log's, and the witness's once it cosigned). Check it with the "
                            + "verifier key from /api/audit/log/checkpoint/key and the witness's.")
    public String checkpoint() {
        return checkpoints
                .latest()
                .map(Checkpoint::note)
                .orElseThrow(() -> new NotFoundException("No checkpoint has been signed yet"));
    }

    @GetMapping(value = "/api/audit/log/checkpoint/key", produces = MediaType.TEXT_PLAIN_VALUE)
    @PreAuthorize("hasAnyRole('governance', 'auditor', 'service')")
    @Operation(
            summary = "The verifier key of the log's checkpoints (signed-note vkey format)",
            description = "Governance, auditors and services.")
    public String checkpointKey() {
        return checkpoints.verifierKey() + "\n";
    }

    @GetMapping("/api/audit/log/checkpoints")
    @PreAuthorize("hasAnyRole('governance', 'auditor', 'service')")
    @Operation(
            summary = "Every checkpoint signed, newest first, a page at a time",
            description = "Governance, auditors and services. `page`, `size` and `sort` that are not a page are 400.")
    public PagedModel<CheckpointView> checkpointHistory(@ParameterObject @PageableDefault(size = 50) Pageable page) {
        return new PagedModel<>(checkpoints
                .history(PageRequest.of(page.getPageNumber(), page.getPageSize()))
                .map(CheckpointView::of));
    }

    @GetMapping("/api/audit/log/tree")
    @PreAuthorize("hasAnyRole('governance', 'auditor', 'service')")
    @Operation(
            summary = "The Merkle tree's size and root",
            description =
                    "Governance, auditors and services. Entries join the tree about a second after they are appended.")
    public TreeHead head() {
        long size = tree.size();
        return new TreeHead(size, base64(tree.root(size)));
    }

    @GetMapping("/api/audit/log/proofs/inclusion")
    @PreAuthorize("hasAnyRole('governance', 'auditor', 'service')")
    @Operation(
            summary = "Prove that an entry is in the tree of a given size",
            description =
                    "Governance, auditors and services. Name the entry by `sequence` or by `leafHash`; `treeSize` "
                            + "defaults to the tree's size now (400 naming `treeSize` when it is below the entry).")
    public InclusionProof inclusion(
            @RequestParam(required = false) @Min(1) Long sequence,
            @Parameter(description = "base64 of SHA-256(0x00 || the entry's hash)")
                    @RequestParam(required = false)
                    @Pattern(regexp = BASE64_HASH, message = "must be a base64 SHA-256 hash")
                    String leafHash,
            @RequestParam(required = false) @Min(1) Long treeSize) {
        if ((sequence == null) == (leafHash == null)) {
            throw new BadRequestException("sequence", "name the entry by sequence or by leafHash, one of the two");
        }
        long size = treeSize != null ? treeSize : tree.size();
        long seq = sequence != null
                ? sequence
                : tree.sequenceOfLeaf(Base64.getDecoder().decode(leafHash));
        if (sequence == null && seq > size) {
            throw new BadRequestException(
                    "treeSize",
                    "is below the entry with this leaf hash (entry " + seq + "): ask for a tree of at least " + seq
                            + " entries");
        }
        List<byte[]> proof = tree.inclusionProof(seq, size);
        return new InclusionProof(
                seq,
                seq - 1,
                size,
                base64(tree.leafHash(seq)),
                proof.stream().map(AuditTreeController::base64).toList(),
                base64(tree.root(size)));
    }

    @GetMapping("/api/audit/log/proofs/consistency")
    @PreAuthorize("hasAnyRole('governance', 'auditor', 'service')")
    @Operation(
            summary = "Prove that the tree of one size is a prefix of the tree of a larger size",
            description =
                    "Governance, auditors and services. `to` defaults to the tree's size now. Nothing before `from` "
                            + "was changed or removed if it verifies.")
    public ConsistencyProof consistency(
            @RequestParam @Min(1) long from, @RequestParam(required = false) @Min(1) Long to) {
        long size = to != null ? to : tree.size();
        List<byte[]> proof = tree.consistencyProof(from, size);
        return new ConsistencyProof(
                from,
                size,
                base64(tree.root(from)),
                base64(tree.root(size)),
                proof.stream().map(AuditTreeController::base64).toList());
    }

    private static String base64(byte[] hash) {
        return Base64.getEncoder().encodeToString(hash);
    }
}
