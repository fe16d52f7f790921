package org.trustgov.training.reminders;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Service;
import org.trustgov.starter.Batches;
import org.trustgov.training.compliance.CurrentPolicyVersions;
import org.trustgov.training.modules.ModuleService;
import org.trustgov.training.modules.TrainingModule;
import org.trustgov.training.roster.RefresherDue;
import org.trustgov.training.roster.RosterQueries;
import org.trustgov.training.roster.StaffMember;
import org.trustgov.training.roster.Standing;

/**
 * The daily decision: for every active member of staff and every published module assigned to them, what they must
 * be told today, and for every line manager on the summary day, how many of their team (down the whole chain) are
 * overdue. One pass over the roster, one bulk insert; each notification's id is what it is about, so deciding again
 * the same day (another replica, a restart) adds nothing, and a day the service was down is made up the next
 * (the notice that applies then is decided, not every one missed).
 *
 * <p>A module a person has never completed (or completed against an older major version of its policy) is due
 * {@code first-completion-within} after the later of its publication and their joining the roster; one they
 * completed is due when the completion expires. Before the due date the nearest "due soon" notice that has begun
 * applies, on the day itself "due today", after it "overdue", again every {@code overdue-repeat}.
 */
@Service
public class ReminderDecisions {

    private static final Logger log = LoggerFactory.getLogger(ReminderDecisions.class);

    private final RosterQueries roster;
    private final ModuleService modules;
    private final CurrentPolicyVersions policyVersions;
    private final PolicyAcknowledgements acknowledgements;
    private final CaseAttention cases;
    private final PolicyAttention policySide;
    private final ReminderSettings settings;
    private final MongoTemplate mongo;
    private final Clock clock;

    ReminderDecisions(
            RosterQueries roster,
            ModuleService modules,
            CurrentPolicyVersions policyVersions,
            PolicyAcknowledgements acknowledgements,
            CaseAttention cases,
            PolicyAttention policySide,
            ReminderSettings settings,
            MongoTemplate mongo,
            Clock clock) {
        this.roster = roster;
        this.modules = modules;
        this.policyVersions = policyVersions;
        this.acknowledgements = acknowledgements;
        this.cases = cases;
        this.policySide = policySide;
        this.settings = settings;
        this.mongo = mongo;
        this.clock = clock;
    }

    /** What a run decided: how many notifications it considered and how many were new. */
    public record Run(LocalDate day, int considered, int decided, int people) {}

