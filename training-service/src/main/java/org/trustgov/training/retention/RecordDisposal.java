package org.trustgov.training.retention;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;
import org.trustgov.auditclient.AuditOutbox;
import org.trustgov.auditclient.access.AccessLog;
import org.trustgov.problem.BadRequestException;
import org.trustgov.training.attempts.TrainingRecords;
import org.trustgov.training.reminders.ReminderErasure;
import org.trustgov.training.roster.StaffRecords;

/**
 * training-service's part in disposal, asked by audit-service's disposal job: which records of a class reached the
 * end of their retention, and the destruction of one, in every collection that holds a copy.
 *
 * <ul>
 *   <li>{@code training-record} (a person's): attempts, completions, certificates, the completions the roster copied
 *       for compliance, reminders about them, and the person's events in the outbox;
 *   <li>{@code staff-record} (a leaver's roster record): the record, their staff number in others' line-manager
 *       fields and chains, their reminders and preferences, and their events in the outbox.
 * </ul>
 *
 * <p>Either way, the records of reads not yet relayed to audit-service stop naming them ({@link AccessLog#forget}):
 * those about them are dropped, their reads of others read {@code [destroyed]}.
 */
@Service
public class RecordDisposal {

    /**
     * A record whose retention started before the asked moment.
     *
     * @param stillEmployed whether the person is still employed (on the roster and active) as the record is found: a
     *                      training record is listed ten years after its latest completion, which can be someone who
     *                      still works here
     */
    public record Ended(
            String reference,
            Instant startedAt,

            @io.swagger.v3.oas.annotations.media.ArraySchema(maxItems = 10)
            List<String> people,

            @io.swagger.v3.oas.annotations.media.Schema(
                    description = "Whether the person is still employed (on the roster and active) as the record is"
                            + " found: a training record is listed ten years after its latest completion, which can be"
                            + " someone who still works here")
            boolean stillEmployed) {}

    static final String TRAINING_RECORD = "training-record";
    static final String STAFF_RECORD = "staff-record";

    private final TrainingRecords training;
    private final StaffRecords staff;
    private final ReminderErasure reminders;
    private final AuditOutbox outbox;
    private final AccessLog accessLog;

    RecordDisposal(
            TrainingRecords training,
            StaffRecords staff,
            ReminderErasure reminders,
            AuditOutbox outbox,
            AccessLog accessLog) {
        this.training = training;
        this.staff = staff;
        this.reminders = reminders;
        this.outbox = outbox;
        this.accessLog = accessLog;
    }

    public List<Ended> ended(String recordClass, String startsAt, Instant before, int limit) {
        Map<String, Instant> found = switch (recordClass + "/" + startsAt) {
            case TRAINING_RECORD + "/completion-recorded" -> training.lastCompletedBefore(before, limit);
            case TRAINING_RECORD + "/staff-member-left", STAFF_RECORD + "/staff-member-left" ->
                staff.leftBefore(before, limit);
            default ->
                throw new BadRequestException(
                        "startsAt",
                        "training-service keeps no " + recordClass + " whose retention starts at " + startsAt);
        };
        java.util.Set<String> employed = staff.stillEmployed(found.keySet());
        List<Ended> ended = new ArrayList<>();
        found.forEach((staffNumber, at) ->
                ended.add(new Ended(staffNumber, at, List.of(staffNumber), employed.contains(staffNumber))));
        return ended;
    }

    /**
     * One person's record of a class as it would be listed, whether or not its retention has ended (its start is
     * {@code null} while the event it runs from has not happened); empty when the service has no such record.
     */
    public java.util.Optional<Ended> find(String recordClass, String startsAt, String staffNumber) {
        java.util.Optional<java.util.Optional<Instant>> found = switch (recordClass + "/" + startsAt) {
            case TRAINING_RECORD + "/completion-recorded" -> training.lastCompletedOf(staffNumber);
            case TRAINING_RECORD + "/staff-member-left" ->
                training.lastCompletedOf(staffNumber).isEmpty()
                        ? java.util.Optional.empty()
                        : staff.leftOn(staffNumber).or(() -> java.util.Optional.of(java.util.Optional.empty()));
            case STAFF_RECORD + "/staff-member-left" -> staff.leftOn(staffNumber);
            default ->
                throw new BadRequestException(
                        "startsAt",
                        "training-service keeps no " + recordClass + " whose retention starts at " + startsAt);
        };
        return found.map(at -> new Ended(
                staffNumber,
                at.orElse(null),
                List.of(staffNumber),
                !staff.stillEmployed(List.of(staffNumber)).isEmpty()));
    }

    /**
     * Which of {@code staffNumbers} are still employed (on the roster and active) now: for a disposal list still to be
     * decided, whose answers were taken when it was made, and before a leaver's roster record is destroyed.
     */
    public java.util.Set<String> stillEmployed(java.util.Collection<String> staffNumbers) {
        return staff.stillEmployed(staffNumbers);
    }

    /** Destroys every copy of the record; nothing happens when there is none. */
    public void destroy(String recordClass, String staffNumber) {
        switch (recordClass) {
            case TRAINING_RECORD -> {
                training.erase(staffNumber);
                staff.forgetStandings(staffNumber);
            }
            case STAFF_RECORD -> staff.erase(staffNumber);
            default ->
                throw new BadRequestException(
                        "recordClass", "training-service keeps no records of class " + recordClass);
        }
        reminders.erase(staffNumber);
        outbox.forget(staffNumber);
        accessLog.forget(staffNumber);
    }
}
