package org.trustgov.audit.incidents;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.stereotype.Service;
import org.trustgov.audit.incidents.IncidentTypes.Action;
import org.trustgov.audit.incidents.IncidentTypes.Appeal;

/**
 * What the incident workflow asks of whom, for training-service's daily reminders: an investigator assigned, an
 * action owned (and its due date), an outcome decided (to the subject), an appeal lodged (to the investigator). Each
 * item names the person by staff number and the case only by an opaque key (an HMAC of its reference with a key this
 * service makes once and keeps, so references, which are sequential, cannot be tried against it), so nothing of the
 * case leaves this service: the reminder says only that something needs the reader's attention.
 */
@Service
public class IncidentAttention {

    /** What is asked of someone. */
    public enum Kind {
        INVESTIGATOR_ASSIGNED,
        ACTION_ASSIGNED,
        OUTCOME_DECIDED,
        APPEAL_LODGED,
        /** A signal (a cluster of incidents on one clause in one department) for governance: no staff number. */
        SIGNAL_RAISED
    }

    /**
     * One thing asked of one person.
     *
     * @param caseKey  an opaque, stable key of the case (not its reference)
     * @param since    the day it was asked
     * @param dueOn    for an action, its due date (else null)
     */
    public record Item(String staffNumber, Kind kind, String caseKey, LocalDate since, LocalDate dueOn) {}

    /** How far back a decided outcome or a lodged appeal is still told. */
    static final long RECENT_DAYS = 30;

    private final MongoTemplate mongo;
    private final IncidentSignals signals;
    private final Clock clock;

    IncidentAttention(MongoTemplate mongo, IncidentSignals signals, Clock clock) {
        this.mongo = mongo;
        this.signals = signals;
        this.clock = clock;
    }

    public List<Item> items() {
        Instant recent = clock.instant().minus(RECENT_DAYS, ChronoUnit.DAYS);
        // Only incidents that can ask something of someone: an investigator, an action, a recent outcome or an
        // appeal. A report not yet triaged asks nothing, and reading every open incident (on the embedded store,
        // each one held in the service's memory at once) had made a day's reminders a heap's worth of reading.
        var open = query(new Criteria()
                .andOperator(
                        new Criteria()
                                .orOperator(
                                        where("status").ne(Incident.Status.CLOSED),
                                        where("outcomeDecidedAt").gte(recent)),
                        new Criteria()
                                .orOperator(
                                        where("investigatorStaffNumber").ne(null),
                                        where("actions.0").exists(true),
                                        where("outcomeDecidedAt").gte(recent),
                                        where("appeals.0").exists(true))));
        open.fields()
                .include(
                        "subjectStaffNumber",
                        "investigatorStaffNumber",
                        "actions",
                        "appeals",
                        "outcomeDecidedAt",
                        "status",
                        "reportedAt");
        List<Item> items = new ArrayList<>();
        try (var found = mongo.stream(open, Incident.class)) {
            found.forEach(incident -> askedOf(incident, recent, items));
        }
        for (ClusterRule.Signal signal : signals.current(null)) {
            items.add(new Item(
                    null,
                    Kind.SIGNAL_RAISED,
                    key(signal.policyCode() + "/" + signal.clauseNumber() + "/" + signal.department()),
                    utc(signal.firstOccurred()),
                    null));
        }
        return items;
    }

    /** What {@code incident} asks of whom, added to {@code items}. */
    private void askedOf(Incident incident, Instant recent, List<Item> items) {
        String key = key(incident.getReference());
        boolean closed = incident.getStatus() == Incident.Status.CLOSED;
        if (!closed && incident.getInvestigatorStaffNumber() != null) {
            items.add(new Item(incident.getInvestigatorStaffNumber(), Kind.INVESTIGATOR_ASSIGNED, key, null, null));
        }
        for (Action action : incident.getActions()) {
            if (!closed && action.doneAt() == null && action.ownerStaffNumber() != null) {
                items.add(new Item(
                        action.ownerStaffNumber(),
                        Kind.ACTION_ASSIGNED,
                        key(incident.getReference() + "/" + action.id()),
                        utc(action.addedAt()),
                        action.dueOn()));
            }
        }
        Instant decided = incident.getOutcomeDecidedAt();
        if (decided != null && decided.isAfter(recent) && incident.getSubjectStaffNumber() != null) {
            items.add(new Item(incident.getSubjectStaffNumber(), Kind.OUTCOME_DECIDED, key, utc(decided), null));
        }
        for (Appeal appeal : incident.getAppeals()) {
            if (appeal.at().isAfter(recent) && incident.getInvestigatorStaffNumber() != null) {
                items.add(new Item(
                        incident.getInvestigatorStaffNumber(), Kind.APPEAL_LODGED, key, utc(appeal.at()), null));
            }
        }
    }

    private static LocalDate utc(Instant at) {
        return at == null ? null : at.atZone(ZoneOffset.UTC).toLocalDate();
    }

    /** A stable key that does not name the case: the first 16 bytes of HMAC-SHA256 over its reference. */
    private String key(String reference) {
        try {
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(new javax.crypto.spec.SecretKeySpec(secret(), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(reference.getBytes(StandardCharsets.UTF_8)), 0, 16);
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    private volatile byte[] secret;

    /** Made once, kept in this service's database (shared by its replicas), never configured. */
    private byte[] secret() {
        byte[] known = secret;
        if (known == null) {
            known = org.trustgov.starter.mongo.StoredSecrets.getOrCreate(mongo, KEYS, "attention");
            secret = known;
        }
        return known;
    }

    private static final String KEYS = "incident_attention_keys";
}
