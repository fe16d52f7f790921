package org.trustgov.training.overrides;

import java.time.Duration;
import org.springframework.stereotype.Component;
import org.trustgov.starter.mongo.ExclusiveSweep;
import org.trustgov.starter.mongo.ScheduledJobs;
import org.trustgov.training.TrainingSettings;

/**
 * At start-up and then with the standings repair's interval, writes the standings of approved overrides that a stop
 * left off their people's roster records.
 */
@Component
class OverrideRepair extends ExclusiveSweep {

    private final TrainingOverrides overrides;

    OverrideRepair(TrainingOverrides overrides, TrainingSettings settings, ScheduledJobs jobs) {
        super(
                jobs,
                "training.override-repair",
                Duration.ZERO,
                settings.standingsRepairInterval(),
                Duration.ofMinutes(30));
        this.overrides = overrides;
    }

    @Override
    protected int sweepOnce() {
        return overrides.repair();
    }

    @Override
    protected String finishedMessage() {
        return "override repair: {} approved override(s) left off their records by a stop now count";
    }
}
