package org.trustgov.starter.mongo;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;

/**
 * The one shape of every job that finishes what a stopped process left half-done (events still inside their
 * documents, passes missing from the roster, uploads left running, snapshots left pending): it runs on one replica
 * at a time ({@link ScheduledJobs}), after {@code initialDelay} and then every {@code interval}; a round that fails
 * is logged and tried again at the next; a round that found something logs how many, never what. A subclass says
 * only what one round does. Needs {@code @EnableScheduling} on the application.
 */
public abstract class ExclusiveSweep implements SchedulingConfigurer {

    private final Logger log = LoggerFactory.getLogger(getClass());
    private final ScheduledJobs jobs;
    private final String name;
    private final Duration initialDelay;
    private final Duration interval;
    private final Duration lockAtMost;

    /**
     * @param name         the job's lock name, e.g. {@code training.standings-repair}
     * @param initialDelay from start-up to the first round
     * @param interval     between the end of one round and the start of the next
     * @param lockAtMost   longer than a round ever takes: how long the lock outlives an instance that dies mid-round
     */
    protected ExclusiveSweep(
            ScheduledJobs jobs, String name, Duration initialDelay, Duration interval, Duration lockAtMost) {
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("the interval of " + name + " must be positive, not " + interval);
        }
        this.jobs = jobs;
        this.name = name;
        this.initialDelay = initialDelay;
        this.interval = interval;
        this.lockAtMost = lockAtMost;
    }

    /** One round: finishes what it finds and returns how many things it finished. */
    protected abstract int sweepOnce();

    /**
     * For a sweep whose search is dear (a scan of a whole collection on a store without the index that serves it):
     * only every this many scheduled rounds searches ({@link #sweepOnce}), the first one included; the rounds between
     * finish only what this instance knows was left ({@link #sweepKnown}). 1: every round searches.
     */
    protected int searchEveryRounds() {
        return 1;
    }

    /**
     * A scheduled round between searches: finishes what this instance itself knows was left (a change whose follow-up
     * failed here), without searching. What another instance left is found by the next search, or by that
     * instance's own first round when it starts again.
     */
    protected int sweepKnown() {
        return sweepOnce();
    }

    /** How many rounds of {@code interval} make one {@code searchInterval} (at least 1). */
    protected static int roundsPer(Duration searchInterval, Duration interval) {
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, searchInterval.dividedBy(interval)));
    }

    private long scheduledRounds;

    /** The scheduled round: a search, or between searches only what is known ({@link #searchEveryRounds}). */
    public int sweepScheduled() {
        boolean search = scheduledRounds++ % Math.max(1, searchEveryRounds()) == 0;
        return sweep(search ? this::sweepOnce : this::sweepKnown);
    }

    /** What a round that finished something logs, with {@code {}} for the count. */
    protected abstract String finishedMessage();

    /**
     * Whether finding something is unusual (logged at WARN: a repair after a stop) or the job's ordinary work
     * (INFO).
     */
    protected boolean findingIsUnusual() {
        return true;
    }

    /**
     * One round now, searching, unless another instance is running one: how many things it finished (0 when it did
     * not run here or failed).
     */
    public int sweep() {
        return sweep(this::sweepOnce);
    }

    /** Runs {@code once} in place of {@link #sweepOnce}, under the same lock, with the same logging. */
    protected int sweep(java.util.function.IntSupplier once) {
        int[] finished = {0};
        try {
            jobs.runExclusively(name, lockAtMost, () -> finished[0] = once.getAsInt());
        } catch (RuntimeException e) {
            log.warn("{} failed, will try again in {}: {}", name, interval, e.toString());
            return 0;
        }
        if (finished[0] > 0 && findingIsUnusual()) {
            log.warn(finishedMessage(), finished[0]);
        } else if (finished[0] > 0) {
            log.info(finishedMessage(), finished[0]);
        }
        return finished[0];
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        registrar.addFixedDelayTask(new FixedDelayTask(this::sweepScheduled, interval, initialDelay));
    }
}
