package org.trustgov.audit.log;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageImpl;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

/**
 * Signs the log's tree as C2SP checkpoints ({@code origin}, tree size, base64 root, one per line) in a signed note
 * with the log's Ed25519 key, whenever the tree has grown, at most every {@code interval}. A new checkpoint is
 * signed only after the consistency proof from the last one verifies: a tree whose stored history no longer
 * extends the last checkpoint (rewritten or truncated) is never signed, and the refusal is logged. Every checkpoint
 * is kept.
 */
@Service
@EnableConfigurationProperties(CheckpointProperties.class)
public class Checkpoints {

    private static final Logger log = LoggerFactory.getLogger(Checkpoints.class);
    private static final Pattern PEM = Pattern.compile("-----BEGIN (PRIVATE|PUBLIC) KEY-----([A-Za-z0-9+/=\\s]+)-----END \\1 KEY-----");

    private final AuditTree tree;
    private final MongoTemplate mongo;
    private final CheckpointProperties settings;
    private final Clock clock;
    private final PrivateKey key;
    private final byte[] publicKey;

    /** 1 while the stored tree extends the latest checkpoint, 0 once it does not (metric {@code trustgov.audit.log.consistent}). */
    private final AtomicInteger consistent = new AtomicInteger(1);

    Checkpoints(AuditTree tree, MongoTemplate mongo, CheckpointProperties settings, Clock clock, MeterRegistry meters) {
        Gauge.builder("trustgov.audit.log.consistent", consistent, AtomicInteger::get)
                .description("1 while the audit log's tree extends its latest signed checkpoint; 0 when it was rewritten or truncated")
                .register(meters);
        this.tree = tree;
        this.mongo = mongo;
        this.settings = settings;
        this.clock = clock;
        KeyPair pair = loadOrCreate(settings.keyFile());
        this.key = pair.getPrivate();
        this.publicKey = SignedNotes.rawPublicKey(pair.getPublic());
    }

    /** The verifier key auditors check checkpoints with (signed-note {@code vkey} format). */
    public String verifierKey() {
        return SignedNotes.verifierKey(settings.keyName(), publicKey);
    }

    public Optional<Checkpoint> latest() {
        return Optional.ofNullable(mongo.findOne(new Query().with(Sort.by(Sort.Direction.DESC, "_id")).limit(1), Checkpoint.class));
    }

    public Page<Checkpoint> history(Pageable page) {
        Query query = new Query().with(Sort.by(Sort.Direction.DESC, "_id"));
        long total = mongo.count(new Query(), Checkpoint.class);
        List<Checkpoint> checkpoints = mongo.find(query.with(page), Checkpoint.class);
        return new PageImpl<>(checkpoints, page, total);
    }

    @Scheduled(initialDelayString = "${trustgov.audit.checkpoint.interval:5s}", fixedDelayString = "${trustgov.audit.checkpoint.interval:5s}")
    public void signIfGrown() {
        try {
            sign();
        } catch (RuntimeException e) {
            log.warn("No checkpoint could be signed just now ({}); it is tried again", e.toString());
        }
    }

    /** Signs the tree as it is now if it has grown since the last checkpoint; the checkpoint signed, or none. */
    Optional<Checkpoint> sign() {
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
        Checkpoint checkpoint = new Checkpoint(size, rootHash, note, clock.instant());
        try {
            return Optional.of(mongo.insert(checkpoint));
        } catch (DuplicateKeyException anotherInstanceSignedThisSize) {
            return Optional.empty();
        }
    }

    /** Whether the stored tree of {@code size} entries still holds the checkpoint's tree as its prefix. */
    private boolean extendsCheckpoint(Checkpoint previous, long size) {
        if (size < previous.treeSize()) {
            log.error("AUDIT LOG INCONSISTENT: the tree holds {} entries, fewer than the {} of its latest checkpoint; "
                    + "entries were deleted, and no checkpoint is signed", size, previous.treeSize());
            return false;
        }
        byte[] root = tree.root(size);
        List<byte[]> proof = tree.consistencyProof(previous.treeSize(), size);
        if (!MerkleTree.verifyConsistency(previous.treeSize(), size, Base64.getDecoder().decode(previous.rootHash()), root, proof)) {
            log.error("AUDIT LOG INCONSISTENT: the tree of {} entries does not extend the checkpoint of {} entries; "
                    + "its history was rewritten, and no checkpoint is signed for it", size, previous.treeSize());
            return false;
        }
        return true;
    }

    /** Whether the stored tree extended the latest checkpoint when last checked. */
    public boolean consistent() {
        return consistent.get() == 1;
    }

    private static KeyPair loadOrCreate(Path file) {
        try {
            if (Files.exists(file)) {
                return read(Files.readString(file, StandardCharsets.US_ASCII), file);
            }
            KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
            Path parent = file.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            Path written = Files.createTempFile(parent, "checkpoint-key", ".tmp");
            Files.writeString(written, pem("PRIVATE", pair.getPrivate().getEncoded()) + pem("PUBLIC", pair.getPublic().getEncoded()));
            Files.move(written, file, StandardCopyOption.ATOMIC_MOVE);
            log.warn("Generated a new checkpoint signing key in {} (a local first start); in production give "
                    + "trustgov.audit.checkpoint.key-file a key kept in the trust's secret store", file.toAbsolutePath());
            return pair;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("Could not read or create the checkpoint key " + file.toAbsolutePath() + ": " + e.getMessage(), e);
        }
    }

    private static KeyPair read(String text, Path file) throws GeneralSecurityException {
        PrivateKey privateKey = null;
        PublicKey publicKey = null;
        KeyFactory ed25519 = KeyFactory.getInstance("Ed25519");
        Matcher m = PEM.matcher(text);
        while (m.find()) {
            byte[] der = Base64.getMimeDecoder().decode(m.group(2));
            if (m.group(1).equals("PRIVATE")) {
                privateKey = ed25519.generatePrivate(new PKCS8EncodedKeySpec(der));
            } else {
                publicKey = ed25519.generatePublic(new X509EncodedKeySpec(der));
            }
        }
        if (privateKey == null || publicKey == null) {
            throw new GeneralSecurityException(file + " must hold the Ed25519 PRIVATE KEY and its PUBLIC KEY (PEM)");
        }
        return new KeyPair(publicKey, privateKey);
    }

    private static String pem(String kind, byte[] der) {
        return "-----BEGIN " + kind + " KEY-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + kind + " KEY-----\n";
    }
}
