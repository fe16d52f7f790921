package org.trustgov.audit.log.checkpoints;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import feign.FeignException;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.data.support.PageableExecutionUtils;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.trustgov.audit.log.tree.AuditTree;
import org.trustgov.starter.mongo.ScheduledJobs;
import org.trustgov.transparency.Ed25519Keys;
import org.trustgov.transparency.MerkleTree;
import org.trustgov.transparency.SignedNotes;

/**
 * Signs the log's tree as C2SP checkpoints ({@code origin}, tree size, base64 root, one per line) in a signed note
 * with the log's Ed25519 key, whenever the tree has grown, at most every {@code interval}. A new checkpoint is
 * signed only after the consistency proof from the last one verifies: a tree whose stored history no longer
 * extends the last checkpoint (rewritten or truncated) is never signed, and the refusal is logged. Every checkpoint
 * is kept. Each new checkpoint then goes to the witness, in another trust boundary, whose cosignature is added to
 * the note: the witness keeps its own record, so a store rewritten with its checkpoints is still caught there.
 * Appends never wait for any of this.
 */
@Service
@EnableConfigurationProperties({CheckpointProperties.class, WitnessSettings.class})
public class Checkpoints {

    private static final Logger log = LoggerFactory.getLogger(Checkpoints.class);

    private final AuditTree tree;
    private final MongoTemplate mongo;
    private final CheckpointProperties settings;
    private final Clock clock;
    private final PrivateKey key;
    private final byte[] publicKey;

    /** 1 while the stored tree extends the latest checkpoint, 0 once it does not (metric {@code trustgov.audit.log.consistent}). */
    private final AtomicInteger consistent = new AtomicInteger(1);

    private final AtomicInteger witnessRefusing = new AtomicInteger(0);
    private final WitnessSettings witnessSettings;
    private final WitnessClient witnessClient;

    private final ScheduledJobs jobs;

    Checkpoints(
            AuditTree tree,
            MongoTemplate mongo,
            CheckpointProperties settings,
            WitnessSettings witnessSettings,
            WitnessClient witnessClient,
            Clock clock,
            MeterRegistry meters,
            ScheduledJobs jobs) {
        this.jobs = jobs;
        Gauge.builder("trustgov.audit.log.witness.refusing", witnessRefusing, AtomicInteger::get)
                .description(
                        "1 while the witness refuses the latest checkpoint: the log no longer extends what it cosigned")
                .register(meters);
        this.witnessSettings = witnessSettings;
        this.witnessClient = witnessClient;
        Gauge.builder("trustgov.audit.log.consistent", consistent, AtomicInteger::get)
                .description(
                        "1 while the audit log's tree extends its latest signed checkpoint; 0 when it was rewritten or truncated")
                .register(meters);
        this.tree = tree;
        this.mongo = mongo;
        this.settings = settings;
        this.clock = clock;
        KeyPair pair = Ed25519Keys.loadOrCreate(settings.keyFile(), "trustgov.audit.checkpoint.key-file");
        this.key = pair.getPrivate();
        this.publicKey = SignedNotes.rawPublicKey(pair.getPublic());
    }

    /** The verifier key auditors check checkpoints with (signed-note {@code vkey} format). */
    public String verifierKey() {
        return SignedNotes.verifierKey(settings.keyName(), publicKey);
    }

    public Optional<Checkpoint> latest() {
        return Optional.ofNullable(mongo.findOne(
                new Query().with(Sort.by(Sort.Direction.DESC, "_id")).limit(1), Checkpoint.class));
    }

    /** The latest checkpoint the witness cosigned. */
    public Optional<Checkpoint> latestCosigned() {
        return Optional.ofNullable(mongo.findOne(
                query(where("cosignedAt").ne(null))
                        .with(Sort.by(Sort.Direction.DESC, "_id"))
                        .limit(1),
                Checkpoint.class));
    }

    public Page<Checkpoint> history(Pageable page) {
        Query query = new Query().with(Sort.by(Sort.Direction.DESC, "_id"));
        List<Checkpoint> checkpoints = mongo.find(query.with(page), Checkpoint.class);
        return PageableExecutionUtils.getPage(checkpoints, page, () -> mongo.count(new Query(), Checkpoint.class));
    }

    /** Signing on schedule, by one replica at a time. */
    @Scheduled(
            initialDelayString = "${trustgov.audit.checkpoint.interval:5s}",
            fixedDelayString = "${trustgov.audit.checkpoint.interval:5s}")
    void signOnSchedule() {
        jobs.runExclusively("audit.checkpoints", Duration.ofMinutes(2), this::signIfGrown);
    }

    public void signIfGrown() {
        try {
            sign();
        } catch (RuntimeException e) {
            log.warn("No checkpoint could be signed just now ({}); it is tried again", e.toString());
        }
        witnessIfEnabled();
    }

    /** Sends the latest checkpoint to the witness when witnessing is on; a witness that cannot be reached is tried again later. */
    public void witnessIfEnabled() {
        if (witnessSettings.enabled()) {
            try {
                witness();
            } catch (RuntimeException e) {
                log.warn("The witness could not be reached just now ({}); the checkpoint is sent again", e.toString());
            }
        }
    }

