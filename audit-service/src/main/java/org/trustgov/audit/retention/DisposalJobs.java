package org.trustgov.audit.retention;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;
import org.trustgov.starter.mongo.ExclusiveSweep;
import org.trustgov.starter.mongo.ScheduledJobs;

/** The disposal jobs, each on one replica at a time. */
final class DisposalJobs {

    private DisposalJobs() {}

    /**
     * Every {@code trustgov.retention.propose-every} (a day), lists what reached the end of its retention. In a
     * rehearsal ({@code trustgov.retention.rehearsal=true}: a test platform, or a copy of a trust's data being
     * rehearsed on), governance may also list as of a later day, to see and rehearse what disposal will do then; the
     * {@code prod} profile refuses to start with it.
     */
    @Component
    static class Proposals extends ExclusiveSweep {

        private final Disposals disposals;
        private final Clock clock;
        private final boolean rehearsal;

        Proposals(
                Disposals disposals,
                Clock clock,
                ScheduledJobs jobs,
                @Value("${trustgov.retention.propose-every:P1D}") Duration every,
                @Value("${trustgov.retention.rehearsal:false}") boolean rehearsal,
                Environment environment) {
            super(jobs, "retention.disposal-proposals", Duration.ofMinutes(10), every, Duration.ofHours(1));
            if (rehearsal && environment.matchesProfiles("prod")) {
                throw new IllegalStateException("trustgov.retention.rehearsal lists records as of a later day: it is "
                        + "for test platforms and rehearsals on a copy, never with the prod profile");
            }
            this.disposals = disposals;
            this.clock = clock;
            this.rehearsal = rehearsal;
        }

        @Override
        protected int sweepOnce() {
            return proposeAsOf(clock.instant());
        }

        private int proposeAsOf(Instant moment) {
            return disposals.propose(moment).stream()
                    .mapToInt(l -> l.getItems().size())
                    .sum();
        }

        boolean rehearsing() {
            return rehearsal;
        }

        /** In a rehearsal: lists what will have reached the end of its retention by {@code moment}. */
        int sweepAsOf(Instant moment) {
            if (!rehearsal) {
                throw new IllegalStateException("not a rehearsal");
            }
            return sweep(() -> proposeAsOf(moment));
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
