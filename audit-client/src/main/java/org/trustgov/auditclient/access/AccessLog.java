package org.trustgov.auditclient.access;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Metrics;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.trustgov.auditclient.TimeOrderedIds;
import org.trustgov.auditclient.access.AccessRecord.Outcome;
import org.trustgov.auditclient.access.AccessRecord.Route;
import org.trustgov.auditclient.access.AccessRecord.What;
import org.trustgov.keycloak.Caller;
import org.trustgov.problem.ServiceUnavailableException;

/**
 * Records who read (or tried to read) a record about a person, without slowing the read: a read only queues its
 * {@link AccessRecord}; every {@code flush-interval} the queue goes to the {@link AccessRecordDestination} in batches
 * of up to {@code max-batch}, and a graceful stop writes what is queued first. Reads by the person the record is about
 * are not recorded. A batch the destination could not take is kept and offered again; if the queue reaches
 * {@code max-queued} (the destination down for long), a reader writes the queue itself before it is answered, and is
 * answered 503 if that fails too: a read is not served without its record once the queue is full.
 */
public class AccessLog implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(AccessLog.class);

    /** The role a read is made in: the first of these the caller holds. */
    private static final List<String> ROLES =
            List.of("governance", "auditor", "hr-integration", "line-manager", "policy-author", "service", "staff");

    private final AccessRecordDestination destination;
    private final AccessRecordSettings settings;
    private final String service;
    private final Clock clock;
    private final ConcurrentLinkedQueue<AccessRecord> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger queued = new AtomicInteger();
    private final ReentrantLock writing = new ReentrantLock();
    private final Counter recorded = Counter.builder("trustgov.access.records")
            .description("Reads of records about people recorded (queued)")
            .register(Metrics.globalRegistry);
    private volatile ScheduledExecutorService executor;

    /** A batch the destination did not take, offered again first, under the same id (it keeps a batch id once). */
    private record Batch(String id, List<AccessRecord> records) {}

    private Batch retry;

    public AccessLog(AccessRecordDestination destination, AccessRecordSettings settings, String service, Clock clock) {
        this.destination = destination;
        this.settings = settings;
        this.service = service;
        this.clock = clock;
        this.recording = settings.enabled();
    }

    /** {@code caller} read {@code what} {@code recordId}, about {@code subject}. */
    public void read(Caller caller, What what, String recordId, String subject) {
        record(caller, what, recordId, subject, Outcome.READ);
    }

    /** {@code caller} was refused {@code what} {@code recordId} (403); {@code subject} when known. */
    public void refused(Caller caller, What what, String recordId, String subject) {
        record(caller, what, recordId, subject, Outcome.REFUSED);
    }

    /** The holder of a confidential report's receipt code read its case: no one the platform knows. */
    public void readByReceipt(What what, String recordId, String subject) {
        add(new AccessRecord(
                nextId(),
                clock.instant(),
                AccessRecord.RECEIPT_HOLDER,
                null,
                null,
                what,
                recordId,
                subject,
                Route.API,
                Outcome.READ,
                service));
    }

    private void record(Caller caller, What what, String recordId, String subject, Outcome outcome) {
        if (caller.isPerson() && subject != null && subject.equals(caller.staffNumber())) {
            return; // the person reading their own record
        }
        add(new AccessRecord(
                nextId(),
                clock.instant(),
                caller.logName(),
                ROLES.stream().filter(caller::hasRole).findFirst().orElse(null),
                caller.isPerson() ? caller.department() : null,
                what,
                recordId,
                subject,
                settings.pageClient().equals(caller.clientId()) ? Route.PAGE : Route.API,
                outcome,
                service));
    }

    private volatile boolean recording;

    /**
     * Recording on or off while running: only for the benchmark that measures what recording costs, in alternating
     * rounds on one warm JVM. A trust never turns it off.
     */
    public void recording(boolean on) {
        recording = on;
    }

    /** A record's id: time-ordered, so that audit-service keeps it beside the last records it took. */
    private static String nextId() {
        return TimeOrderedIds.next();
    }

    private void add(AccessRecord record) {
        if (!recording) {
            return;
        }
        queue.add(record);
        recorded.increment();
        if (queued.incrementAndGet() >= settings.maxQueued()) {
            if (flush() < 0 && queued.get() >= settings.maxQueued()) {
                throw new ServiceUnavailableException(
                        "Reads of people's records cannot be recorded now, so none is served; try again shortly", null);
            }
        }
    }

    /**
     * Writes what is queued, a batch at a time; the number of records written, or -1 when the destination refused a
     * batch (it is kept, with its id, and offered first next round).
     */
    public int flush() {
        writing.lock();
        try {
            int written = 0;
            while (retry != null || !queue.isEmpty()) {
                Batch batch = retry;
                if (batch == null) {
                    List<AccessRecord> records = new ArrayList<>();
                    for (AccessRecord next; records.size() < settings.maxBatch() && (next = queue.poll()) != null; ) {
                        records.add(next);
                    }
                    batch = new Batch(TimeOrderedIds.next(), records);
                }
                try {
                    destination.take(batch.id(), batch.records());
                } catch (RuntimeException e) {
                    retry = batch;
                    log.warn("Access records not written yet ({} queued): {}", queued.get(), e.toString());
                    return -1;
                }
                retry = null;
                queued.addAndGet(-batch.records().size());
                written += batch.records().size();
            }
            return written;
        } finally {
            writing.unlock();
        }
    }

    /**
     * For the disposal of the person with this staff number: writes what is queued, so that no read of their records
     * is still in this service's memory, then has the destination stop naming them in what it has not handed on
     * ({@link AccessRecordDestination#forget}). Returns how many records changed; 503 when the queue cannot be written
     * (the disposal job tries again).
     */
    public int forget(String staffNumber) {
        if (flush() < 0) {
            throw new ServiceUnavailableException(
                    "The reads queued could not be written, so some of this person's may still be among them; the "
                            + "disposal is tried again",
                    null);
        }
        return destination.forget(staffNumber);
    }

    /** Reads queued and not yet written. */
    public int queued() {
        return queued.get();
    }

    @Override
    public void start() {
        executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "access-records");
            thread.setDaemon(true);
            return thread;
        });
        long period = settings.flushInterval().toMillis();
        executor.scheduleWithFixedDelay(this::flushQuietly, period, period, TimeUnit.MILLISECONDS);
    }

    private void flushQuietly() {
        try {
            flush();
        } catch (RuntimeException e) {
            log.warn("Access records not written yet: {}", e.toString());
        }
    }

    /** Stops early among the lifecycle beans (before the store closes) and writes what is queued. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 100;
    }

    @Override
    public void stop() {
        ScheduledExecutorService running = executor;
        executor = null;
        if (running != null) {
            running.shutdown();
            try {
                running.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        flushQuietly();
    }

    @Override
    public boolean isRunning() {
        return executor != null;
    }
}
