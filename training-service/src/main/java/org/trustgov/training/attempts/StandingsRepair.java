package org.trustgov.training.attempts;

import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;
import org.trustgov.starter.mongo.ScheduledJobs;
import org.trustgov.training.TrainingSettings;

/**
 * At start-up and then every {@code trustgov.training.standings-repair-interval}, re-records the passes of the
 * last {@code trustgov.training.standings-repair-window} on the roster ({@link CompletionStandings#repairSince}), so a pass
 * whose second write was lost to a crash still counts in the reports. Only counts are logged.
 */
@Component
class StandingsRepair implements SchedulingConfigurer {

    private static final Logger log = LoggerFactory.getLogger(StandingsRepair.class);

    private final CompletionStandings standings;
    private final TrainingSettings settings;
    private final Clock clock;
    private final ScheduledJobs jobs;

    StandingsRepair(CompletionStandings standings, TrainingSettings settings, Clock clock, ScheduledJobs jobs) {
        this.jobs = jobs;
        this.standings = standings;
        this.settings = settings;
        this.clock = clock;
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        // one replica at a time
        registrar.addFixedDelayTask(
                () -> jobs.runExclusively("training.standings-repair", Duration.ofMinutes(30), this::repair),
                settings.standingsRepairInterval());
    }

    void repair() {
        try {
            int changed = standings.repairSince(clock.instant().minus(settings.standingsRepairWindow()));
            if (changed > 0) {
                log.warn(
                        "standings repair: {} roster record(s) were missing a pass and have been brought up to date",
                        changed);
            }
        } catch (RuntimeException e) {
            log.warn(
                    "standings repair failed, will try again in {}: {}",
                    settings.standingsRepairInterval(),
                    e.toString());
        }
    }
}
