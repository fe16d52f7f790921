package org.trustgov.audit.incidents;

import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.trustgov.starter.mongo.ExclusiveSweep;
import org.trustgov.starter.mongo.ScheduledJobs;

/** Every {@code trustgov.audit.snapshot-retry} (default 30 s), fills in snapshots left PENDING by an outage. */
@Component
class PendingSnapshots extends ExclusiveSweep {

    private final IncidentService incidents;

    PendingSnapshots(
            IncidentService incidents,
            ScheduledJobs jobs,
            @Value("${trustgov.audit.snapshot-retry:PT30S}") Duration retry) {
        super(jobs, "audit.snapshot-retry", retry, retry, Duration.ofMinutes(5));
        this.incidents = incidents;
    }

    @Override
    protected int sweepOnce() {
        return incidents.fillPendingSnapshots();
    }

    @Override
    protected String finishedMessage() {
        return "training snapshots of {} incident(s), pending since training-service could not answer, were taken";
    }
}
