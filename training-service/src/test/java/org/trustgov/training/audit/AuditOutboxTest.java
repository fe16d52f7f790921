package org.trustgov.training.audit;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.trustgov.auditclient.AuditOutbox;
import org.trustgov.auditclient.OutboxMessage;
import org.trustgov.auditclient.OutboxRelay;
import org.trustgov.keycloak.test.TestTokens;
import org.trustgov.test.IntegrationTest;
import org.trustgov.test.OtherServices;
import org.trustgov.training.attempts.AttemptRepository;
import org.trustgov.training.attempts.ScoringAndStatusTest;
import org.trustgov.training.modules.ModuleRepository;
import org.trustgov.training.modules.PublishedModules;
import tools.jackson.databind.json.JsonMapper;

/**
 * audit-service (WireMock) is down while HR pushes the roster and a nurse passes a module: the events wait in
 * training-service's outbox, are retried, and once audit-service answers again each is delivered, once, with the
 * service's own token.
 */
@IntegrationTest
class AuditOutboxTest {

    static final WireMockServer audit = OtherServices.wireMock();
    static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    @Autowired
    OutboxRelay relay;

    @Autowired
    AuditOutbox outbox;

    @Autowired
    MeterRegistry meters;

    @Autowired
    MongoTemplate mongo;

    @Autowired
    org.trustgov.auditclient.DeliveredEventsHousekeeping housekeeping;

    /** A delivered event is kept a week (the log has it; it names people), then removed; a waiting one stays. */
    @Test
    void deliveredEventsAreRemovedAfterTheirKeepForAndWaitingOnesStay() {
        java.time.Instant now = java.time.Instant.now();
        java.util.function.BiConsumer<String, java.time.Instant> delivered = (id, at) -> mongo.getCollection("outbox")
                .insertOne(new org.bson.Document("_id", id)
                        .append("event", new org.bson.Document("actor", "staff:10000001"))
                        .append("createdAt", java.util.Date.from(at))
                        .append("deliveredAt", java.util.Date.from(at)));
        delivered.accept("delivered-8-days-ago", now.minus(java.time.Duration.ofDays(8)));
        delivered.accept("delivered-yesterday", now.minus(java.time.Duration.ofDays(1)));
        mongo.getCollection("outbox")
                .insertOne(new org.bson.Document("_id", "waiting-8-days")
                        .append("event", new org.bson.Document("actor", "staff:10000001"))
                        .append("createdAt", java.util.Date.from(now.minus(java.time.Duration.ofDays(8))))
                        .append("deadAt", java.util.Date.from(now.minus(java.time.Duration.ofDays(7)))));
        assertThat(housekeeping.sweep()).isGreaterThanOrEqualTo(1);
        assertThat(mongo.getCollection("outbox").countDocuments(new org.bson.Document("_id", "delivered-8-days-ago")))
                .isZero();
        assertThat(mongo.getCollection("outbox")
                        .countDocuments(new org.bson.Document(
                                "_id", new org.bson.Document("$in", List.of("delivered-yesterday", "waiting-8-days")))))
                .isEqualTo(2);
        mongo.getCollection("outbox")
                .deleteMany(new org.bson.Document(
                        "_id", new org.bson.Document("$in", List.of("delivered-yesterday", "waiting-8-days"))));
    }

    /**
     * A change hands on the events it has just stored without reading its document back; an event the document held
     * from before (a stop before it was handed on) stays there, for the sweep, which hands it on by reading it.
     */
    @Test
    void theEventsAChangeJustStoredAreHandedOnWithoutReadingTheDocumentBack() {
        mongo.remove(new Query(), OutboxMessage.class);
        var leftByAStop = outbox.event("staff:10000001", "test.left", "doc-1", Map.of());
        var justStored = outbox.event("staff:10000001", "test.changed", "doc-1", Map.of());
        String collection = mongo.getCollectionName(org.trustgov.training.attempts.Attempt.class);
        mongo.upsert(
                new Query(org.springframework.data.mongodb.core.query.Criteria.where("_id")
                        .is("outbox-flush-test")),
                new Update().push(AuditOutbox.FIELD).each(leftByAStop, justStored),
                collection);

        outbox.flush(org.trustgov.training.attempts.Attempt.class, "outbox-flush-test", List.of(justStored));

        assertThat(mongo.findAll(OutboxMessage.class))
                .extracting(OutboxMessage::getEventId)
                .containsExactly(justStored.eventId());
        assertThat(mongo.getCollection(collection)
                        .find(new org.bson.Document("_id", "outbox-flush-test"))
                        .first()
                        .getList(AuditOutbox.FIELD, org.bson.Document.class))
                .extracting(d -> d.getString("eventId"))
                .containsExactly(leftByAStop.eventId());

        outbox.flush(org.trustgov.training.attempts.Attempt.class, "outbox-flush-test");

        assertThat(mongo.findAll(OutboxMessage.class))
                .extracting(OutboxMessage::getEventId)
                .containsExactlyInAnyOrder(justStored.eventId(), leftByAStop.eventId());
        mongo.getCollection(collection).deleteOne(new org.bson.Document("_id", "outbox-flush-test"));
        mongo.remove(new Query(), OutboxMessage.class);
    }

