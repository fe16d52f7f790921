package org.trustgov.training.roster;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.mapping.Document;
import org.trustgov.auditclient.AuditEvent;

/**
 * One roster upload from HR, recorded before its first row is written and completed with its counts after the
 * last, in the same write as its audit event. An upload the service stopped in the middle of stays RUNNING until
 * {@link InterruptedUploads} marks it INTERRUPTED (with its own audit event): every upload that changed the roster
 * is in the audit log.
 */
@Document("roster_uploads")
@CompoundIndex(name = "state_started", def = "{'state': 1, 'startedAt': 1}")
@CompoundIndex(name = "pending_audit_events", def = "{'pendingAuditEvents.eventId': 1}", sparse = true)
public class RosterUpload {

    public enum State {
        RUNNING,
        DONE,
        INTERRUPTED
    }

    @Id
    private String id;

    private String by;
    private Instant startedAt;
    private Instant finishedAt;
    private State state;
    private int received;
    private int inserted;
    private int updated;
    private int unchanged;
    private int rejected;
    /** Leavers whose roster record was disposed of, sent again and not kept again. */
    private int alreadyDisposed;

    private List<AuditEvent> pendingAuditEvents = new ArrayList<>();

    protected RosterUpload() {}

    RosterUpload(String id, String by, Instant startedAt) {
        this.id = id;
        this.by = by;
        this.startedAt = startedAt;
        this.state = State.RUNNING;
    }

    public String getId() {
        return id;
    }

    public String getBy() {
        return by;
    }

    public Instant getStartedAt() {
        return startedAt;
    }

    public Instant getFinishedAt() {
        return finishedAt;
    }

    public State getState() {
        return state;
    }

    public int getReceived() {
        return received;
    }

    public int getInserted() {
        return inserted;
    }

    public int getUpdated() {
        return updated;
    }

    public int getUnchanged() {
        return unchanged;
    }

    public int getRejected() {
        return rejected;
    }

    public int getAlreadyDisposed() {
        return alreadyDisposed;
    }
}
