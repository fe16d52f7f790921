package org.trustgov.training.reminders;

import java.time.Instant;
import java.time.LocalDate;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * One thing a person is told, decided once: its id is the person, the reason, the subject and the date it is about,
 * so deciding it again (a second replica, a restart, the next hour's run) finds it already there and adds nothing.
 * It is stored before anything is sent; the relay then sends it in the person's digest.
 *
 * @param id          {@code <staff number>|<reason>|<subject>|<key date>}
 * @param subject     what it is about: a module code, or {@code team} for a manager's summary
 * @param title       the subject's title as the person reads it
 * @param dueDate     the date the thing is due (or the day of the summary)
 * @param detail      one line more (e.g. how many people of a team are overdue), never personal data of others
 * @param deliverOn   the first day it may be sent: today, or the next weekly-digest day for a person who chose one
 * @param policyVersion the policy version it is about, {@code <code>/<version>}, when the subject does not say it (a
 *     comment's id); {@code null} otherwise, and on notices decided before it was kept
 */
@Document("notifications")
@CompoundIndex(name = "person_newest", def = "{'staffNumber': 1, 'decidedAt': -1}")
@CompoundIndex(name = "waiting", def = "{'state': 1, 'deliverOn': 1}")
public record Notification(
        @Id String id,
        String staffNumber,
        Reason reason,
        String subject,
        String title,
        LocalDate dueDate,
        String detail,
        Instant decidedAt,
        LocalDate deliverOn,
        State state,
        Instant readAt,
        String policyVersion) {

    /**
     * PENDING: decided, not yet in a digest; QUEUED: in the digest {@code <staff number>|<deliverOn>} or an earlier
     * one (whether it went is the digest's state); SUPPRESSED: switched off, or the person has no address to send to.
     */
    public enum State {
        PENDING,
        QUEUED,
        SUPPRESSED
    }

    /** This notice, about the policy version {@code <code>/<version>} (for a subject that does not say it). */
    Notification about(String policyVersion) {
        return new Notification(
                id,
                staffNumber,
                reason,
                subject,
                title,
                dueDate,
                detail,
                decidedAt,
                deliverOn,
                state,
                readAt,
                policyVersion);
    }

    static String idOf(String staffNumber, Reason reason, String subject, LocalDate keyDate) {
        return staffNumber + "|" + reason.code() + "|" + subject + "|" + keyDate;
    }
}