    @Autowired
    ModuleRepository modules;

    @Autowired
    AttemptRepository attempts;

    @Autowired
    CircuitBreakerRegistry breakers;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void eventsRecordedWhileAuditServiceIsDownAreDeliveredExactlyOnceWhenItIsBack() throws Exception {
        mongo.remove(new Query(), OutboxMessage.class);
        audit.stubFor(post("/token")
                .willReturn(aResponse()
                        .withHeader("Content-Type", "application/json")
                        .withBody(
                                "{\"access_token\":\"service-token\",\"token_type\":\"Bearer\",\"expires_in\":300}")));
        audit.stubFor(post("/api/audit/events").willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

        send(
                "/api/training/staff",
                TestTokens.serviceAccount("hr-system", "hr-integration"),
                "text/csv",
                "staffNumber,name,department,staffGroup\n10000001,Alex Carter,Acute Medicine,Nursing\n",
                "hr-upload-1");
        PublishedModules.clear(mongo);
        attempts.deleteAll();
        PublishedModules.publish(mongo, ScoringAndStatusTest.module(80, List.of(), List.of()), "sha256:abc");
        String nurse = TestTokens.person("alex.nurse", "10000001", "Acute Medicine", "staff");
        String attemptId = JSON.readTree(
                        send("/api/training/modules/SMT-01/versions/1/attempts", nurse, "application/json", "")
                                .body())
                .get("attemptId")
                .asString();
        send(
                "/api/training/attempts/" + attemptId + "/submit",
                nurse,
                "application/json",
                "{\"answers\":{\"q1\":[\"b\"],\"q2\":[\"a\",\"c\"],\"q3\":[\"a\"]}}",
                "nurse-submits-1");

        // Each record wakes the relay, whose attempt fails; wait until both have been tried at least once.
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> {
            relay.deliverPending();
            return mongo.findAll(OutboxMessage.class).stream().allMatch(m -> m.getAttempts() > 0);
        });
        assertThat(relay.pending())
                .as("audit-service is down: both events wait")
                .isEqualTo(2);
        assertThat(mongo.findAll(OutboxMessage.class)).allSatisfy(m -> {
            assertThat(m.getAttempts()).isGreaterThanOrEqualTo(1);
            assertThat(m.getLastError()).isNotBlank();
        });

        // audit-service is back. One event comes due; its delivery makes the other, still minutes into its backoff,
        // due at once: the backlog drains in one round.
        audit.resetRequests();
        audit.stubFor(post("/api/audit/events").willReturn(aResponse().withStatus(201)));
        breakers.circuitBreaker("audit-events").reset();
        mongo.updateMulti(
                new Query(), new Update().set("nextAttemptAt", Instant.now().plusSeconds(300)), OutboxMessage.class);
        mongo.updateFirst(
                Query.query(org.springframework.data.mongodb.core.query.Criteria.where("_id")
                        .is(mongo.findAll(OutboxMessage.class).get(0).getEventId())),
                new Update().set("nextAttemptAt", Instant.now().minusSeconds(1)),
                OutboxMessage.class);
        assertThat(relay.deliverPending()).isEqualTo(2);
        assertThat(relay.deliverPending()).as("nothing left to send").isZero();

        List<LoggedRequest> delivered = audit.findAll(postRequestedFor(urlEqualTo("/api/audit/events"))
                .withHeader("Authorization", equalTo("Bearer service-token")));
        Set<String> eventIds = new HashSet<>();
        Set<String> actions = new HashSet<>();
        for (LoggedRequest request : delivered) {
            var event = JSON.readTree(request.getBodyAsString());
            assertThat(eventIds.add(event.get("eventId").asString()))
                    .as("delivered twice")
                    .isTrue();
            actions.add(event.get("action").asString());
            // delivered later, from the relay's own thread, under the request id of the change that recorded it
            assertThat(request.getHeader("X-Request-Id"))
                    .isEqualTo(
                            event.get("action").asString().equals("training.roster.upserted")
                                    ? "hr-upload-1"
                                    : "nurse-submits-1");
            assertThat(event.get("source").asString()).isEqualTo("training-service");
        }
        assertThat(actions).containsExactlyInAnyOrder("training.roster.upserted", "training.completion.recorded");
        assertThat(relay.pending()).isZero();
    }

