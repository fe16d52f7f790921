package org.trustgov.training.refreshers;

import java.time.Duration;
import org.springframework.stereotype.Component;
import org.trustgov.starter.mongo.ExclusiveSweep;
import org.trustgov.starter.mongo.ScheduledJobs;
import org.trustgov.training.TrainingSettings;

/**
 * At start-up and then with the standings repair's interval, marks the refreshers a stop left half-assigned on their
 * groups' roster records.
 */
@Component
class RefresherRepair extends ExclusiveSweep {

    private final TargetedRefreshers refreshers;

    RefresherRepair(TargetedRefreshers refreshers, TrainingSettings settings, ScheduledJobs jobs) {
        super(
                jobs,
                "training.refresher-repair",
                Duration.ZERO,
                settings.standingsRepairInterval(),
                Duration.ofMinutes(30));
        this.refreshers = refreshers;
    }

    @Override
    protected int sweepOnce() {
        return refreshers.repair();
    }

    @Override
    protected String finishedMessage() {
        return "refresher repair: {} targeted refresher(s) left half-assigned by a stop are now on their groups' records";
    }
}
