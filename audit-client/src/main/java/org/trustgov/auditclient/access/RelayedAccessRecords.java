package org.trustgov.auditclient.access;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.data.annotation.Id;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.data.mongodb.core.query.Criteria;
import org.trustgov.starter.mongo.StoreCompaction;
import org.trustgov.starter.resilience.GuardedCalls;

/**
 * A service's access records on their way to audit-service: each batch is stored in the service's own
 * {@code access_record_outbox} first (one write per batch, not per read), then delivered ({@code POST
 * /api/audit/access-records}, the service's own token, the {@code audit-events} guard) and removed. audit-service
 * down delays them and loses none; the same batch delivered twice is kept once there. A batch audit-service answers
 * with records {@code disposed} (it named a person disposed of since it was written) has the store compacted after
 * its removal, so its bytes leave the files as the rest of the person's did.
 */
public class RelayedAccessRecords implements AccessRecordDestination, SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(RelayedAccessRecords.class);
    static final String GUARD = "audit-events";
    private static final int BATCHES_PER_ROUND = 20;
    /** How a reader disposed of is named (as audit-service names them in the records it keeps). */
    static final String DESTROYED = "[destroyed]";

    @Document("access_record_outbox")
    record PendingBatch(
            @Id String batchId,
            List<AccessRecord> records,
            @Indexed Instant createdAt) {}

    private final MongoTemplate mongo;
    private final AccessRecordsClient client;
    private final GuardedCalls guarded;
    private final long pollMillis;
    private final Clock clock;
    private final StoreCompaction compaction;
    private volatile ScheduledExecutorService executor;

    /**
     * @param compaction rewrites the store's files after {@link #forget}, and after removing a batch audit-service
     *                   kept without someone disposed of ({@code null} where the store has none)
     */
    public RelayedAccessRecords(
            MongoTemplate mongo,
            AccessRecordsClient client,
            GuardedCalls guarded,
            long pollMillis,
            Clock clock,
            StoreCompaction compaction) {
        this.mongo = mongo;
        this.client = client;
        this.guarded = guarded;
        this.pollMillis = pollMillis;
        this.clock = clock;
        this.compaction = compaction;
    }

    @Override
    public void take(String batchId, List<AccessRecord> records) {
        mongo.insert(new PendingBatch(batchId, List.copyOf(records), clock.instant()));
    }

    /** Delivers the oldest batches waiting; the number delivered. Stops at the first that fails. */
    public int deliverPending() {
        int delivered = 0;
        for (PendingBatch batch : mongo.find(
                query(where("createdAt").exists(true))
                        .with(Sort.by("createdAt"))
                        .limit(BATCHES_PER_ROUND),
                PendingBatch.class)) {
            AccessRecordsClient.Taken taken;
            try {
                taken = guarded.call(
                        GUARD, () -> client.deliver(new AccessRecordsClient.Batch(batch.batchId(), batch.records())));
            } catch (RuntimeException e) {
                log.warn("Access records not delivered to audit-service yet: {}", e.toString());
                return delivered;
            }
            mongo.remove(query(where("_id").is(batch.batchId())), PendingBatch.class);
            if (taken != null && taken.disposed() > 0 && compaction != null) {
                // It named someone disposed of since (their reads recorded on another instance, or on their way
                // while the disposal ran): its bytes leave this store's files too.
                compaction.afterErasure(PendingBatch.class);
            }
            delivered++;
        }
        return delivered;
    }

    /**
     * The batches waiting for audit-service stop naming the person with this staff number, who is being disposed of:
     * the records about them are dropped (a batch left empty goes), and their reads of others read {@code
     * [destroyed]}. audit-service has not bound these batches yet, so they are delivered as they are now. The store
     * is compacted afterwards, so the old batches leave its files too. Returns how many records changed.
     */
    @Override
    public int forget(String staffNumber) {
        String reader = "staff:" + staffNumber;
        List<PendingBatch> naming = mongo.find(
                query(new Criteria()
                        .orOperator(
                                where("records.subjectStaffNumber").is(staffNumber),
                                where("records.viewer").is(reader))),
                PendingBatch.class);
        if (naming.isEmpty()) {
            return 0;
        }
        if (compaction != null) {
            compaction.afterErasure(PendingBatch.class);
        }
        int changed = 0;
        for (PendingBatch batch : naming) {
            List<AccessRecord> kept = new ArrayList<>();
            for (AccessRecord r : batch.records()) {
                if (staffNumber.equals(r.subjectStaffNumber())) {
                    changed++;
                } else if (reader.equals(r.viewer())) {
                    kept.add(r.readBy(DESTROYED));
                    changed++;
                } else {
                    kept.add(r);
                }
            }
            if (kept.isEmpty()) {
                mongo.remove(query(where("_id").is(batch.batchId())), PendingBatch.class);
            } else {
                mongo.save(new PendingBatch(batch.batchId(), kept, batch.createdAt()));
            }
        }
        return changed;
    }

    /** Batches waiting for audit-service. */
    public long pending() {
        return mongo.count(new org.springframework.data.mongodb.core.query.Query(), PendingBatch.class);
    }

    @Override
    public void start() {
        executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "access-records-relay");
            thread.setDaemon(true);
            return thread;
        });
        executor.scheduleWithFixedDelay(
                () -> {
                    try {
                        deliverPending();
                    } catch (RuntimeException e) {
                        log.warn("Access records relay: {}", e.toString());
                    }
                },
                pollMillis,
                pollMillis,
                TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() {
        ScheduledExecutorService running = executor;
        executor = null;
        if (running != null) {
            running.shutdown();
        }
    }

    @Override
    public boolean isRunning() {
        return executor != null;
    }
}
