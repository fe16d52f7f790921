package org.trustgov.training.roster;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;
import org.trustgov.starter.mongo.ExclusiveSweep;
import org.trustgov.starter.mongo.ScheduledJobs;

/**
 * Also brings the line-management chains ({@link ManagementChains}) in line with the roster on every sweep, so a
 * process that stopped between an upload's rows and its chains leaves them stale for minutes at most.
 *
 * <p>Uploads still RUNNING long after they started belong to a process that stopped in the middle of one: each is
 * marked INTERRUPTED, with what its record knows, and its audit event, so the audit log shows that the roster was
 * changed by an upload that did not finish. HR resends it (upserts are idempotent).
 */
@Component
class InterruptedUploads extends ExclusiveSweep {

    /** Far longer than any upload takes (20,000 rows take a few seconds). */
    static final Duration STALE = Duration.ofMinutes(15);

    private static final Logger log = LoggerFactory.getLogger(InterruptedUploads.class);

    private final MongoTemplate mongo;
    private final RosterUpsert upsert;
    private final ManagementChains chains;
    private final Clock clock;

    InterruptedUploads(
            MongoTemplate mongo, RosterUpsert upsert, ManagementChains chains, Clock clock, ScheduledJobs jobs) {
        super(
                jobs,
                "training.interrupted-uploads",
                Duration.ofMinutes(1),
                Duration.ofMinutes(5),
                Duration.ofMinutes(5));
        this.chains = chains;
        this.mongo = mongo;
        this.upsert = upsert;
        this.clock = clock;
    }

    @Override
    protected int sweepOnce() {
        int marked = markInterrupted();
        int changed = chains.refresh();
        if (changed > 0) {
            log.info("line-management chains of {} roster record(s) brought in line with the links", changed);
        }
        return marked;
    }

    @Override
    protected String finishedMessage() {
        return "{} roster upload(s) stopped part-way by an earlier shutdown are recorded as interrupted";
    }

    int markInterrupted() {
        int marked = 0;
        for (RosterUpload upload : mongo.find(
                query(where("state")
                                .is(RosterUpload.State.RUNNING)
                                .and("startedAt")
                                .lt(clock.instant().minus(STALE)))
                        .limit(100),
                RosterUpload.class)) {
            upsert.finish(
                    upload.getId(),
                    RosterUpload.State.INTERRUPTED,
                    "training.roster.upload-interrupted",
                    new long[] {
                        upload.getReceived(),
                        upload.getInserted(),
                        upload.getUpdated(),
                        upload.getUnchanged(),
                        upload.getRejected(),
                        upload.getAlreadyDisposed()
                    },
                    upload.getBy());
            marked++;
        }
        return marked;
    }
}
