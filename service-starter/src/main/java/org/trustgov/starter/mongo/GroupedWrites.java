package org.trustgov.starter.mongo;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/**
 * Writes that must be made one at a time, in order (an entry chained after the last one, a reference numbered one
 * after the last), made in groups: each caller queues its write and waits for its outcome; a caller that finds the
 * lock free takes what is queued (up to {@code maxGroup}) and writes it as one group with one insert, lets the lock
 * go, answers the group, and looks at the queue again, as every caller does after letting go, so nothing queued is
 * left behind. Under load one store round trip and one durable commit then carry many writes instead of one each,
 * and a caller waits for one group ahead of it, not for every caller ahead of it one by one. Whoever lets the lock go
 * (a group's writer or {@link #alone}) writes what was queued meanwhile, so a caller is answered as soon as its group
 * is written; its timed wait only looks again after a writer stopped on an {@link Error}.
 *
 * @param <W> a queued write; it carries the future its caller waits on
 */
public final class GroupedWrites<W> {

    /** Writes one group, in order. */
    @FunctionalInterface
    public interface GroupWriter<W> {
        /**
         * Writes {@code group}; completes each write's outcome, either through {@code answers} (run once the lock is
         * let go: those answered first may queue their next write meanwhile) or at once with the failure that
         * stopped it.
         */
        void write(List<W> group, List<Runnable> answers);
    }

    /**
     * How long a caller waits before looking at the lock itself. Not what answers it (the writer before it does), so
     * long enough that a wait under load rarely ends in a {@link TimeoutException}, each of which costs a stack trace.
     */
    private static final long WAIT_BETWEEN_CHECKS_MS = 250;

    private final String what;
    private final int maxGroup;
    private final Function<W, CompletableFuture<?>> outcomeOf;
    private final GroupWriter<W> writer;
    private final ReentrantLock lock = new ReentrantLock();
    private final ConcurrentLinkedQueue<W> queue = new ConcurrentLinkedQueue<>();

    /**
     * @param what      what the writes are, for the failure an interrupted caller gets ("appending to the audit log")
     * @param maxGroup  the most writes in one group
     * @param outcomeOf the future a queued write's caller waits on
     * @param writer    writes one group, with the lock held
     */
    public GroupedWrites(
            String what, int maxGroup, Function<W, CompletableFuture<?>> outcomeOf, GroupWriter<W> writer) {
        this.what = what;
        this.maxGroup = maxGroup;
        this.outcomeOf = outcomeOf;
        this.writer = writer;
    }

    /** Queues {@code write} and returns its outcome once its group is written; its failure is thrown as it was. */
    public <R> R write(W write, CompletableFuture<R> outcome) {
        queue.add(write);
        try {
            while (true) {
                writeQueued();
                try {
                    return outcome.get(WAIT_BETWEEN_CHECKS_MS, TimeUnit.MILLISECONDS);
                } catch (TimeoutException stillQueued) {
                    // no writer took it (one stopped on an Error): look again whether the lock is free
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while " + what, e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException failure ? failure : new IllegalStateException(e.getCause());
        }
    }

    /** Runs {@code work} with the lock held: no group is written meanwhile; what was queued meanwhile is written after. */
    public void alone(Runnable work) {
        lock.lock();
        try {
            work.run();
        } finally {
            lock.unlock();
            writeQueued();
        }
    }

    private void writeQueued() {
        while (!queue.isEmpty() && lock.tryLock()) {
            List<Runnable> answers = new ArrayList<>();
            List<W> group = new ArrayList<>();
            try {
                for (W next; group.size() < maxGroup && (next = queue.poll()) != null; ) {
                    group.add(next);
                }
                writer.write(group, answers);
            } catch (RuntimeException | Error unexpected) {
                // The writer answers its own failures; one it let through still answers every caller in the group.
                answers.forEach(Runnable::run);
                answers.clear();
                group.forEach(w -> outcomeOf.apply(w).completeExceptionally(unexpected));
                if (unexpected instanceof Error error) {
                    throw error;
                }
            } finally {
                lock.unlock();
            }
            answers.forEach(Runnable::run);
        }
    }
}
