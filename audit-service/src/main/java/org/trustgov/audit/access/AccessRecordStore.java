package org.trustgov.audit.access;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bson.Document;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.trustgov.audit.log.chain.AuditLog;
import org.trustgov.audit.log.chain.AuditRecord;
import org.trustgov.audit.log.sealing.RecordKeys;
import org.trustgov.audit.log.sealing.RecordUnit;
import org.trustgov.auditclient.access.AccessRecord;
import org.trustgov.auditclient.access.AccessRecordDestination;
import org.trustgov.starter.mongo.ScheduledJobs;
import org.trustgov.starter.mongo.StoreCompaction;

/**
 * Where access records are kept, this service's own and those the other services relay: each batch is written as
 * its records (with the batch id), then the batch (its count and Merkle root), then the log's {@code access.recorded}
 * entry binding that root, then the batch marked bound. A batch taken again is kept once (a retry, or a relay that
 * did not hear the answer): what it already has is not written twice. A stop between the steps leaves a batch not
 * yet bound, which {@link #bindWhatAStopLeft} binds from the records as kept; records whose batch was never written
 * are what a stop in the first step leaves, and the verification counts them as not bound.
 *
 * <p>A batch can arrive after a disposal took the records of the person or case it names (another service relays its
 * batches every few seconds, and more slowly while audit-service is away): such a record is kept as the disposal
 * leaves the others, a tombstone (or read by {@code [destroyed]}), never with the name the disposal took.
 */
@Component
public class AccessRecordStore implements AccessRecordDestination {

    static final String AUDIT_SERVICE = "client:audit-service";

    private final MongoTemplate mongo;
    private final AuditLog log;
    private final ScheduledJobs jobs;
    private final Clock clock;
    private final RecordKeys keys;
    private final ObjectProvider<StoreCompaction> compaction;

    AccessRecordStore(
            MongoTemplate mongo,
            AuditLog log,
            ScheduledJobs jobs,
            Clock clock,
            RecordKeys keys,
            ObjectProvider<StoreCompaction> compaction) {
        this.mongo = mongo;
        this.log = log;
        this.jobs = jobs;
        this.clock = clock;
        this.keys = keys;
        this.compaction = compaction;
    }

    @Override
    public void take(String batchId, List<AccessRecord> records) {
        keep(batchId, records);
    }

    /**
     * Keeps the batch ({@link #take}); returns how many of its records named a person or case a disposal took, and
     * were kept without them (the sender's copy of the batch still names them, so it compacts its store once it
     * removes it).
     */
    public int keep(String batchId, List<AccessRecord> records) {
        List<StoredAccessRecord> taken =
                records.stream().map(r -> StoredAccessRecord.of(r, batchId)).toList();
        Set<RecordUnit> named = new HashSet<>();
        taken.forEach(r -> {
            named.addAll(r.about());
            named.addAll(r.reader());
        });
        Map<RecordUnit, Instant> checked = keys.lastDestroyedAmong(named);
        Map<RecordUnit, Instant> destroyed = checked;
        AccessBatch batch = mongo.findById(batchId, AccessBatch.class);
        if (batch == null) {
            Set<String> kept = keptOf(batchId, records);
            List<StoredAccessRecord> missing =
                    taken.stream().filter(r -> !kept.contains(r.id())).toList();
            if (!missing.isEmpty()) {
                mongo.insertAll(
                        missing.stream().map(r -> r.afterDisposals(checked)).toList());
                destroyed = disposedMeanwhile(missing, named, checked);
            }
            batch = new AccessBatch(
                    batchId,
                    records.size(),
                    BatchTree.of(records).root(),
                    records.isEmpty() ? null : records.get(0).service(),
                    clock.instant(),
                    false);
            try {
                mongo.insert(batch);
            } catch (DuplicateKeyException takenAtOnceElsewhere) {
                batch = mongo.findById(batchId, AccessBatch.class);
            }
        }
        if (!batch.logged()) {
            bind(batch);
        }
        Map<RecordUnit, Instant> gone = destroyed;
        return (int)
                taken.stream().filter(r -> !r.afterDisposals(gone).equals(r)).count();
    }