    @Test
    void anEventAuditServiceKeepsRefusingBecomesADeadLetterThatGovernanceSeesAndSendsAgain() throws Exception {
        auditServiceRefusesEveryEventWith(400);
        String eventId =
                outbox.record("client:hr-system", "training.roster.upserted", "roster/x", Map.of("received", 1));

        // max-refusals is 5; each round the backoff is skipped. The relay's own thread, woken by the new event,
        // may take a round (or, as this test lifts the lease, run beside one): rounds go on until the event is dead.
        for (int round = 0;
                round < 30 && mongo.findById(eventId, OutboxMessage.class).getDeadAt() == null;
                round++) {
            mongo.updateMulti(
                    new Query(), new Update().set("nextAttemptAt", Instant.now().minusSeconds(1)), OutboxMessage.class);
            relay.deliverPending();
        }

        OutboxMessage dead = mongo.findById(eventId, OutboxMessage.class);
        assertThat(dead.getDeadAt()).as("refused five times: a dead letter").isNotNull();
        // Five refusals make it dead; one attempt running beside the fifth (only because the test lifted the lease)
        // may add a sixth.
        assertThat(dead.getRefusals()).isBetween(5, 6);
        assertThat(relay.pending()).as("no longer retried on its own").isZero();
        assertThat(meters.get("trustgov.outbox.dead.letters").gauge().value()).isEqualTo(1.0);
        String governance =
                TestTokens.person("morgan.governance", "10000004", "Clinical Governance", "staff", "governance");
        HttpResponse<String> listed = http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/training/outbox/dead-letters"))
                        .header("Authorization", "Bearer " + governance)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(listed.statusCode()).isEqualTo(200);
        assertThat(listed.body()).contains(eventId).contains("refused by audit-service with 400");
        assertThat(http.send(
                                HttpRequest.newBuilder(URI.create(
                                                "http://localhost:" + port + "/api/training/outbox/dead-letters"))
                                        .header(
                                                "Authorization",
                                                "Bearer "
                                                        + TestTokens.person(
                                                                "alex.nurse", "10000001", "Acute Medicine", "staff"))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString())
                        .statusCode())
                .isEqualTo(403);

        audit.stubFor(post("/api/audit/events").willReturn(aResponse().withStatus(201)));
        send("/api/training/outbox/dead-letters/" + eventId + "/retry", governance, "application/json", "");
        Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .until(() -> mongo.findById(eventId, OutboxMessage.class).getDeliveredAt() != null);
        assertThat(relay.deadLetterCount()).isZero();
    }

    @Test
    void anOpenBreakerIsNoAttemptAndDoesNotPushAnEventFurtherIntoItsBackoff() {
        mongo.remove(new Query(), OutboxMessage.class);
        var breaker = breakers.circuitBreaker("audit-events");
        breaker.transitionToForcedOpenState();
        String eventId;
        try {
            eventId = outbox.record("client:hr-system", "training.roster.upserted", "roster/c", Map.of("received", 1));
            // The relay, woken by the record, may be holding it under its lease: wait until it has let go.
            Awaitility.await()
                    .atMost(Duration.ofSeconds(10))
                    .until(() -> mongo.findById(eventId, OutboxMessage.class)
                            .getNextAttemptAt()
                            .isBefore(Instant.now().plusSeconds(10)));
            mongo.updateMulti(
                    new Query(),
                    new Update()
                            .set("attempts", 6)
                            .set("nextAttemptAt", Instant.now().minusSeconds(1)),
                    OutboxMessage.class);
            relay.deliverPending();
        } finally {
            breaker.reset();
        }
        OutboxMessage held = mongo.findById(eventId, OutboxMessage.class);
        assertThat(held.getAttempts())
                .as("another instance may deliver it meanwhile: no attempt counted")
                .isEqualTo(6);
        assertThat(held.getNextAttemptAt())
                .as("due again next round, not in a minute")
                .isBefore(Instant.now().plusSeconds(10));
    }

