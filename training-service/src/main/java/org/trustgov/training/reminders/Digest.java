package org.trustgov.training.reminders;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * The one message a person receives on one day, collecting everything due. Its id is the person and the day, so
 * there is never a second one that day. Composed first (READY, with the notifications it carries), then claimed for
 * sending with a lease (SENDING), then SENT; a failed delivery waits and is tried again (FAILED), and after
 * {@code max-attempts} becomes a dead letter (DEAD) governance can see and send again; a permanent refusal of the
 * address (BOUNCED) marks it as bouncing on the person's record.
 *
 * @param notices   what the message says, copied from the notifications when they were collected (the message is
 *                  what was decided, whatever happens to the notifications after)
 * @param messageId the Message-ID every attempt carries, so a message sent twice (an answer lost after the relay
 *                  accepted it) is one message to the mailbox that deduplicates
 */
@Document("notification_digests")
@CompoundIndex(name = "due", def = "{'state': 1, 'nextAttemptAt': 1}")
public record Digest(
        @Id String id,
        String staffNumber,
        LocalDate day,
        String address,
        List<String> notificationIds,
        List<Notice> notices,
        State state,
        int attempts,
        Instant nextAttemptAt,
        String messageId,
        String lastError,
        Instant createdAt,
        Instant sentAt) {

    /** One line of the message. */
    /** @param policyVersion as the notification's (where a comment's answer is settled), {@code null} if none */
    public record Notice(
            Reason reason, String subject, String title, LocalDate dueDate, String detail, String policyVersion) {

        static Notice of(Notification n) {
            return new Notice(n.reason(), n.subject(), n.title(), n.dueDate(), n.detail(), n.policyVersion());
        }

        /** Where on the web pages it is settled ({@link NoticePages}). */
        String page() {
            return NoticePages.of(reason, subject, policyVersion);
        }
    }

    public enum State {
        READY,
        SENDING,
        FAILED,
        SENT,
        DEAD,
        BOUNCED
    }

    static String idOf(String staffNumber, LocalDate day) {
        return staffNumber + "|" + day;
    }
}
