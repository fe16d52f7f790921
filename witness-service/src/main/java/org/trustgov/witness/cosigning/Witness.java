package org.trustgov.witness.cosigning;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import io.micrometer.core.instrument.MeterRegistry;
import java.security.KeyPair;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.trustgov.transparency.Ed25519Keys;
import org.trustgov.transparency.MerkleTree;
import org.trustgov.transparency.SignedCheckpoint;
import org.trustgov.transparency.SignedNotes;

/**
 * A witness of the audit log in a trust boundary of its own (its own process, database and key): it cosigns a
 * checkpoint of the log only after checking the log's signature and a consistency proof from the latest checkpoint
 * it cosigned, as C2SP tlog-witness {@code add-checkpoint} describes, and answers with a C2SP tlog-cosignature/v1
 * line. Checking the old size and recording the new checkpoint are one conditional write, so two requests can never
 * roll the record back. A refusal because the log no longer extends what was cosigned is logged as an error and
 * counted ({@code trustgov.witness.refusals}).
 */
@Service
@EnableConfigurationProperties(WitnessProperties.class)
public class Witness {

    private static final Logger log = LoggerFactory.getLogger(Witness.class);
    private static final int MAX_PROOF_LINES = 63;
    /** Far more than a checkpoint with a few signatures needs. */
    static final int MAX_REQUEST = 16 * 1024;

    private final MongoTemplate mongo;
    private final WitnessProperties settings;
    private final Clock clock;
    private final MeterRegistry meters;
    private final KeyPair key;
    private final byte[] publicKey;

    Witness(MongoTemplate mongo, WitnessProperties settings, Clock clock, MeterRegistry meters) {
        this.mongo = mongo;
        this.settings = settings;
        this.clock = clock;
        this.meters = meters;
        this.key = Ed25519Keys.loadOrCreate(settings.keyFile(), "trustgov.witness.key-file");
        this.publicKey = SignedNotes.rawPublicKey(key.getPublic());
    }

    /** The witness's verifier key (signed-note {@code vkey}, type 0x04): auditors check cosignatures with it. */
    public String verifierKey() {
        return SignedNotes.cosignerKey(settings.name(), publicKey);
    }

    public Optional<WitnessedLog> latest() {
        return Optional.ofNullable(mongo.findById(settings.logOrigin(), WitnessedLog.class));
    }

    /** Checks and cosigns; the cosignature line (ending with a newline), or a {@link WitnessRefusal}. */
    public String addCheckpoint(String body) {
        Request request = Request.parse(body);
        SignedCheckpoint checkpoint = checkpointOf(request.checkpoint());
        if (request.oldSize() > checkpoint.size()) {
            throw new WitnessRefusal(
                    HttpStatus.BAD_REQUEST,
                    "the old size " + request.oldSize() + " is above the checkpoint's size " + checkpoint.size());
        }
        WitnessedLog current = latest().orElse(null);
        long witnessed = current == null ? 0 : current.treeSize();
        if (request.oldSize() != witnessed) {
            throw new WitnessRefusal(
                    HttpStatus.CONFLICT,
                    "the latest checkpoint cosigned has " + witnessed + " entries, not " + request.oldSize(),
                    witnessed);
        }
        String rootHash = Base64.getEncoder().encodeToString(checkpoint.root());
        if (current != null && checkpoint.size() == current.treeSize() && !rootHash.equals(current.rootHash())) {
            refuse(
                    HttpStatus.CONFLICT,
                    checkpoint,
                    "a different root for the same size " + current.treeSize()
                            + " than the checkpoint cosigned: the log was rewritten",
                    witnessed);
        }
        byte[] oldRoot = current == null ? null : Base64.getDecoder().decode(current.rootHash());
        if (witnessed > 0
                && !MerkleTree.verifyConsistency(
                        witnessed, checkpoint.size(), oldRoot, checkpoint.root(), request.proof())) {
            refuse(
                    HttpStatus.UNPROCESSABLE_ENTITY,
                    checkpoint,
                    "the tree of " + checkpoint.size()
                            + " entries does not extend the checkpoint of " + witnessed + " entries cosigned on "
                            + current.cosignedAt()
                            + ": the log was rewritten or cut back",
                    null);
        }
        if (witnessed == 0 && !request.proof().isEmpty()) {
            throw new WitnessRefusal(HttpStatus.BAD_REQUEST, "a first checkpoint comes with no consistency proof");
        }
        record(
                current,
                new WitnessedLog(
                        checkpoint.origin(), checkpoint.size(), rootHash, request.checkpoint(), clock.instant()));
        String text = SignedCheckpoint.text(request.checkpoint());
        return SignedNotes.cosignatureLine(
                text,
                settings.name(),
                publicKey,
                key.getPrivate(),
                clock.instant().getEpochSecond());
    }

