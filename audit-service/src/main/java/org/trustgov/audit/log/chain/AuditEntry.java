package org.trustgov.audit.log.chain;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;
import org.trustgov.transparency.LogEntries;

/**
 * One entry of the append-only audit log. The sequence number is the document key, so two writers can never
 * store the same number (no fork, no duplicate); each entry holds the hash of the one before it and its own hash,
 * SHA-256 over the RFC 8785 canonical JSON of everything else, so changing any stored byte breaks the chain.
 */
@Document("audit_log")
public class AuditEntry {

    /** The previous hash of entry 1. */
    public static final String GENESIS = "sha256:" + "0".repeat(64);

    @Id
    private long sequence;

    private Instant at;
    private String actor;
    private String action;
    private String target;
    private Map<String, Object> details;
    /** The sending service, for events from other services. */
    private String source;
    /** The sender's event id: appended once however often it is delivered. */
    @Indexed(unique = true, sparse = true)
    private String eventId;

    private String previousHash;
    private String hash;

    protected AuditEntry() {}

    /** The hashed fields that give an entry its place in the chain. */
    private static final List<String> PLACE = List.of("sequence", "at", "previousHash");

    /** The next entry after {@code previous} ({@code null} for the first), hashed. */
    public static AuditEntry after(AuditEntry previous, Instant at, AuditRecord record) {
        return after(previous, at, record, prepare(record));
    }

    /**
     * The record's content canonicalized ahead of its place in the chain ({@link LogEntries.Prepared}), so that
     * {@link #after(AuditEntry, Instant, AuditRecord, LogEntries.Prepared)} only adds the place; refuses a record
     * that cannot be hashed as stored.
     */
    static LogEntries.Prepared prepare(AuditRecord record) {
        Map<String, Object> content = unchained(record).content();
        PLACE.forEach(content::remove);
        return LogEntries.Prepared.of(content);
    }

    /**
     * The next entry after {@code previous}, hashed from {@code content}, which {@link #prepare} made of the same
     * record. {@link #computeHash()} recomputes the hash whole, as verification does.
     */
    static AuditEntry after(AuditEntry previous, Instant at, AuditRecord record, LogEntries.Prepared content) {
        AuditEntry entry = unchained(record);
        entry.sequence = previous == null ? 1 : previous.sequence + 1;
        entry.previousHash = previous == null ? GENESIS : previous.hash;
        entry.at = at.truncatedTo(ChronoUnit.MILLIS); // what MongoDB keeps, so the hash survives the round trip
        Map<String, Object> place = new LinkedHashMap<>();
        place.put("sequence", entry.sequence);
        place.put("at", entry.at.toString());
        place.put("previousHash", entry.previousHash);
        entry.hash = content.hash(place);
        return entry;
    }

    /** The record as an entry without a place in the chain yet (no number, time, previous hash or hash). */
    static AuditEntry unchained(AuditRecord record) {
        AuditEntry entry = new AuditEntry();
        entry.actor = record.actor();
        entry.action = record.action();
        entry.target = record.target();
        entry.details = record.details();
        entry.source = record.source();
        entry.eventId = record.eventId();
        return entry;
    }

    /**
     * The hash this entry's content should have ({@link LogEntries}: every field but the hash itself); equal to
     * {@link #getHash()} unless something was altered.
     */
    public String computeHash() {
        return LogEntries.hash(content());
    }

    /** The fields the hash covers, by name. */
    Map<String, Object> content() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("sequence", sequence);
        fields.put("at", at == null ? null : at.toString());
        fields.put("actor", actor);
        fields.put("action", action);
        fields.put("target", target);
        fields.put("details", details);
        fields.put("source", source);
        fields.put("eventId", eventId);
        fields.put("previousHash", previousHash);
        return fields;
    }

    /** The fields that may hold sealed personal values: actor, target and details. */
    public List<Object> sealable() {
        return java.util.Arrays.asList(actor, target, details);
    }

    public long getSequence() {
        return sequence;
    }

    public Instant getAt() {
        return at;
    }

    public String getActor() {
        return actor;
    }

    public String getAction() {
        return action;
    }

    public String getTarget() {
        return target;
    }

    public Map<String, Object> getDetails() {
        return details;
    }

    public String getSource() {
        return source;
    }

    public String getEventId() {
        return eventId;
    }

    public String getPreviousHash() {
        return previousHash;
    }

    public String getHash() {
        return hash;
    }
}
