package org.trustgov.starter.outbox;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Update;
import org.trustgov.starter.resilience.GuardedCalls;

/**
 * Delivers the outbox to audit-service: every {@code poll-interval}, and at once when an event is recorded. Each
 * message is claimed with one {@code findAndModify} that pushes its {@code nextAttemptAt} past a lease, so two
 * instances of a service never send the same message at the same moment; a failed delivery waits 1 s, 2 s, 4 s...
 * up to {@code max-backoff} and is tried again, for as long as it takes. A message can still be sent twice (the
 * answer lost after audit-service appended it); audit-service appends an event id only once.
 */
public class OutboxRelay implements SmartLifecycle {

    static final String GUARD = "audit-events";
    private static final Duration LEASE = Duration.ofSeconds(30);
    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

    private final MongoTemplate mongo;
    private final AuditEventsClient client;
    private final GuardedCalls guarded;
    private final OutboxProperties properties;
    private final Clock clock;
    private final AtomicBoolean wakeUpPending = new AtomicBoolean();
    private volatile ScheduledExecutorService executor;

    OutboxRelay(MongoTemplate mongo, AuditEventsClient client, GuardedCalls guarded, OutboxProperties properties,
            Clock clock) {
        this.mongo = mongo;
        this.client = client;
        this.guarded = guarded;
        this.properties = properties;
        this.clock = clock;
    }

    /** Asks for a delivery round soon; calls while one is already queued are merged. */
    public void wakeUp() {
        ScheduledExecutorService running = executor;
        if (running != null && wakeUpPending.compareAndSet(false, true)) {
            running.execute(() -> {
                wakeUpPending.set(false);
                deliverPending();
            });
        }
    }

    /** One delivery round: at most {@code batch-size} messages; stops early when audit-service is not answering. */
    public int deliverPending() {
        int delivered = 0;
        try {
            for (int i = 0; i < properties.batchSize(); i++) {
                Instant now = clock.instant();
                OutboxMessage message = mongo.findAndModify(
                        query(where("deliveredAt").is(null).and("nextAttemptAt").lte(now)).with(Sort.by("nextAttemptAt")),
                        new Update().set("nextAttemptAt", now.plus(LEASE)),
                        FindAndModifyOptions.options().returnNew(true), OutboxMessage.class);
                if (message == null) {
                    break;
                }
                if (!deliver(message)) {
                    break;
                }
                delivered++;
            }
        } catch (RuntimeException e) {
            log.warn("audit outbox round failed: {}", e.toString());
        }
        return delivered;
    }

    private boolean deliver(OutboxMessage message) {
        try {
            guarded.call(GUARD, () -> {
                client.deliver(message.getEvent());
                return null;
            });
            mongo.updateFirst(query(where("_id").is(message.getEventId())),
                    new Update().set("deliveredAt", clock.instant()).inc("attempts", 1).unset("lastError"),
                    OutboxMessage.class);
            return true;
        } catch (RuntimeException e) {
            int attempts = message.getAttempts() + 1;
            long seconds = 1L << Math.min(attempts - 1, 20);
            Duration wait = Duration.ofSeconds(seconds).compareTo(properties.maxBackoff()) > 0
                    ? properties.maxBackoff() : Duration.ofSeconds(seconds);
            String reason = e instanceof CallNotPermittedException ? "circuit open" : e.toString();
            mongo.updateFirst(query(where("_id").is(message.getEventId())),
                    new Update().set("nextAttemptAt", clock.instant().plus(wait)).set("attempts", attempts)
                            .set("lastError", reason.length() > 300 ? reason.substring(0, 300) : reason),
                    OutboxMessage.class);
            log.warn("audit event {} ({}) not delivered, attempt {}; next try in {}: {}", message.getEventId(),
                    message.getEvent().action(), attempts, wait, reason);
            return false;
        }
    }

    /** Events not yet taken by audit-service. */
    public long pending() {
        return mongo.count(query(where("deliveredAt").is(null)), OutboxMessage.class);
    }

    @Override
    public void start() {
        executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "audit-outbox");
            thread.setDaemon(true);
            return thread;
        });
        long period = properties.pollInterval().toMillis();
        executor.scheduleWithFixedDelay(this::deliverPending, period, period, TimeUnit.MILLISECONDS);
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
    }

    @Override
    public boolean isRunning() {
        return executor != null;
    }
}
