package org.trustgov.audit.incidents;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.trustgov.starter.mongo.ScheduledJobs;

/**
 * At start-up and every minute, appends the log entries a stopped process left in incidents (the change was saved
 * with its entry, the append did not happen). Normally there are none.
 */
@Component
public class PendingLogEntries {

    private static final Logger log = LoggerFactory.getLogger(PendingLogEntries.class);

    private final IncidentService incidents;
    private final ScheduledJobs jobs;

    PendingLogEntries(IncidentService incidents, ScheduledJobs jobs) {
        this.jobs = jobs;
        this.incidents = incidents;
    }

    /** The sweep, on one replica at a time. */
    @Scheduled(initialDelayString = "PT0S", fixedDelayString = "${trustgov.audit.pending-entries-sweep:PT1M}")
    void sweep() {
        jobs.runExclusively("audit.pending-entries", Duration.ofMinutes(5), this::appendLeftOvers);
    }

    public int appendLeftOvers() {
        int found = 0;
        try {
            for (String reference : incidents.withPendingEntries(500)) {
                incidents.appendPending(reference);
                found++;
            }
        } catch (RuntimeException e) {
            log.warn("appending left-over incident log entries failed, will try again: {}", e.toString());
        }
        if (found > 0) {
            log.warn("log entries of {} incident change(s) left by an earlier stop were appended", found);
        }
        return found;
    }
}