    /**
     * Sends the latest checkpoint, if not yet cosigned, to the witness with a consistency proof from the latest one
     * it cosigned, and attaches its cosignature. When the witness knows another size (409), the proof is made from
     * that size once. A witness that has cosigned more entries than the log holds, or finds that the log does not
     * extend what it cosigned (422), is an alarm: the log's store was rewritten or cut back.
     *
     * @return the checkpoint with its cosignature, or none
     */
    public synchronized Optional<Checkpoint> witness() {
        Optional<Checkpoint> latest = latest();
        if (latest.isEmpty() || latest.get().cosigned()) {
            return latest.filter(Checkpoint::cosigned);
        }
        Checkpoint checkpoint = latest.get();
        long old = latestCosigned().map(Checkpoint::treeSize).orElse(0L);
        for (int attempt = 0; attempt < 2; attempt++) {
            if (old > checkpoint.treeSize()) {
                return witnessRefused(
                        checkpoint,
                        "the witness has cosigned " + old + " entries, more than the log's " + checkpoint.treeSize()
                                + ": entries were deleted");
            }
            List<byte[]> proof = old == 0 ? List.of() : tree.consistencyProof(old, checkpoint.treeSize());
            StringBuilder body = new StringBuilder("old ").append(old).append('\n');
            proof.forEach(hash ->
                    body.append(Base64.getEncoder().encodeToString(hash)).append('\n'));
            body.append('\n').append(checkpoint.note());
            try {
                return Optional.of(cosigned(checkpoint, witnessClient.addCheckpoint(body.toString())));
            } catch (FeignException.Conflict e) {
                String size = e.contentUTF8().strip();
                if (!size.matches("[0-9]{1,19}") || attempt > 0) {
                    log.warn(
                            "The witness refused the checkpoint of {} entries: {}",
                            checkpoint.treeSize(),
                            abbreviate(e.contentUTF8()));
                    return Optional.empty();
                }
                old = Long.parseLong(size);
            } catch (FeignException.UnprocessableEntity e) {
                return witnessRefused(
                        checkpoint,
                        "the witness found that the tree does not extend the checkpoint it cosigned: "
                                + abbreviate(e.contentUTF8()));
            }
        }
        return Optional.empty();
    }

    private Checkpoint cosigned(Checkpoint checkpoint, String cosignature) {
        String lines = cosignature.endsWith("\n") ? cosignature : cosignature + "\n";
        if (!lines.startsWith(SignedNotes.DASH) || lines.length() > 4_096) {
            throw new IllegalStateException("the witness answered with no cosignature line");
        }
        String note = checkpoint.note() + lines;
        if (witnessSettings.verifierKey() != null
                && !witnessSettings.verifierKey().isBlank()
                && !SignedNotes.verify(note, witnessSettings.verifierKey())) {
            throw new IllegalStateException(
                    "the witness's cosignature does not verify with trustgov.audit.witness.verifier-key");
        }
        Checkpoint cosigned = new Checkpoint(
                checkpoint.treeSize(), checkpoint.rootHash(), note, checkpoint.signedAt(), clock.instant());
        mongo.updateFirst(
                query(where("_id").is(checkpoint.treeSize()).and("cosignedAt").is(null)),
                new Update().set("note", note).set("cosignedAt", cosigned.cosignedAt()),
                Checkpoint.class);
        witnessRefusing.set(0);
        return cosigned;
    }

    private Optional<Checkpoint> witnessRefused(Checkpoint checkpoint, String reason) {
        witnessRefusing.set(1);
        log.error(
                "AUDIT LOG INCONSISTENT: the witness does not cosign the checkpoint of {} entries; {}",
                checkpoint.treeSize(),
                reason);
        return Optional.empty();
    }

    private static String abbreviate(String text) {
        String line = text.strip().replace('\n', ' ');
        return line.length() > 300 ? line.substring(0, 300) + "…" : line;
    }

    /** Whether the witness refused the latest checkpoint as inconsistent with what it cosigned before. */
    public boolean witnessRefusing() {
        return witnessRefusing.get() == 1;
    }

    /** Signs the tree as it is now if it has grown since the last checkpoint; the checkpoint signed, or none. */
    public synchronized Optional<Checkpoint> sign() {
        long size = tree.size();
        Optional<Checkpoint> last = latest();
        if (last.isPresent() && !extendsCheckpoint(last.get(), size)) {
            consistent.set(0);
            return Optional.empty();
        }
        consistent.set(1);
        if (size == 0 || last.map(c -> c.treeSize() == size).orElse(false)) {
            return Optional.empty();
        }
        byte[] root = tree.root(size);
        String rootHash = Base64.getEncoder().encodeToString(root);
        String text = settings.origin() + "\n" + size + "\n" + rootHash + "\n";
        String note = SignedNotes.note(text, SignedNotes.signatureLine(text, settings.keyName(), publicKey, key));
        Checkpoint checkpoint = new Checkpoint(size, rootHash, note, clock.instant(), null);
        try {
            return Optional.of(mongo.insert(checkpoint));
        } catch (DuplicateKeyException anotherInstanceSignedThisSize) {
            return Optional.empty();
        }
    }

    /** Whether the stored tree of {@code size} entries still holds the checkpoint's tree as its prefix. */
    private boolean extendsCheckpoint(Checkpoint previous, long size) {
        if (size < previous.treeSize()) {
            log.error(
                    "AUDIT LOG INCONSISTENT: the tree holds {} entries, fewer than the {} of its latest checkpoint; "
                            + "entries were deleted, and no checkpoint is signed",
                    size,
                    previous.treeSize());
            return false;
        }
        byte[] root = tree.root(size);
        List<byte[]> proof = tree.consistencyProof(previous.treeSize(), size);
        if (!MerkleTree.verifyConsistency(
                previous.treeSize(), size, Base64.getDecoder().decode(previous.rootHash()), root, proof)) {
            log.error(
                    "AUDIT LOG INCONSISTENT: the tree of {} entries does not extend the checkpoint of {} entries; "
                            + "its history was rewritten, and no checkpoint is signed for it",
                    size,
                    previous.treeSize());
            return false;
        }
        return true;
    }

    /** Whether the stored tree extended the latest checkpoint when last checked. */
    public boolean consistent() {
        return consistent.get() == 1;
    }
}