    @Test
    void aShortAuthenticationHiccupMakesNoDeadLetterAndGovernanceResendsAllDeadLettersAtOnce() throws Exception {
        auditServiceRefusesEveryEventWith(403);
        String first = outbox.record("client:hr-system", "training.roster.upserted", "roster/a", Map.of("received", 1));
        String second =
                outbox.record("client:hr-system", "training.roster.upserted", "roster/b", Map.of("received", 2));

        for (int round = 0; round < 12; round++) {
            mongo.updateMulti(
                    new Query(), new Update().set("nextAttemptAt", Instant.now().minusSeconds(1)), OutboxMessage.class);
            relay.deliverPending();
        }
        assertThat(mongo.findAll(OutboxMessage.class).stream()
                        .mapToInt(OutboxMessage::getRefusals)
                        .max()
                        .orElse(0))
                .as("refused again and again")
                .isGreaterThan(5);
        assertThat(relay.deadLetterCount())
                .as("a 403 within the grace hour is waited out")
                .isZero();
        assertThat(relay.pending()).isEqualTo(2);

        // Refused so for over an hour: now they are dead letters.
        mongo.updateMulti(
                new Query(),
                new Update()
                        .set("createdAt", Instant.now().minus(Duration.ofMinutes(61)))
                        .set("nextAttemptAt", Instant.now().minusSeconds(1)),
                OutboxMessage.class);
        for (int round = 0; round < 5 && relay.deadLetterCount() < 2; round++) {
            relay.deliverPending();
            mongo.updateMulti(
                    new Query(), new Update().set("nextAttemptAt", Instant.now().minusSeconds(1)), OutboxMessage.class);
        }
        assertThat(relay.deadLetterCount()).isEqualTo(2);

        audit.stubFor(post("/api/audit/events").willReturn(aResponse().withStatus(201)));
        String governance =
                TestTokens.person("morgan.governance", "10000004", "Clinical Governance", "staff", "governance");
        HttpResponse<String> resent =
                send("/api/training/outbox/dead-letters/retry", governance, "application/json", "");
        assertThat(JSON.readTree(resent.body()).get("resent").asInt()).isEqualTo(2);
        Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .until(() -> mongo.findById(first, OutboxMessage.class).getDeliveredAt() != null
                        && mongo.findById(second, OutboxMessage.class).getDeliveredAt() != null);
        assertThat(relay.deadLetterCount()).isZero();
    }

    private HttpResponse<String> send(String path, String token, String type, String body) throws Exception {
        return send(path, token, type, body, "outbox-test");
    }

    private HttpResponse<String> send(String path, String token, String type, String body, String requestId)
            throws Exception {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                        .header("Authorization", "Bearer " + token)
                        .header("Content-Type", type)
                        .header("X-Request-Id", requestId)
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isBetween(200, 201);
        return response;
    }

    /** An empty outbox, a closed breaker, a token for the service, and audit-service refusing every event. */
    private void auditServiceRefusesEveryEventWith(int status) {
        mongo.remove(new Query(), OutboxMessage.class);
        breakers.circuitBreaker("audit-events").reset();
        audit.stubFor(post("/token")
                .willReturn(aResponse()
                        .withHeader("Content-Type", "application/json")
                        .withBody(
                                "{\"access_token\":\"service-token\",\"token_type\":\"Bearer\",\"expires_in\":300}")));
        audit.stubFor(post("/api/audit/events")
                .willReturn(aResponse()
                        .withStatus(status)
                        .withHeader("Content-Type", "application/problem+json")
                        .withBody("{\"status\":" + status + "}")));
    }
}
