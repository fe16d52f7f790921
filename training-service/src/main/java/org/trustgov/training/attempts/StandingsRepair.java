package org.trustgov.training.attempts;

import java.time.Clock;
import java.time.Duration;
import org.springframework.stereotype.Component;
import org.trustgov.starter.mongo.ExclusiveSweep;
import org.trustgov.starter.mongo.ScheduledJobs;
import org.trustgov.training.TrainingSettings;

/**
 * At start-up and then every {@code trustgov.training.standings-repair-interval}, re-records the passes of the
 * last {@code trustgov.training.standings-repair-window} on the roster ({@link CompletionStandings#repairSince}), so a pass
 * whose second write was lost to a crash still counts in the reports. Only counts are logged.
 */
@Component
class StandingsRepair extends ExclusiveSweep {

    private final CompletionStandings standings;
    private final TrainingSettings settings;
    private final Clock clock;

    StandingsRepair(CompletionStandings standings, TrainingSettings settings, Clock clock, ScheduledJobs jobs) {
        super(
                jobs,
                "training.standings-repair",
                Duration.ZERO,
                settings.standingsRepairInterval(),
                Duration.ofMinutes(30));
        this.standings = standings;
        this.settings = settings;
        this.clock = clock;
    }

    @Override
    protected int sweepOnce() {
        return standings.repairSince(clock.instant().minus(settings.standingsRepairWindow()));
    }

    @Override
    protected String finishedMessage() {
        return "standings repair: {} roster record(s) were missing a pass and have been brought up to date";
    }
}
