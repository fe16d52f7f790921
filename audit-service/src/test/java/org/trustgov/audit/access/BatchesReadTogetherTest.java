package org.trustgov.audit.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.trustgov.auditclient.access.AccessRecord;
import org.trustgov.test.IntegrationTest;

/**
 * The records of many batches read together ({@link StoredAccessRecord#ofBatches}), as the verification and the repair
 * read them: a few queries for all the batches, each batch given exactly its own records, whatever the turns.
 */
@IntegrationTest
class BatchesReadTogetherTest {

    @Autowired
    MongoTemplate mongo;

    @Test
    void eachBatchGetsExactlyItsOwnRecordsAcrossTheTurnsOfReading() {
        int[] sizes = {3, 1, 0, 4, 2};
        List<AccessBatch> batches = new ArrayList<>();
        for (int size : sizes) {
            String batchId = UUID.randomUUID().toString();
            for (int i = 0; i < size; i++) {
                mongo.insert(record(batchId));
            }
            batches.add(new AccessBatch(batchId, size, "root", "audit-service", Instant.now(), true));
        }
        String another = UUID.randomUUID().toString();
        mongo.insert(record(another));

        for (int readAtOnce : new int[] {1, 4, 5, 100}) {
            Map<String, List<StoredAccessRecord>> kept = StoredAccessRecord.ofBatches(mongo, batches, readAtOnce);
            for (int i = 0; i < sizes.length; i++) {
                String batchId = batches.get(i).id();
                assertThat(kept.getOrDefault(batchId, List.of()))
                        .as("batch %d read %d at once", i, readAtOnce)
                        .hasSize(sizes[i])
                        .allSatisfy(r -> assertThat(r.batchId()).isEqualTo(batchId));
            }
            assertThat(kept).as("only the batches asked for").doesNotContainKey(another);
        }
    }

    private static StoredAccessRecord record(String batchId) {
        return StoredAccessRecord.of(
                new AccessRecord(
                        UUID.randomUUID().toString(),
                        Instant.now(),
                        "staff:10000004",
                        "governance",
                        "Clinical Governance",
                        AccessRecord.What.INCIDENT,
                        "SMB-2026-000001",
                        "10000002",
                        AccessRecord.Route.API,
                        AccessRecord.Outcome.READ,
                        "audit-service"),
                batchId);
    }
}