    /** Decides today's notifications; returns how many were new. */
    public Run decide(LocalDate today) {
        Instant now = clock.instant();
        List<Assignment> assignments = new ArrayList<>();
        for (TrainingModule module : modules.published()) {
            Integer major = policyVersions.of(module.getPolicyCode()).majorOr(module.getPolicyVersion());
            assignments.add(new Assignment(module, major));
        }
        List<PolicyAcknowledgements.InForce> policies = acknowledgements.inForce();
        Map<String, Set<String>> acknowledged = new HashMap<>();
        if (policies != null) {
            policies.forEach(p -> acknowledged.put(p.policyCode(), new java.util.HashSet<>(p.acknowledgedBy())));
        }
        List<PolicyAttention.Item> policyItems = policySide.items();
        List<PolicyAttention.Item> toEveryone = policyItems == null
                ? List.of()
                : policyItems.stream()
                        .filter(i -> i.audience() == PolicyAttention.Audience.EVERYONE)
                        .toList();
        Map<String, Preferences> weekly = new HashMap<>();
        for (Preferences p : mongo.find(query(where("digest").is(Preferences.Frequency.WEEKLY)), Preferences.class)) {
            weekly.put(p.staffNumber(), p);
        }
        Map<String, Set<Reason>> unsubscribed = new HashMap<>();
        for (Preferences p : mongo.find(query(where("unsubscribed.0").exists(true)), Preferences.class)) {
            unsubscribed.put(p.staffNumber(), p.unsubscribed());
        }
        Day day = new Day(today, now, weekly, unsubscribed);
        List<Notification> decided = new ArrayList<>();
        Map<String, Integer> overdueUnder = new TreeMap<>();
        int[] people = {0};
        roster.forEachActive(member -> {
            people[0]++;
            boolean overdue = false;
            for (Assignment a : assignments) {
                if (!a.module().isAssignedTo(member.getStaffGroup(), member.getDepartment())
                        && !member.hasRefresher(a.module().getCode())) {
                    continue;
                }
                Notification n = noticeFor(member, a, day);
                if (n != null) {
                    decided.add(n);
                    overdue |= n.reason() == Reason.OVERDUE;
                }
            }
            if (policies != null) {
                for (PolicyAcknowledgements.InForce policy : policies) {
                    if (!acknowledged.get(policy.policyCode()).contains(member.getStaffNumber())) {
                        Notification n = acknowledgementFor(member, policy, day);
                        if (n != null) {
                            decided.add(n);
                        }
                    }
                }
            }
            for (PolicyAttention.Item item : toEveryone) {
                decided.add(notification(
                        member.getStaffNumber(),
                        Reason.CONSULTATION_OPENED,
                        item.subject(),
                        item.title(),
                        null,
                        item.since() == null ? today : item.since(),
                        null,
                        day));
            }
            if (overdue && member.getManagers() != null) {
                for (String manager : member.getManagers()) {
                    overdueUnder.merge(manager, 1, Integer::sum);
                }
            }
        });
        List<CaseAttention.Item> asked = cases.items();
        if (asked != null) {
            for (CaseAttention.Item item : asked) {
                Notification n = caseNotice(item, day);
                if (n != null) {
                    decided.add(n);
                }
            }
            decided.addAll(heldByLeavers(asked, day));
        }
        if (policyItems != null) {
            for (PolicyAttention.Item item : policyItems) {
                Notification n = policyNotice(item, day);
                if (n != null) {
                    decided.add(n);
                }
            }
        }
        if (today.getDayOfWeek() == settings.managerSummaryDay()) {
            overdueUnder.forEach((manager, count) -> decided.add(notification(
                    manager,
                    Reason.TEAM_OVERDUE,
                    "team",
                    "Overdue training in your team",
                    today,
                    today,
                    count == 1
                            ? "1 person who reports to you, directly or through their managers, has overdue training"
                            : count + " people who report to you, directly or through their managers, have overdue"
                                    + " training",
                    day)));
        }
        int inserted = insertNew(decided, today);
        if (inserted > 0) {
            log.info("reminders for {}: {} new notification(s) decided for {} staff", today, inserted, people[0]);
        }
        return new Run(today, decided.size(), inserted, people[0]);
    }

    private record Assignment(TrainingModule module, Integer currentMajor) {}

    /** The run's day and moment, and the choices read once for it: what every notice decided in the run shares. */
    private record Day(
            LocalDate today, Instant now, Map<String, Preferences> weekly, Map<String, Set<Reason>> unsubscribed) {}

