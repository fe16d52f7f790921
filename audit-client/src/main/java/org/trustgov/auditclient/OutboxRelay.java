package org.trustgov.auditclient;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import feign.FeignException;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.context.SmartLifecycle;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Update;
import org.trustgov.starter.requestid.RequestIdFilter;
import org.trustgov.starter.resilience.GuardedCalls;

/**
 * Delivers the outbox to audit-service: every {@code poll-interval}, and at once when an event is recorded. Each
 * message is claimed with one {@code findAndModify} that pushes its {@code nextAttemptAt} past a lease, so two
 * instances of a service never send the same message at the same moment; a failed delivery waits 1 s, 2 s, 4 s...
 * up to {@code max-backoff} and is tried again. An outage is waited out for as long as it takes, and when a delivery
 * goes through after failing, every event that waited the outage out is due at once; a refusal (audit-
 * service answering 4xx: the event itself is wrong) is tried {@code max-refusals} times and then the message
 * becomes a dead letter, kept for governance to inspect and send again (one by one or all at once), and counted in
 * a metric. A 401 or 403 says more often that this service's token is not accepted just now (Keycloak restarting,
 * a key rotating, a client's roles being edited) than that the event is wrong: it stops the round like an outage,
 * and makes a dead letter only once the event has been refused so for {@code auth-refusal-grace} (an hour). A message can
 * still be sent twice (the answer lost after audit-service appended it); audit-service appends an event id once.
 */
public class OutboxRelay implements SmartLifecycle, AuditEventDestination {

    static final String GUARD = "audit-events";
    private static final Duration LEASE = Duration.ofSeconds(30);
    /** How long an event held back by this instance's open breaker waits before any instance takes it again. */
    private static final Duration BREAKER_OPEN_WAIT = Duration.ofSeconds(1);

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

    private final MongoTemplate mongo;
    private final AuditEventsClient client;
    private final GuardedCalls guarded;
    private final OutboxProperties properties;
    private final Clock clock;
    private final AtomicBoolean wakeUpPending = new AtomicBoolean();
    private volatile ScheduledExecutorService executor;

