package org.trustgov.training.reminders;

import jakarta.validation.constraints.Size;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Period;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * When reminders are decided and how they are sent ({@code trustgov.reminders.*}). Each rule is checked at start-up:
 * a period that is zero or negative, or out of its bounds, stops the service with a message naming the setting.
 *
 * @param enabled                decide and send reminders at all (default true)
 * @param firstCompletionWithin  how long a person has to complete a module they have never completed (or whose
 *                               policy changed major version), from the later of its publication and their joining
 *                               the roster (default P30D)
 * @param acknowledgeWithin      how long staff have to acknowledge a new major version of a policy, from its first
 *                               publication or their joining the roster, whichever is later (default P30D)
 * @param dueSoonNotices         how long before a due date the "due soon" notices go (default P30D and P7D)
 * @param overdueRepeat          how often an overdue person is reminded again (default P7D)
 * @param managerSummaryDay      the day of the week line managers receive their team's overdue summary (default
 *                               MONDAY)
 * @param weeklyDigestDay        the day a person who chose a weekly digest receives it (default MONDAY)
 * @param decideInterval         how often the daily decision is looked at (it runs once a day; default 1h)
 * @param relayInterval          how often the relay composes and sends digests (default 30s)
 * @param sendRate               most messages a second towards the relay (relays limit senders; default 10)
 * @param maxAttempts            delivery attempts before a digest becomes a dead letter (default 6)
 * @param reviewNotices          how long before a policy's review date its author and governance are told
 *                               (default P90D and P30D); overdue reviews weekly
 * @param governanceAddress      the governance team's mailbox, for policy reviews (none: governance is not mailed)
 * @param keepFor                how long a notification and a digest are kept after they were decided, then deleted (default P400D: a year's reminders and their delivery,
 *                               for a person's questions; at least P60D, longer than any notice keeps applying)
 * @param from                   the sender address
 * @param publicUrl              the gateway's public address, for the links in the messages
 */
@ConfigurationProperties("trustgov.reminders")
public record ReminderSettings(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("P30D") Period firstCompletionWithin,
        @DefaultValue("P30D") Period acknowledgeWithin,
        @DefaultValue({"P30D", "P7D"}) @Size(max = 10) List<Period> dueSoonNotices,
        @DefaultValue("P7D") Period overdueRepeat,
        @DefaultValue("MONDAY") DayOfWeek managerSummaryDay,
        @DefaultValue("MONDAY") DayOfWeek weeklyDigestDay,
        @DefaultValue("1h") Duration decideInterval,
        @DefaultValue("30s") Duration relayInterval,
        @DefaultValue("10") int sendRate,
        @DefaultValue("6") int maxAttempts,
        @DefaultValue({"P90D", "P30D"}) @Size(max = 10) List<Period> reviewNotices,
        String governanceAddress,
        @DefaultValue("P400D") Period keepFor,
        @DefaultValue("training@trust.example.nhs.uk") String from,
        @DefaultValue("http://localhost:8080") String publicUrl) {

    public ReminderSettings {
        positive("trustgov.reminders.first-completion-within", firstCompletionWithin);
        positive("trustgov.reminders.overdue-repeat", overdueRepeat);
        positive("trustgov.reminders.acknowledge-within", acknowledgeWithin);
        if (dueSoonNotices == null) {
            dueSoonNotices = List.of();
        }
        if (dueSoonNotices.size() > 10) {
            throw new IllegalArgumentException("trustgov.reminders.due-soon-notices takes at most 10 periods");
        }
        for (int i = 0; i < dueSoonNotices.size(); i++) {
            positive("trustgov.reminders.due-soon-notices[" + i + "]", dueSoonNotices.get(i));
        }
        // largest first, so the notice for a due date is the nearest one that has begun
        dueSoonNotices = dueSoonNotices.stream()
                .sorted((a, b) -> Long.compare(days(b), days(a)))
                .toList();
        reviewNotices = reviewNotices == null ? List.of() : reviewNotices;
        for (int i = 0; i < reviewNotices.size(); i++) {
            positive("trustgov.reminders.review-notices[" + i + "]", reviewNotices.get(i));
        }
        reviewNotices = reviewNotices.stream()
                .sorted((a, b) -> Long.compare(days(b), days(a)))
                .toList();
        if (governanceAddress != null
                && !governanceAddress.isBlank()
                && !governanceAddress.matches("[^@\\s]+@[^@\\s]+")) {
            throw new IllegalArgumentException("trustgov.reminders.governance-address must be an e-mail address");
        }
        governanceAddress = governanceAddress == null || governanceAddress.isBlank() ? null : governanceAddress.strip();
        if (keepFor == null || days(keepFor) < 60) {
            throw new IllegalArgumentException(
                    "trustgov.reminders.keep-for must be at least P60D (a notice keeps applying for weeks), not "
                            + keepFor);
        }
        positive("trustgov.reminders.decide-interval", decideInterval);
        positive("trustgov.reminders.relay-interval", relayInterval);
        if (sendRate < 1 || sendRate > 1000) {
            throw new IllegalArgumentException("trustgov.reminders.send-rate must be between 1 and 1000 a second");
        }
        if (maxAttempts < 1 || maxAttempts > 50) {
            throw new IllegalArgumentException("trustgov.reminders.max-attempts must be between 1 and 50");
        }
        if (from == null || !from.matches("[^@\\s]+@[^@\\s]+")) {
            throw new IllegalArgumentException("trustgov.reminders.from must be an e-mail address");
        }
        publicUrl = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
    }

    private static void positive(String name, Period period) {
        if (period == null || period.isZero() || period.isNegative() || days(period) <= 0) {
            throw new IllegalArgumentException(name + " must be a positive period, not " + period);
        }
    }

    private static void positive(String name, Duration duration) {
        if (duration == null || duration.isZero() || duration.isNegative()) {
            throw new IllegalArgumentException(name + " must be a positive duration, not " + duration);
        }
    }

    /** A period in days (months as 30, years as 365): only to order and check the rules. */
    static long days(Period period) {
        return period.getYears() * 365L + period.getMonths() * 30L + period.getDays();
    }
}