    private Notification noticeFor(StaffMember member, Assignment a, Day day) {
        LocalDate today = day.today();
        TrainingModule module = a.module();
        Standing standing =
                member.getStandings() == null ? null : member.getStandings().get(module.getCode());
        boolean needsCompletion = standing == null
                || standing.expiresAt() == null
                || (a.currentMajor() != null && standing.policyMajor() < a.currentMajor());
        LocalDate due;
        LocalDate assigned = null;
        if (needsCompletion) {
            assigned = utc(module.getPublishedAt());
            LocalDate joined = utc(member.getCreatedAt());
            if (joined != null && (assigned == null || joined.isAfter(assigned))) {
                assigned = joined;
            }
            assigned = assigned == null ? today : assigned;
            due = assigned.plus(settings.firstCompletionWithin());
        } else {
            due = utc(standing.expiresAt());
        }
        // an outstanding targeted refresher due earlier brings the due date forward, with its own assignment notice
        Instant refresherDue = RefresherDue.dueFor(member.getRefreshers().get(module.getCode()), standing);
        if (refresherDue != null && utc(refresherDue).minusDays(1).isBefore(due)) {
            due = utc(refresherDue).minusDays(1);
            assigned = utc(member.getRefreshers().get(module.getCode()).assignedAt());
        }
        String code = module.getCode();
        String title = module.getTitle();
        String number = member.getStaffNumber();
        if (today.isAfter(due)) {
            // again every overdue-repeat from the day after the due date; the key is the day this one began
            LocalDate began = overdueSince(due, today);
            return notification(number, Reason.OVERDUE, code, title, due, began, null, day);
        }
        if (today.isEqual(due)) {
            return notification(number, Reason.DUE_TODAY, code, title, due, due, null, day);
        }
        LocalDate began = dueSoonBegan(due, today);
        if (assigned != null && (began == null || !began.isAfter(assigned))) {
            // the assignment notice says when it is due: it stands for the "due soon" notices begun by then
            return notification(number, Reason.ASSIGNED, code, title, due, due, null, day);
        }
        return began == null ? null : notification(number, Reason.DUE_SOON, code, title, due, began, null, day);
    }

    /**
     * A policy version in force the person has not acknowledged: once when it applies to them (due
     * {@code acknowledge-within} after the later of its major version's first publication and their joining), then
     * weekly once the date has passed.
     */
    private Notification acknowledgementFor(StaffMember member, PolicyAcknowledgements.InForce policy, Day day) {
        LocalDate today = day.today();
        LocalDate since = utc(policy.majorSince());
        LocalDate joined = utc(member.getCreatedAt());
        LocalDate from = since == null ? today : since;
        if (joined != null && joined.isAfter(from)) {
            from = joined;
        }
        LocalDate due = from.plus(settings.acknowledgeWithin());
        String subject = policy.policyCode() + "/" + policy.major();
        String title = policy.title() + " (version " + policy.version() + ")";
        String number = member.getStaffNumber();
        if (today.isAfter(due)) {
            LocalDate began = overdueSince(due, today);
            return notification(number, Reason.ACKNOWLEDGEMENT_OVERDUE, subject, title, due, began, null, day);
        }
        return notification(number, Reason.ACKNOWLEDGEMENT_OWED, subject, title, due, due, null, day);
    }

    /** The recipient that stands for the governance team's mailbox ({@code governance-address}). */
    static final String GOVERNANCE = "governance";

    /** A comment answered (to its author) or a review due (to its author and governance) as a notice. */
    private Notification policyNotice(PolicyAttention.Item item, Day day) {
        LocalDate today = day.today();
        if (item.kind() == null || item.subject() == null || item.audience() == null) {
            return null;
        }
        String who = switch (item.audience()) {
            case PERSON -> item.staffNumber();
            case GOVERNANCE -> settings.governanceAddress() == null ? null : GOVERNANCE;
            case EVERYONE -> null; // decided per person while reading the roster
        };
        if (who == null) {
            return null;
        }
        return switch (item.kind()) {
            case CONSULTATION_OPENED -> null;
            case COMMENT_ANSWERED ->
                notification(
                                who,
                                Reason.COMMENT_ANSWERED,
                                item.subject(),
                                item.title(),
                                null,
                                item.since() == null ? today : item.since(),
                                null,
                                day)
                        .about(item.policyVersion());
            case REVIEW_DUE -> {
                LocalDate due = item.dueOn();
                if (due == null) {
                    yield null;
                }
                if (today.isAfter(due)) {
                    yield notification(
                            who,
                            Reason.REVIEW_OVERDUE,
                            item.subject(),
                            item.title(),
                            due,
                            overdueSince(due, today),
                            null,
                            day);
                }
                LocalDate began = null;
                for (var before : settings.reviewNotices()) { // largest first
                    LocalDate start = due.minus(before);
                    if (!today.isBefore(start)) {
                        began = start;
                    }
                }
                yield began == null
                        ? null
                        : notification(who, Reason.REVIEW_DUE, item.subject(), item.title(), due, began, null, day);
            }
        };
    }

