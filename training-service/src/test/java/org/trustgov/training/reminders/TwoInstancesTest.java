package org.trustgov.training.reminders;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.mongodb.autoconfigure.MongoConnectionDetails;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.trustgov.test.IntegrationTest;
import org.trustgov.test.OtherServices;
import org.trustgov.training.TrainingServiceApplication;
import org.trustgov.training.attempts.ScoringAndStatusTest;
import org.trustgov.training.modules.PublishedModules;
import org.trustgov.training.roster.StaffMember;

/**
 * Two instances of training-service on one database (the second a whole application of its own, connected to the
 * first's store as a second replica would be) run the day's decision and relay at the same moment, twice over:
 * every notice is decided once and every message arrives once.
 */
@IntegrationTest
class TwoInstancesTest {

    @RegisterExtension
    static final GreenMailExtension SMTP =
            new GreenMailExtension(new ServerSetup(3925, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));

    static final int STAFF = 40;

    @Autowired
    MongoTemplate mongo;

    @Autowired
    ReminderDecisions decisions;

    @Autowired
    DigestRelay relay;

    @Autowired
    MongoConnectionDetails store;

    @Test
    void twoInstancesRunningTheDayAtOnceSendEachMessageOnce() throws Exception {
        for (String collection : List.of("notifications", "notification_digests", "notification_preferences")) {
            mongo.remove(new Query(), collection);
        }
        mongo.remove(new Query(), StaffMember.class);
        PublishedModules.clear(mongo);
        PublishedModules.publish(mongo, ScoringAndStatusTest.module(80, List.of(), List.of()), "sha256:abc");
        List<Document> staff = new ArrayList<>();
        for (int i = 0; i < STAFF; i++) {
            staff.add(new Document("_id", String.valueOf(30_000_000 + i))
                    .append("name", "Person " + i)
                    .append("workEmail", "person" + i + "@trust.example.nhs.uk")
                    .append("department", "Acute Medicine")
                    .append("staffGroup", "Nursing")
                    .append("active", true));
        }
        mongo.insert(staff, "staff");
        OtherServices.wireMock()
                .stubFor(com.github.tomakehurst.wiremock.client.WireMock.get(
                                com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching(
                                        "/api/(policy|audit)/.*"))
                        .willReturn(com.github.tomakehurst.wiremock.client.WireMock.okJson("[]")));

        String base = OtherServices.wireMock().baseUrl();
        try (ConfigurableApplicationContext second = new SpringApplicationBuilder(TrainingServiceApplication.class)
                .profiles("test")
                // As arguments, which win over application.yml (properties() are only defaults: its port 8082 won,
                // and the test failed whenever a local platform was running).
                .run(
                        "--server.port=0",
                        "--trustgov.mongodb.embedded.enabled=false",
                        "--spring.mongodb.uri=" + store.getConnectionString(),
                        "--trustgov.clients.policy-url=" + base,
                        "--trustgov.clients.audit-url=" + base,
                        "--trustgov.outbox.audit-url=" + base,
                        "--spring.security.oauth2.client.provider.keycloak.token-uri=" + base + "/token")) {
            assertThat(second.getBean(MongoTemplate.class).count(new Query(), "staff"))
                    .as("the second instance works on the same store, not an embedded one of its own")
                    .isEqualTo(STAFF);
            ReminderDecisions otherDecisions = second.getBean(ReminderDecisions.class);
            DigestRelay otherRelay = second.getBean(DigestRelay.class);
            LocalDate today = LocalDate.now(ZoneOffset.UTC);
            ExecutorService pool = Executors.newFixedThreadPool(4);
            try {
                List<Callable<Integer>> both = List.of(
                        () -> decisions.decide(today).decided(),
                        () -> otherDecisions.decide(today).decided(),
                        () -> decisions.decide(today).decided(),
                        () -> otherDecisions.decide(today).decided());
                for (Future<Integer> f : pool.invokeAll(both)) {
                    f.get();
                }
                List<Callable<Integer>> sending =
                        List.of(relay::relay, otherRelay::relay, relay::relay, otherRelay::relay);
                for (Future<Integer> f : pool.invokeAll(sending)) {
                    f.get();
                }
            } finally {
                pool.shutdown();
            }
        }
        assertThat(mongo.count(new Query(), "notifications"))
                .as("decided once each")
                .isEqualTo(STAFF);
        MimeMessage[] received = SMTP.getReceivedMessages();
        assertThat(received).as("one message each").hasSize(STAFF);
        assertThat(List.of(received).stream()
                        .map(m -> {
                            try {
                                return m.getAllRecipients()[0].toString();
                            } catch (jakarta.mail.MessagingException e) {
                                throw new IllegalStateException(e);
                            }
                        })
                        .distinct())
                .hasSize(STAFF);
    }
}
