package org.trustgov.auditclient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.javacrumbs.shedlock.provider.mongo.MongoLockProvider;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.trustgov.starter.mongo.ScheduledJobs;

/**
 * The sweep searches every document for left-over events only at its first round and every
 * {@code search-interval}; the rounds between hand on what failed to be handed on in this instance, found without a
 * search.
 */
class PendingAuditEventSweepTest {

    private final MongoServer server = new MongoServer(new MemoryBackend());
    private final MongoClient client = MongoClients.create("mongodb://"
            + server.bind().getHostString() + ":" + server.getLocalAddress().getPort());
    private final MongoTemplate mongo = new MongoTemplate(client, "svc");
    private final List<AuditEvent> delivered = new ArrayList<>();
    private boolean destinationDown;
    private final AuditOutbox outbox = new AuditOutbox(
            mongo,
            "test-service",
            Clock.systemUTC(),
            event -> {
                if (destinationDown) {
                    throw new IllegalStateException("the destination is down");
                }
                delivered.add(event);
            },
            null);
    private final PendingAuditEventSweep sweep = new PendingAuditEventSweep(
            mongo,
            outbox,
            AuditedDocuments.of(Change.class),
            new ScheduledJobs(new MongoLockProvider(client.getDatabase("svc")), Clock.systemUTC()),
            Duration.ofMinutes(1),
            Duration.ofMinutes(3));

    /** A changed document of the service. */
    @org.springframework.data.mongodb.core.mapping.Document("changes")
    record Change(String id) {}

    @AfterEach
    void stop() {
        client.close();
        server.shutdownNow();
    }

    private AuditEvent storeChangeWithItsEvent(String id) {
        AuditEvent event = outbox.event("staff:10000004", "change.made", id, Map.of());
        mongo.getCollection("changes")
                .insertOne(new Document("_id", id)
                        .append(AuditOutbox.FIELD, List.of(mongo.getConverter().convertToMongoType(event))));
        return event;
    }

    private boolean stillHoldsEvents(String id) {
        Document stored =
                mongo.getCollection("changes").find(new Document("_id", id)).first();
        return stored != null && !((List<?>) stored.get(AuditOutbox.FIELD)).isEmpty();
    }

    @Test
    void aFailedHandOnIsRetriedByTheNextRoundWithoutASearchAndALeftOverIsFoundByTheNextSearch() {
        assertThat(sweep.sweepScheduled())
                .as("the first round searches: nothing yet")
                .isZero();

        // Left by a process that stopped between the change and the hand-on: this instance does not know of it.
        AuditEvent leftByAStop = storeChangeWithItsEvent("left-by-a-stop");
        // This instance's own change, whose hand-on failed.
        AuditEvent failedHere = storeChangeWithItsEvent("failed-here");
        destinationDown = true;
        assertThatThrownBy(() -> outbox.flush(Change.class, "failed-here", List.of(failedHere)))
                .hasMessageContaining("down");
        destinationDown = false;

        assertThat(sweep.sweepScheduled())
                .as("second round: only what failed here")
                .isEqualTo(1);
        assertThat(delivered).extracting(AuditEvent::eventId).containsExactly(failedHere.eventId());
        assertThat(stillHoldsEvents("failed-here")).isFalse();
        assertThat(stillHoldsEvents("left-by-a-stop")).as("not searched for").isTrue();

        assertThat(sweep.sweepScheduled()).as("third round: nothing known").isZero();
        assertThat(sweep.sweepScheduled()).as("fourth round: a search").isEqualTo(1);
        assertThat(delivered)
                .extracting(AuditEvent::eventId)
                .containsExactly(failedHere.eventId(), leftByAStop.eventId());
        assertThat(stillHoldsEvents("left-by-a-stop")).isFalse();
    }

    @Test
    void aRetryThatFailsAgainIsKeptForTheRoundAfter() {
        sweep.sweepScheduled();
        AuditEvent event = storeChangeWithItsEvent("twice");
        destinationDown = true;
        assertThatThrownBy(() -> outbox.flush(Change.class, "twice", List.of(event)));
        assertThat(sweep.sweepScheduled()).as("still down: the round fails").isZero();
        destinationDown = false;

        assertThat(sweep.sweepScheduled()).isEqualTo(1);
        assertThat(delivered).extracting(AuditEvent::eventId).containsExactly(event.eventId());
        assertThat(stillHoldsEvents("twice")).isFalse();
    }
}