    /** The day a case item's "once" notices are keyed by when it has no date of its own. */
    private static final LocalDate ONCE = LocalDate.of(2000, 1, 1);

    /** A case item as a notice that says nothing of the case (the subject is audit-service's opaque key). */
    private Notification caseNotice(CaseAttention.Item item, Day day) {
        LocalDate today = day.today();
        if (item.kind() == CaseAttention.Kind.SIGNAL_RAISED && item.caseKey() != null) {
            // to the governance mailbox, once per cluster (keyed by the day its first incident occurred)
            return settings.governanceAddress() == null
                    ? null
                    : notification(
                            GOVERNANCE,
                            Reason.SIGNAL_RAISED,
                            item.caseKey(),
                            "A signal",
                            null,
                            item.since() == null ? ONCE : item.since(),
                            null,
                            day);
        }
        if (item.staffNumber() == null || item.caseKey() == null || item.kind() == null) {
            return null;
        }
        String who = item.staffNumber();
        String title = "A case";
        LocalDate since = item.since() == null ? ONCE : item.since();
        return switch (item.kind()) {
            case INVESTIGATOR_ASSIGNED ->
                notification(who, Reason.CASE_INVESTIGATOR, item.caseKey(), title, null, ONCE, null, day);
            case OUTCOME_DECIDED ->
                notification(who, Reason.CASE_OUTCOME, item.caseKey(), title, null, since, null, day);
            case APPEAL_LODGED -> notification(who, Reason.CASE_APPEAL, item.caseKey(), title, null, since, null, day);
            case SIGNAL_RAISED -> null; // answered above
            case ACTION_ASSIGNED -> {
                LocalDate due = item.dueOn();
                if (due != null && today.isAfter(due)) {
                    LocalDate began = overdueSince(due, today);
                    yield notification(who, Reason.CASE_ACTION_OVERDUE, item.caseKey(), title, due, began, null, day);
                }
                yield notification(who, Reason.CASE_ACTION, item.caseKey(), title, due, ONCE, null, day);
            }
        };
    }

    /**
     * Governance's mailbox is told, once for each case's investigator and each action, when an open case's investigator or an open
     * action's owner is someone HR's roster now has as a leaver: their own reminders reach no one, and the case would
     * wait on them unseen. Nothing of the case or the person is in the message; the incidents page lists the cases.
     */
    private List<Notification> heldByLeavers(List<CaseAttention.Item> asked, Day day) {
        if (settings.governanceAddress() == null) {
            return List.of();
        }
        List<CaseAttention.Item> parts = asked.stream()
                .filter(i -> i.staffNumber() != null && i.caseKey() != null)
                .filter(i -> i.kind() == CaseAttention.Kind.INVESTIGATOR_ASSIGNED
                        || i.kind() == CaseAttention.Kind.ACTION_ASSIGNED)
                .toList();
        if (parts.isEmpty()) {
            return List.of();
        }
        Set<String> leavers = new java.util.HashSet<>();
        List<String> numbers =
                parts.stream().map(CaseAttention.Item::staffNumber).distinct().toList();
        for (List<String> some : Batches.of(numbers, LOOKUP_BATCH)) {
            for (StaffMember member : roster.namesOf(some)) {
                if (!member.isActive()) {
                    leavers.add(member.getStaffNumber());
                }
            }
        }
        List<Notification> told = new ArrayList<>();
        for (CaseAttention.Item part : parts) {
            if (leavers.contains(part.staffNumber())) {
                told.add(notification(
                        GOVERNANCE,
                        Reason.CASE_HELD_BY_LEAVER,
                        "leaver/" + part.caseKey(),
                        "A case",
                        null,
                        ONCE,
                        null,
                        day));
            }
        }
        return told;
    }

