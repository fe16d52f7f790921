package org.trustgov.starter.mongo;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import net.javacrumbs.shedlock.provider.mongo.MongoLockProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Two instances of a service on one database: a job runs on one of them at a time, and again once it is free. */
class ScheduledJobsTest {

    private final MongoServer server = new MongoServer(new MemoryBackend());
    private final String uri = "mongodb://" + server.bind().getHostString() + ":"
            + server.getLocalAddress().getPort();
    private final MongoClient clientA = MongoClients.create(uri);
    private final MongoClient clientB = MongoClients.create(uri);
    private final ScheduledJobs instanceA =
            new ScheduledJobs(new MongoLockProvider(clientA.getDatabase("svc")), Clock.systemUTC());
    private final ScheduledJobs instanceB =
            new ScheduledJobs(new MongoLockProvider(clientB.getDatabase("svc")), Clock.systemUTC());

    @AfterEach
    void stop() {
        clientA.close();
        clientB.close();
        server.shutdownNow();
    }

    @Test
    void whileOneInstanceRunsAJobTheOtherSkipsItAndRunsItOnceItIsFree() {
        AtomicInteger runs = new AtomicInteger();
        boolean[] otherRanMeanwhile = new boolean[2];

        boolean ranOnA = instanceA.runExclusively("audit-tree", Duration.ofMinutes(1), () -> {
            runs.incrementAndGet();
            // the other instance's scheduler thread (ShedLock lets the thread that holds a lock run the same job again)
            otherRanMeanwhile[0] = CompletableFuture.supplyAsync(
                            () -> instanceB.runExclusively("audit-tree", Duration.ofMinutes(1), runs::incrementAndGet))
                    .join();
            // another job is not held up by this one
            otherRanMeanwhile[1] = CompletableFuture.supplyAsync(
                            () -> instanceB.runExclusively("snapshot-retry", Duration.ofMinutes(1), () -> {}))
                    .join();
        });

        assertThat(ranOnA).isTrue();
        assertThat(otherRanMeanwhile[0])
                .as("the same job on the other instance while it runs")
                .isFalse();
        assertThat(otherRanMeanwhile[1])
                .as("a different job on the other instance")
                .isTrue();
        assertThat(runs).hasValue(1);
        assertThat(instanceB.runExclusively("audit-tree", Duration.ofMinutes(1), runs::incrementAndGet))
                .isTrue();
        assertThat(runs).hasValue(2);
    }

    @Test
    void aLockLeftByAnInstanceThatDiedExpires() throws Exception {
        // Instance A dies mid-run: its lock stays until atMost (here 300 ms) has passed.
        new MongoLockProvider(clientA.getDatabase("svc"))
                .lock(new net.javacrumbs.shedlock.core.LockConfiguration(
                        Clock.systemUTC().instant(), "checkpoints", Duration.ofMillis(300), Duration.ZERO));
        assertThat(instanceB.runExclusively("checkpoints", Duration.ofMinutes(1), () -> {}))
                .isFalse();

        org.awaitility.Awaitility.await()
                .atMost(Duration.ofSeconds(5))
                .until(() -> instanceB.runExclusively("checkpoints", Duration.ofMinutes(1), () -> {}));
    }

    @Test
    void aSweepWhoseSearchIsDearSearchesAtItsFirstScheduledRoundAndThenEveryNthAndBetweenFinishesWhatItKnows() {
        StringBuilder rounds = new StringBuilder();
        ExclusiveSweep sweep =
                new ExclusiveSweep(
                        instanceA, "dear-search", Duration.ZERO, Duration.ofMinutes(1), Duration.ofMinutes(1)) {
                    @Override
                    protected int sweepOnce() {
                        rounds.append('S');
                        return 0;
                    }

                    @Override
                    protected int sweepKnown() {
                        rounds.append('k');
                        return 0;
                    }

                    @Override
                    protected int searchEveryRounds() {
                        return 3;
                    }

                    @Override
                    protected String finishedMessage() {
                        return "{}";
                    }
                };
        for (int i = 0; i < 7; i++) {
            sweep.sweepScheduled();
        }
        sweep.sweep(); // asked for at once (a test, an operator): always a search

        assertThat(rounds).hasToString("SkkSkkSS");
    }
}
