package org.trustgov.auditclient.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.retry.RetryConfig;
import io.github.resilience4j.retry.RetryRegistry;
import io.github.resilience4j.timelimiter.TimeLimiterConfig;
import io.github.resilience4j.timelimiter.TimeLimiterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.trustgov.auditclient.access.AccessRecord.What;
import org.trustgov.keycloak.Caller;
import org.trustgov.problem.ServiceUnavailableException;
import org.trustgov.starter.mongo.StoreCompaction;
import org.trustgov.starter.resilience.GuardedCalls;
import org.trustgov.starter.resilience.GuardedCallsProperties;

/**
 * A person disposed of while reads of their records are still on their way to audit-service (queued in memory, or in
 * the service's own outbox waiting for the relay): once forgotten, nothing this service still holds or delivers names
 * them. The records about them are dropped, their reads of others read {@code [destroyed]}, and the rest goes as it
 * was.
 */
class ForgettingAPersonTest {

    private static final String LEAVER = "10000081";

    private final MongoServer server = new MongoServer(new MemoryBackend());
    private final MongoClient client = MongoClients.create("mongodb://"
            + server.bind().getHostString() + ":" + server.getLocalAddress().getPort());
    private final MongoTemplate mongo = new MongoTemplate(client, "svc");
    private final List<AccessRecordsClient.Batch> delivered = new ArrayList<>();
    private final GuardedCalls guarded = new GuardedCalls(
            CircuitBreakerRegistry.ofDefaults(),
            RetryRegistry.of(RetryConfig.custom().maxAttempts(1).build()),
            TimeLimiterRegistry.of(TimeLimiterConfig.custom()
                    .timeoutDuration(Duration.ofSeconds(5))
                    .build()),
            new GuardedCallsProperties(2, 4));
    /** What audit-service answers: how many of a batch's records name someone a disposal took. */
    private int disposedAtAudit;

    private final List<Class<?>> compacted = new ArrayList<>();
    private final StoreCompaction compaction = new StoreCompaction(mongo, Duration.ofHours(1)) {
        @Override
        public synchronized void afterErasure(Class<?>... documents) {
            compacted.addAll(List.of(documents));
        }
    };
    private final RelayedAccessRecords relay = new RelayedAccessRecords(
            mongo,
            batch -> {
                delivered.add(batch);
                return new AccessRecordsClient.Taken(batch.records().size(), disposedAtAudit);
            },
            guarded,
            60_000,
            Clock.systemUTC(),
            compaction);

    @AfterEach
    void stop() {
        guarded.destroy();
        client.close();
        server.shutdownNow();
    }

    @Test
    void readsNotYetRelayedStopNamingThePersonAndTheRestGoAsTheyWere() {
        relay.take("only-about-them", List.of(read("staff:10000004", LEAVER)));
        relay.take("mixed", List.of(read("staff:10000004", LEAVER), read("staff:" + LEAVER, "10000002")));
        relay.take("unrelated", List.of(read("staff:10000004", "10000002")));
        AccessLog log = new AccessLog(
                relay,
                new AccessRecordSettings(true, Duration.ofHours(1), 500, 1000, "gateway"),
                "svc",
                Clock.systemUTC());
        log.read(caller("10000004"), What.COMPLIANCE_RECORD, LEAVER, LEAVER); // still queued in memory
        log.read(caller("10000005"), What.STAFF_RECORD, "10000003", "10000003");

        assertThat(log.forget(LEAVER)).as("records changed").isEqualTo(4);
        assertThat(log.queued()).as("the queue was written first").isZero();

        relay.deliverPending();
        assertThat(delivered)
                .extracting(AccessRecordsClient.Batch::batchId)
                .as("a batch only about them goes; the others are delivered")
                .doesNotContain("only-about-them")
                .contains("mixed", "unrelated")
                .hasSize(3);
        assertThat(delivered.toString()).doesNotContain(LEAVER);
        assertThat(delivered)
                .filteredOn(b -> b.batchId().equals("mixed"))
                .singleElement()
                .satisfies(b -> assertThat(b.records()).singleElement().satisfies(r -> {
                    assertThat(r.viewer()).isEqualTo("[destroyed]");
                    assertThat(r.subjectStaffNumber()).isEqualTo("10000002");
                }));
        assertThat(delivered.stream().flatMap(b -> b.records().stream()))
                .extracting(AccessRecord::subjectStaffNumber)
                .containsExactlyInAnyOrder("10000002", "10000002", "10000003");
        assertThat(relay.pending()).isZero();
        assertThat(log.forget(LEAVER)).as("again: nothing left").isZero();
    }

    @Test
    void aBatchAuditServiceKeptWithoutSomeoneDisposedOfIsCompactedAwayHereToo() {
        // Read on another instance of the service, or still on its way while the disposal ran: the batch reached the
        // outbox after this instance forgot the person, and audit-service kept it without them.
        relay.take("late", List.of(read("staff:10000004", LEAVER)));
        relay.take("on-time", List.of(read("staff:10000004", "10000002")));
        disposedAtAudit = 1;
        assertThat(relay.deliverPending()).isEqualTo(2);
        assertThat(relay.pending()).isZero();
        assertThat(compacted).as("compacted once the batches are removed").isNotEmpty();

        compacted.clear();
        disposedAtAudit = 0;
        relay.take("ordinary", List.of(read("staff:10000004", "10000002")));
        relay.deliverPending();
        assertThat(compacted).as("nothing disposed of: nothing to compact").isEmpty();
    }

    @Test
    void aQueueThatCannotBeWrittenFailsTheForgettingSoTheDisposalIsTriedAgain() {
        AccessRecordDestination down = new AccessRecordDestination() {
            @Override
            public void take(String batchId, List<AccessRecord> records) {
                throw new IllegalStateException("the store is down");
            }

            @Override
            public int forget(String staffNumber) {
                throw new AssertionError("not asked while reads about the person may be queued");
            }
        };
        AccessLog log = new AccessLog(
                down,
                new AccessRecordSettings(true, Duration.ofHours(1), 500, 1000, "gateway"),
                "svc",
                Clock.systemUTC());
        log.read(caller("10000004"), What.COMPLIANCE_RECORD, LEAVER, LEAVER);

        assertThatThrownBy(() -> log.forget(LEAVER))
                .isInstanceOf(ServiceUnavailableException.class)
                .hasMessageContaining("tried again");
        assertThat(log.queued()).as("kept for the next round").isEqualTo(1);
    }

    private static AccessRecord read(String viewer, String subject) {
        return new AccessRecord(
                UUID.randomUUID().toString(),
                Instant.now(),
                viewer,
                "governance",
                "Clinical Governance",
                What.COMPLIANCE_RECORD,
                subject,
                subject,
                AccessRecord.Route.API,
                AccessRecord.Outcome.READ,
                "svc");
    }

    private static Caller caller(String staffNumber) {
        return new Caller("s", "user", staffNumber, "Clinical Governance", Set.of("governance"), "demo-cli", false);
    }
}