    /** How many staff numbers one roster read looks up. */
    private static final int LOOKUP_BATCH = 1000;

    /**
     * The day the overdue reminder that applies today began: the day after the due date, then every
     * {@code overdue-repeat}; each such day is a new reminder, the days between are the same one.
     */
    private LocalDate overdueSince(LocalDate due, LocalDate today) {
        long days = ChronoUnit.DAYS.between(due.plusDays(1), today);
        long every = Math.max(1, ReminderSettings.days(settings.overdueRepeat()));
        return due.plusDays(1 + (days / every) * every);
    }

    /** The day the nearest "due soon" notice that has begun began, or null before the first. */
    private LocalDate dueSoonBegan(LocalDate due, LocalDate today) {
        LocalDate began = null;
        for (var before : settings.dueSoonNotices()) { // largest first
            LocalDate start = due.minus(before);
            if (!today.isBefore(start)) {
                began = start;
            }
        }
        return began;
    }

    private Notification notification(
            String staffNumber,
            Reason reason,
            String subject,
            String title,
            LocalDate due,
            LocalDate keyDate,
            String detail,
            Day day) {
        LocalDate today = day.today();
        LocalDate deliverOn = today;
        if (!reason.urgent() && day.weekly().containsKey(staffNumber)) {
            deliverOn = today.with(TemporalAdjusters.nextOrSame(weeklyDay()));
        }
        boolean silenced = !reason.mandatory()
                && day.unsubscribed().getOrDefault(staffNumber, Set.of()).contains(reason);
        return new Notification(
                Notification.idOf(staffNumber, reason, subject, keyDate),
                staffNumber,
                reason,
                subject,
                title,
                due,
                detail,
                day.now(),
                deliverOn,
                silenced ? Notification.State.SUPPRESSED : Notification.State.PENDING,
                null,
                null);
    }

    private DayOfWeek weeklyDay() {
        return settings.weeklyDigestDay();
    }

    /**
     * Inserts what is not there yet; how many were new. A notice that still applies is decided again every day, so
     * first the ids decided within the longest time one notice keeps applying are read (one query, ids only) and
     * left out; the rest go in batches. The store refuses an id it holds, so a batch that meets one another replica
     * decided meanwhile is inserted one by one, each duplicate skipped.
     */
    private int insertNew(List<Notification> decided, LocalDate today) {
        long horizon = 2
                + Math.max(
                        ReminderSettings.days(settings.firstCompletionWithin()),
                        Math.max(
                                ReminderSettings.days(settings.overdueRepeat()),
                                settings.dueSoonNotices().isEmpty()
                                        ? 0
                                        : ReminderSettings.days(
                                                settings.dueSoonNotices().get(0))));
        var recent = query(where("decidedAt")
                        .gte(today.minusDays(horizon)
                                .atStartOfDay(ZoneOffset.UTC)
                                .toInstant()))
                .cursorBatchSize(10_000);
        recent.fields().include("_id");
        java.util.Set<String> known = new java.util.HashSet<>();
        try (var ids = mongo.stream(recent, org.bson.Document.class, mongo.getCollectionName(Notification.class))) {
            ids.forEach(d -> known.add(d.getString("_id")));
        }
        List<Notification> fresh =
                decided.stream().filter(n -> !known.contains(n.id())).toList();
        int inserted = 0;
        for (List<Notification> batch : Batches.of(fresh, 1000)) {
            try {
                mongo.insert(batch, Notification.class);
                inserted += batch.size();
            } catch (DuplicateKeyException decidedMeanwhile) {
                for (Notification n : batch) {
                    try {
                        mongo.insert(n);
                        inserted++;
                    } catch (DuplicateKeyException decidedBefore) {
                        // decided before: nothing to add
                    }
                }
            }
        }
        return inserted;
    }

    private static LocalDate utc(Instant instant) {
        return instant == null ? null : instant.atZone(ZoneOffset.UTC).toLocalDate();
    }
}