    private SignedCheckpoint checkpointOf(String note) {
        String origin = note.substring(0, Math.max(note.indexOf('\n'), 0));
        if (!origin.equals(settings.logOrigin())) {
            throw new WitnessRefusal(
                    HttpStatus.NOT_FOUND, "this witness does not witness the log " + abbreviate(origin));
        }
        String logKey = logVerifierKey();
        try {
            return SignedCheckpoint.verified(note, logKey);
        } catch (SignedCheckpoint.InvalidCheckpointException e) {
            meters.counter("trustgov.witness.refusals", "reason", "unsigned").increment();
            throw new WitnessRefusal(
                    HttpStatus.FORBIDDEN,
                    "the checkpoint carries no valid signature by the log's key " + logKey.split("\\+", 2)[0] + " ("
                            + e.getMessage() + ")");
        }
    }

    private String logVerifierKey() {
        if (settings.logVerifierKey() != null && !settings.logVerifierKey().isBlank()) {
            return settings.logVerifierKey().strip();
        }
        byte[] raw =
                settings.logPublicKeyFile() == null ? null : Ed25519Keys.readPublicKey(settings.logPublicKeyFile());
        if (raw == null) {
            throw new WitnessRefusal(
                    HttpStatus.FORBIDDEN,
                    "the witness knows no key of the log yet: set trustgov.witness.log-verifier-key");
        }
        return SignedNotes.verifierKey(settings.logOrigin(), raw);
    }

    /** The conditional write: only over the record the checks were made against. */
    private void record(WitnessedLog checkedAgainst, WitnessedLog next) {
        boolean recorded;
        if (checkedAgainst == null) {
            try {
                mongo.insert(next);
                recorded = true;
            } catch (DuplicateKeyException anotherRequestFirst) {
                recorded = false;
            }
        } else {
            recorded = mongo.updateFirst(
                                    query(where("_id")
                                            .is(next.origin())
                                            .and("treeSize")
                                            .is(checkedAgainst.treeSize())
                                            .and("rootHash")
                                            .is(checkedAgainst.rootHash())),
                                    new Update()
                                            .set("treeSize", next.treeSize())
                                            .set("rootHash", next.rootHash())
                                            .set("checkpoint", next.checkpoint())
                                            .set("cosignedAt", next.cosignedAt()),
                                    WitnessedLog.class)
                            .getModifiedCount()
                    == 1;
        }
        if (!recorded) {
            long now = latest().map(WitnessedLog::treeSize).orElse(0L);
            throw new WitnessRefusal(
                    HttpStatus.CONFLICT, "another checkpoint was cosigned meanwhile, at " + now + " entries", now);
        }
    }

    private void refuse(HttpStatus status, SignedCheckpoint checkpoint, String reason, Long witnessed) {
        meters.counter("trustgov.witness.refusals", "reason", "inconsistent").increment();
        log.error(
                "WITNESS REFUSED the checkpoint of {} at {} entries: {}",
                checkpoint.origin(),
                checkpoint.size(),
                reason);
        throw new WitnessRefusal(status, reason, witnessed);
    }

    private static String abbreviate(String text) {
        return text.length() > 100 ? text.substring(0, 100) + "…" : text;
    }

    /** An add-checkpoint body: {@code old <size>}, the proof's base64 hashes, a blank line, the checkpoint note. */
    record Request(long oldSize, List<byte[]> proof, String checkpoint) {

        static Request parse(String body) {
            if (body == null || body.length() > MAX_REQUEST) {
                throw bad("the body must be an add-checkpoint request of at most " + MAX_REQUEST + " characters");
            }
            int end = body.indexOf("\n\n");
            if (!body.startsWith("old ") || end < 0) {
                throw bad(
                        "the body must start with the line \"old <size>\" and the proof, then a blank line and the checkpoint");
            }
            String[] lines = body.substring(0, end).split("\n");
            if (!lines[0].matches("old (0|[1-9][0-9]{0,18})")) {
                throw bad("the old size line must be \"old \" and a decimal size");
            }
            if (lines.length - 1 > MAX_PROOF_LINES) {
                throw bad("a consistency proof has at most " + MAX_PROOF_LINES + " lines");
            }
            List<byte[]> proof = new ArrayList<>();
            for (String line : Arrays.asList(lines).subList(1, lines.length)) {
                if (!line.matches("[A-Za-z0-9+/]{43}=")) {
                    throw bad("each proof line must be one base64 SHA-256 hash");
                }
                proof.add(Base64.getDecoder().decode(line));
            }
            String checkpoint = body.substring(end + 2);
            String[] text = checkpoint.split("\n", 4);
            if (text.length < 4
                    || !text[1].matches("0|[1-9][0-9]{0,18}")
                    || !text[2].matches("[A-Za-z0-9+/]{43}=")
                    || !checkpoint.contains("\n\n")
                    || !checkpoint.endsWith("\n")) {
                throw bad(
                        "the checkpoint must be a signed note: origin, size and root hash lines, a blank line, signatures");
            }
            return new Request(Long.parseLong(lines[0].substring(4)), proof, checkpoint);
        }

        private static WitnessRefusal bad(String reason) {
            return new WitnessRefusal(HttpStatus.BAD_REQUEST, reason);
        }
    }
}
