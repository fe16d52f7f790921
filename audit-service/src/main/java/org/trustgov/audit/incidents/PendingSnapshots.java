package org.trustgov.audit.incidents;

import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.trustgov.starter.mongo.ExclusiveSweep;
import org.trustgov.starter.mongo.ScheduledJobs;

/**
 * Fills in snapshots left PENDING by an outage of training-service: every {@code trustgov.audit.snapshot-retry}
 * (default 30 s) those of the incidents this instance recorded, by key; at the first round and then every
 * {@code trustgov.audit.snapshot-search-interval} (an hour) by searching every incident (which finds those of an
 * instance that stopped): on the embedded store that search is a scan of the whole collection.
 */
@Component
class PendingSnapshots extends ExclusiveSweep {

    private final IncidentService incidents;
    private final int searchEveryRounds;

    PendingSnapshots(
            IncidentService incidents,
            ScheduledJobs jobs,
            @Value("${trustgov.audit.snapshot-retry:PT30S}") Duration retry,
            @Value("${trustgov.audit.snapshot-search-interval:PT1H}") Duration searchInterval) {
        super(jobs, "audit.snapshot-retry", retry, retry, Duration.ofMinutes(5));
        this.incidents = incidents;
        this.searchEveryRounds = roundsPer(searchInterval, retry);
    }

    @Override
    protected int sweepOnce() {
        return incidents.fillPendingSnapshots();
    }

    @Override
    protected int searchEveryRounds() {
        return searchEveryRounds;
    }

    @Override
    protected int sweepKnown() {
        return incidents.fillKnownPendingSnapshots();
    }

    @Override
    protected String finishedMessage() {
        return "training snapshots of {} incident(s), pending since training-service could not answer, were taken";
    }
}
