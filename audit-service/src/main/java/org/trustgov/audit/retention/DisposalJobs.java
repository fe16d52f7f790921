package org.trustgov.audit.retention;

import java.time.Clock;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.trustgov.starter.mongo.ExclusiveSweep;
import org.trustgov.starter.mongo.ScheduledJobs;

/** The disposal jobs, each on one replica at a time. */
final class DisposalJobs {

    private DisposalJobs() {}

    /** Every {@code trustgov.retention.propose-every} (a day), lists what reached the end of its retention. */
    @Component
    static class Proposals extends ExclusiveSweep {

        private final Disposals disposals;
        private final Clock clock;

        Proposals(
                Disposals disposals,
                Clock clock,
                ScheduledJobs jobs,
                @Value("${trustgov.retention.propose-every:P1D}") Duration every) {
            super(jobs, "retention.disposal-proposals", Duration.ofMinutes(10), every, Duration.ofHours(1));
            this.disposals = disposals;
            this.clock = clock;
        }

        @Override
        protected int sweepOnce() {
            return disposals.propose(clock.instant()).stream()
                    .mapToInt(l -> l.getItems().size())
                    .sum();
        }

        @Override
        protected String finishedMessage() {
            return "{} record(s) reached the end of their retention and were put on a disposal list";
        }

        @Override
        protected boolean findingIsUnusual() {
            return false;
        }
    }

    /**
     * Destroys the items of approved lists: at once after an approval ({@link #sweep} from the request), and every
     * {@code trustgov.retention.retry-every} (5 minutes) what a holder that was down could not destroy then.
     */
    @Component
    static class Destruction extends ExclusiveSweep {

        private final Disposals disposals;

        Destruction(
                Disposals disposals,
                ScheduledJobs jobs,
                @Value("${trustgov.retention.retry-every:PT5M}") Duration every) {
            super(jobs, "retention.disposal-destruction", every, every, Duration.ofMinutes(30));
            this.disposals = disposals;
        }

        @Override
        protected int sweepOnce() {
            return disposals.destroyPending();
        }

        @Override
        protected String finishedMessage() {
            return "{} record(s) on approved disposal lists were destroyed";
        }

        @Override
        protected boolean findingIsUnusual() {
            return false;
        }
    }
}
