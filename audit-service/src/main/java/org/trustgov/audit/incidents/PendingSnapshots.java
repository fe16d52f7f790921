package org.trustgov.audit.incidents;

import java.time.Duration;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.trustgov.starter.mongo.ScheduledJobs;

/** Every {@code trustgov.audit.snapshot-retry} (default 30 s), fills in snapshots left PENDING by an outage. */
@Component
class PendingSnapshots {

    private final IncidentService incidents;
    private final ScheduledJobs jobs;

    PendingSnapshots(IncidentService incidents, ScheduledJobs jobs) {
        this.jobs = jobs;
        this.incidents = incidents;
    }

    @Scheduled(
            fixedDelayString = "${trustgov.audit.snapshot-retry:PT30S}",
            initialDelayString = "${trustgov.audit.snapshot-retry:PT30S}")
    void fill() {
        // one replica at a time
        jobs.runExclusively("audit.snapshot-retry", Duration.ofMinutes(5), incidents::fillPendingSnapshots);
    }
}
