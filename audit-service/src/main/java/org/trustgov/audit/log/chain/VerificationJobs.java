package org.trustgov.audit.log.chain;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.data.annotation.Id;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;
import org.trustgov.problem.NotFoundException;

/**
 * Verifying the whole log takes as long as the log is long, so it runs as a job on a thread of its own, never on
 * a request's: one at a time (a request while one runs joins it), its progress and result kept in the database
 * ({@code log_verifications}), so the answer outlives the request and the instance that ran it. A job whose
 * instance stopped is shown as ABANDONED once it has not moved for a while.
 */
@Service
public class VerificationJobs implements DisposableBean {

    public enum State {
        RUNNING,
        DONE,
        ABANDONED
    }

    /** A verification job and, once done, its result. */
    @Document("log_verifications")
    public record Job(
            @Id String id,
            State state,
            Instant startedAt,
            Instant updatedAt,
            Instant finishedAt,
            ChainVerifier.Verification result) {}

    private static final Duration STALE = Duration.ofMinutes(5);
    private static final Logger log = LoggerFactory.getLogger(VerificationJobs.class);

    private final MongoTemplate mongo;
    private final ChainVerifier verifier;
    private final Clock clock;
    private final ExecutorService runner = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "log-verification");
        thread.setDaemon(true);
        return thread;
    });

    VerificationJobs(MongoTemplate mongo, ChainVerifier verifier, Clock clock) {
        this.mongo = mongo;
        this.verifier = verifier;
        this.clock = clock;
    }

    /** Starts a job over the whole log, or returns the one already running. */
    public synchronized Job start() {
        Job running = mongo.findOne(
                query(where("state").is(State.RUNNING)).with(Sort.by(Sort.Direction.DESC, "startedAt")), Job.class);
        if (running != null && !stale(running)) {
            return running;
        }
        Instant now = clock.instant();
        Job job = mongo.insert(new Job(UUID.randomUUID().toString(), State.RUNNING, now, now, null, null));
        runner.execute(() -> run(job.id()));
        return job;
    }

    public Job get(String id) {
        Job job = mongo.findById(id, Job.class);
        if (job == null) {
            throw new NotFoundException("No verification job " + id);
        }
        return job.state() == State.RUNNING && stale(job)
                ? new Job(job.id(), State.ABANDONED, job.startedAt(), job.updatedAt(), null, null)
                : job;
    }

    private void run(String id) {
        try {
            ChainVerifier.Verification result = verifier.verifyRange(1, null);
            mongo.updateFirst(
                    query(where("_id").is(id)),
                    new Update()
                            .set("state", State.DONE)
                            .set("finishedAt", clock.instant())
                            .set("updatedAt", clock.instant())
                            .set("result", result),
                    Job.class);
            if (!result.intact()) {
                log.error(
                        "audit log verification {}: the chain is broken at entry {}: {}",
                        id,
                        result.firstBroken().sequence(),
                        result.firstBroken().reason());
            }
        } catch (RuntimeException e) {
            log.error("audit log verification {} failed: {}", id, e.toString());
            mongo.updateFirst(
                    query(where("_id").is(id)),
                    new Update().set("state", State.ABANDONED).set("updatedAt", clock.instant()),
                    Job.class);
        }
    }

    private boolean stale(Job job) {
        return job.updatedAt().plus(STALE).isBefore(clock.instant());
    }

    @Override
    public void destroy() {
        runner.shutdownNow();
    }
}
