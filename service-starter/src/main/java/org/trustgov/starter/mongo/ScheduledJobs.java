package org.trustgov.starter.mongo;

import java.time.Clock;
import java.time.Duration;
import net.javacrumbs.shedlock.core.DefaultLockingTaskExecutor;
import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.core.LockingTaskExecutor;

/**
 * Runs a scheduled job on one instance of the service at a time. Every replica schedules the same jobs; before a
 * run each takes the job's lock, a document in the service's own MongoDB ({@code shedLock}, ShedLock's Mongo
 * provider: one conditional upsert), and an instance that finds it taken skips that run instead of doing the same
 * work twice. A lock is released when the run ends and expires after {@code atMost} if the instance dies mid-run.
 */
public class ScheduledJobs {

    private final LockingTaskExecutor executor;
    private final Clock clock;

    public ScheduledJobs(LockProvider locks, Clock clock) {
        this.executor = new DefaultLockingTaskExecutor(locks);
        this.clock = clock;
    }

    /** Runs {@code job} unless another instance is running it now; true when it ran here. */
    public boolean runExclusively(String name, Duration atMost, Runnable job) {
        try {
            return executor.executeWithLock(
                            () -> {
                                job.run();
                                return Boolean.TRUE;
                            },
                            new LockConfiguration(clock.instant(), name, atMost, Duration.ZERO))
                    .wasExecuted();
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }
}
