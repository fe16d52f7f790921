package org.trustgov.audit.incidents;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Every {@code trustgov.audit.snapshot-retry} (default 30 s), fills in snapshots left PENDING by an outage. */
@Component
class PendingSnapshots {

    private final IncidentService incidents;

    PendingSnapshots(IncidentService incidents) {
        this.incidents = incidents;
    }

    @Scheduled(fixedDelayString = "${trustgov.audit.snapshot-retry:PT30S}", initialDelayString = "${trustgov.audit.snapshot-retry:PT30S}")
    void fill() {
        incidents.fillPendingSnapshots();
    }
}