    /**
     * A disposal whose tombstone was stored between the check above and the insert may have passed over the access
     * records before these were kept ({@link AccessRecordErasure} runs once the tombstone is stored): so the tombstones
     * are read again, and what a disposal meanwhile takes is brought to what it leaves (the store compacted after).
     * Returns the records destroyed now.
     */
    private Map<RecordUnit, Instant> disposedMeanwhile(
            List<StoredAccessRecord> kept, Set<RecordUnit> named, Map<RecordUnit, Instant> checked) {
        Map<RecordUnit, Instant> now = keys.lastDestroyedAmong(named);
        if (now.equals(checked)) {
            return checked;
        }
        for (StoredAccessRecord record : kept) {
            StoredAccessRecord after = record.afterDisposals(now);
            if (!after.equals(record.afterDisposals(checked))) {
                mongo.save(after);
            }
        }
        StoreCompaction compacting = compaction.getIfAvailable();
        if (compacting != null) {
            compacting.afterErasure(StoredAccessRecord.class);
        }
        return now;
    }

    /**
     * The records of the batch already kept (a retry after a stop part-way), looked up by their ids alone: the unique
     * key finds each at once, where a search by batch would have the embedded store, which uses no index but the
     * unique ones and those only for a query on exactly their fields, read every access record ever kept for each
     * batch (an incident report's training snapshot records one). A record of the same id kept for another batch is
     * not this batch's: its insert is refused as before.
     */
    private Set<String> keptOf(String batchId, List<AccessRecord> records) {
        if (records.isEmpty()) {
            return Set.of();
        }
        Query kept =
                query(where("_id").in(records.stream().map(AccessRecord::id).toList()));
        kept.fields().include("_id", "batchId");
        Set<String> ids = new HashSet<>();
        for (Document record : mongo.find(kept, Document.class, mongo.getCollectionName(StoredAccessRecord.class))) {
            if (batchId.equals(record.getString("batchId"))) {
                ids.add(record.getString("_id"));
            }
        }
        return ids;
    }

    /** Appends the batch's entry (once, by its event id) and marks it bound. */
    private void bind(AccessBatch batch) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("records", batch.records());
        details.put("root", batch.root());
        if (batch.service() != null) {
            details.put("service", batch.service());
        }
        log.append(new AuditRecord(AUDIT_SERVICE, "access.recorded", batch.eventId(), details, null, batch.eventId()));
        mongo.updateFirst(query(where("_id").is(batch.id())), new Update().set("logged", true), AccessBatch.class);
    }

    /**
     * Binds the batches a stop left unbound (written more than a minute ago): the root from the records as kept, on
     * one replica at a time.
     */
    @Scheduled(initialDelayString = "PT5S", fixedDelayString = "${trustgov.access-records.repair-interval:PT1M}")
    public void bindWhatAStopLeft() {
        jobs.runExclusively("audit.access-records", Duration.ofMinutes(2), () -> {
            List<AccessBatch> unbound = mongo.find(
                    query(where("logged")
                                    .is(false)
                                    .and("createdAt")
                                    .lt(clock.instant().minus(Duration.ofMinutes(1))))
                            .limit(100),
                    AccessBatch.class);
            Map<String, List<StoredAccessRecord>> keptByBatch = StoredAccessRecord.ofBatches(mongo, unbound);
            for (AccessBatch batch : unbound) {
                List<StoredAccessRecord> records = keptByBatch.getOrDefault(batch.id(), List.of());
                AccessBatch asKept = new AccessBatch(
                        batch.id(),
                        records.size(),
                        BatchTree.ofKept(records).root(),
                        batch.service(),
                        batch.createdAt(),
                        false);
                mongo.save(asKept);
                bind(asKept);
            }
        });
    }
}
