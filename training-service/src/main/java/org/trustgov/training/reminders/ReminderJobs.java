package org.trustgov.training.reminders;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.bson.Document;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Update;
import org.trustgov.starter.mongo.ExclusiveSweep;
import org.trustgov.starter.mongo.ScheduledJobs;

/**
 * The two scheduled jobs, each on one replica at a time: the daily decision (looked at every
 * {@code decide-interval}; it runs once a day, the first look of the day after its last run) and the relay round
 * (every {@code relay-interval}).
 */
@Configuration(proxyBeanMethods = false)
class ReminderJobs {

    static final String RUNS = "reminder_runs";

    @Bean
    ExclusiveSweep dailyReminderDecision(
            ScheduledJobs jobs,
            ReminderDecisions decisions,
            ReminderSettings settings,
            MongoTemplate mongo,
            Clock clock) {
        return new ExclusiveSweep(
                jobs,
                "training.reminders.decide",
                Duration.ofMinutes(1),
                settings.decideInterval(),
                Duration.ofHours(1)) {
            @Override
            protected int sweepOnce() {
                if (!settings.enabled()) {
                    return 0;
                }
                LocalDate today = clock.instant().atZone(ZoneOffset.UTC).toLocalDate();
                // claims today's run: the previous run's day is before today (or there was none)
                Document claimed = mongo.findAndModify(
                        query(where("_id").is("decisions").and("lastDay").lt(today.toString())),
                        new Update().set("lastDay", today.toString()),
                        FindAndModifyOptions.options().returnNew(true),
                        Document.class,
                        RUNS);
                if (claimed == null) {
                    if (mongo.findById("decisions", Document.class, RUNS) != null) {
                        return 0; // today's decision was made
                    }
                    try {
                        mongo.insert(new Document("_id", "decisions").append("lastDay", today.toString()), RUNS);
                    } catch (org.springframework.dao.DuplicateKeyException another) {
                        return 0;
                    }
                }
                return decisions.decide(today).decided();
            }

            @Override
            protected boolean findingIsUnusual() {
                return false;
            }

            @Override
            protected String finishedMessage() {
                return "reminders: {} new notification(s) decided today";
            }
        };
    }

    /**
     * Daily, on one replica: deletes notifications and digests older than {@code keep-for} (by when they were
     * decided or composed), so the reminders' records do not grow without end. Used unsubscribe links are kept (a
     * few bytes each): a link must never work twice.
     */
    @Bean
    ExclusiveSweep reminderHousekeeping(
            ScheduledJobs jobs, ReminderSettings settings, MongoTemplate mongo, Clock clock) {
        return new ExclusiveSweep(
                jobs,
                "training.reminders.housekeeping",
                Duration.ofMinutes(5),
                Duration.ofDays(1),
                Duration.ofHours(1)) {
            @Override
            protected int sweepOnce() {
                return ReminderJobs.deleteOlderThan(
                        mongo,
                        clock.instant().atZone(ZoneOffset.UTC).toLocalDate().minus(settings.keepFor()));
            }

            @Override
            protected boolean findingIsUnusual() {
                return false;
            }

            @Override
            protected String finishedMessage() {
                return "reminders: {} record(s) past their keeping period deleted";
            }
        };
    }

    /** Deletes what was decided or composed before {@code day}; how many records went. */
    static int deleteOlderThan(MongoTemplate mongo, LocalDate day) {
        java.time.Instant before = day.atStartOfDay(ZoneOffset.UTC).toInstant();
        long deleted = mongo.remove(query(where("decidedAt").lt(before)), Notification.class)
                        .getDeletedCount()
                + mongo.remove(query(where("createdAt").lt(before)), Digest.class)
                        .getDeletedCount();
        return (int) Math.min(Integer.MAX_VALUE, deleted);
    }

    @Bean
    ExclusiveSweep reminderRelayRound(ScheduledJobs jobs, DigestRelay relay, ReminderSettings settings) {
        return new ExclusiveSweep(
                jobs,
                "training.reminders.relay",
                settings.relayInterval(),
                settings.relayInterval(),
                Duration.ofMinutes(30)) {
            @Override
            protected int sweepOnce() {
                return settings.enabled() ? relay.relay() : 0;
            }

            @Override
            protected boolean findingIsUnusual() {
                return false;
            }

            @Override
            protected String finishedMessage() {
                return "reminders: {} digest(s) sent";
            }
        };
    }
}