    OutboxRelay(
            MongoTemplate mongo,
            AuditEventsClient client,
            GuardedCalls guarded,
            OutboxProperties properties,
            Clock clock) {
        this.mongo = mongo;
        this.client = client;
        this.guarded = guarded;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * Stores the event in the {@code outbox} collection (once: a second take of the same id finds it there) and
     * wakes the relay.
     */
    @Override
    public void take(AuditEvent event) {
        try {
            mongo.insert(OutboxMessage.of(event));
        } catch (DuplicateKeyException alreadyTaken) {
            // taken before (a stop before it left its document, or another instance): the outbox has it once
        }
        wakeUp();
    }

    /** Asks for a delivery round soon; calls while one is already queued are merged. */
    public void wakeUp() {
        ScheduledExecutorService running = executor;
        if (running != null && wakeUpPending.compareAndSet(false, true)) {
            try {
                running.execute(() -> {
                    wakeUpPending.set(false);
                    deliverPending();
                });
            } catch (java.util.concurrent.RejectedExecutionException stopping) {
                wakeUpPending.set(false);
            }
        }
    }

    /** One delivery round: at most {@code batch-size} messages; stops early when audit-service is not answering. */
    public int deliverPending() {
        int delivered = 0;
        try {
            for (int i = 0; i < properties.batchSize(); i++) {
                Instant now = clock.instant();
                OutboxMessage message = mongo.findAndModify(
                        query(waiting().and("nextAttemptAt").lte(now)).with(Sort.by("nextAttemptAt")),
                        new Update().set("nextAttemptAt", now.plus(LEASE)),
                        FindAndModifyOptions.options().returnNew(true),
                        OutboxMessage.class);
                if (message == null) {
                    break;
                }
                Outcome outcome = deliver(message);
                if (outcome == Outcome.DELIVERED) {
                    delivered++;
                } else if (outcome == Outcome.UNAVAILABLE) {
                    break;
                }
            }
        } catch (RuntimeException e) {
            log.warn("audit outbox round failed: {}", e.toString());
        }
        return delivered;
    }

    private enum Outcome {
        DELIVERED,
        REFUSED,
        UNAVAILABLE
    }

    private Outcome deliver(OutboxMessage message) {
        // The delivery goes out under the request id of the change that recorded the event (RequestIdForwarding).
        if (message.getRequestId() != null) {
            MDC.put(RequestIdFilter.MDC_KEY, message.getRequestId());
        }
        try {
            guarded.call(GUARD, () -> {
                client.deliver(message.getEvent());
                return null;
            });
            mongo.updateFirst(
                    query(where("_id").is(message.getEventId())),
                    new Update()
                            .set("deliveredAt", clock.instant())
                            .inc("attempts", 1)
                            .unset("lastError"),
                    OutboxMessage.class);
            if (message.getAttempts() > 0) {
                backlogDue();
            }
            return Outcome.DELIVERED;
        } catch (CallNotPermittedException breakerOpen) {
            // Not an attempt: this instance's breaker held the call back. The event is not pushed further into its
            // backoff (another instance, whose breaker is closed, may deliver it now); it is due again in a second.
            mongo.updateFirst(
                    query(where("_id").is(message.getEventId())),
                    new Update().set("nextAttemptAt", clock.instant().plus(BREAKER_OPEN_WAIT)),
                    OutboxMessage.class);
            return Outcome.UNAVAILABLE;
        } catch (RuntimeException e) {
            int attempts = message.getAttempts() + 1;
            Integer refusedWith = refusal(e);
            String reason = refusedWith != null ? "refused by audit-service with " + refusedWith : e.toString();
            Update update = new Update()
                    .set("attempts", attempts)
                    .set("lastError", reason.length() > 300 ? reason.substring(0, 300) : reason);
            boolean authentication = refusedWith != null && (refusedWith == 401 || refusedWith == 403);
            boolean graceOver = !authentication
                    || !message.getCreatedAt()
                            .plus(properties.authRefusalGrace())
                            .isAfter(clock.instant());
            if (refusedWith != null && message.getRefusals() + 1 >= properties.maxRefusals() && graceOver) {
                update.inc("refusals", 1).set("deadAt", clock.instant());
                mongo.updateFirst(query(where("_id").is(message.getEventId())), update, OutboxMessage.class);
                log.error(
                        "audit event {} ({}) refused {} times by audit-service ({}): it is now a dead letter; "
                                + "governance can see it and send it again at {}/dead-letters",
                        message.getEventId(),
                        message.getEvent().action(),
                        properties.maxRefusals(),
                        reason,
                        properties.adminPath());
                return Outcome.REFUSED;
            }
            Duration wait = backoff(attempts);
            if (refusedWith != null) {
                update.inc("refusals", 1);
            }
            mongo.updateFirst(
                    query(where("_id").is(message.getEventId())),
                    update.set("nextAttemptAt", clock.instant().plus(wait)),
                    OutboxMessage.class);
            log.warn(
                    "audit event {} ({}) not delivered, attempt {}; next try in {}: {}",
                    message.getEventId(),
                    message.getEvent().action(),
                    attempts,
                    wait,
                    reason);
            return refusedWith != null && !authentication ? Outcome.REFUSED : Outcome.UNAVAILABLE;
        } finally {
            MDC.remove(RequestIdFilter.MDC_KEY);
        }
    }

    /**
     * audit-service answers again after failing: the events that waited out the outage (not those it refused) are
     * due now, not each at the end of its own backoff (up to {@code max-backoff}), so the backlog drains at once.
     */
    private void backlogDue() {
        Instant now = clock.instant();
        mongo.updateMulti(
                query(waiting().and("nextAttemptAt").gt(now).and("refusals").is(0)),
                new Update().set("nextAttemptAt", now),
                OutboxMessage.class);
    }

    /** The 4xx status audit-service refused the event with; not for 408 and 429, which mean "later". */
    static Integer refusal(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof FeignException feign) {
                int status = feign.status();
                return status >= 400 && status < 500 && status != 408 && status != 429 ? status : null;
            }
        }
        return null;
    }

    private Duration backoff(int attempts) {
        Duration wait = Duration.ofSeconds(1L << Math.min(attempts - 1, 20));
        return wait.compareTo(properties.maxBackoff()) > 0 ? properties.maxBackoff() : wait;
    }

    /** Not delivered and not dead. */
    static Criteria waiting() {
        return where("deliveredAt").is(null).and("deadAt").is(null);
    }

    /** Events not yet taken by audit-service (dead letters excluded). */
    public long pending() {
        return mongo.count(query(waiting()), OutboxMessage.class);
    }

    /** The oldest event still waiting, or {@code null}: its age is what the backlog alert watches. */
    public Instant oldestPending() {
        OutboxMessage oldest =
                mongo.findOne(query(waiting()).with(Sort.by("createdAt")).limit(1), OutboxMessage.class);
        return oldest == null ? null : oldest.getCreatedAt();
    }

    public long deadLetterCount() {
        return mongo.count(query(where("deadAt").ne(null)), OutboxMessage.class);
    }

    /** Dead letters, newest first, at most {@code limit}. */
    public List<OutboxMessage> deadLetters(int limit) {
        return mongo.find(
                query(where("deadAt").ne(null))
                        .with(Sort.by(Sort.Direction.DESC, "deadAt"))
                        .limit(limit),
                OutboxMessage.class);
    }

    /** Sends a dead letter again (its refusals start from zero); {@code false} when there is no such dead letter. */
    public boolean retry(String eventId) {
        boolean revived = mongo.updateFirst(
                                query(where("_id").is(eventId).and("deadAt").ne(null)),
                                new Update().unset("deadAt").set("refusals", 0).set("nextAttemptAt", clock.instant()),
                                OutboxMessage.class)
                        .getModifiedCount()
                == 1;
        if (revived) {
            wakeUp();
        }
        return revived;
    }

    /** Sends every dead letter again (refusals from zero); how many. */
    public long retryAll() {
        long revived = mongo.updateMulti(
                        query(where("deadAt").ne(null)),
                        new Update().unset("deadAt").set("refusals", 0).set("nextAttemptAt", clock.instant()),
                        OutboxMessage.class)
                .getModifiedCount();
        if (revived > 0) {
            wakeUp();
        }
        return revived;
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
