package org.trustgov.training.reminders;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.trustgov.test.IntegrationTest;
import org.trustgov.training.modules.ModuleRequest;
import org.trustgov.training.modules.PublishedModules;
import org.trustgov.training.modules.Question;
import org.trustgov.training.modules.TrainingModule;
import org.trustgov.training.roster.StaffMember;

/**
 * Figures for docs/figures.md, not a test: {@code ./mvnw -Pbenchmarks -pl training-service -am test
 * -Dtest=ReminderDecisionBenchmark}. A trust of 20,000 active staff (each with a line manager) and 20 published
 * modules for everyone, with completions spread from 100 days expired to 400 days ahead and one in ten never
 * taken: the daily decision's time on its first run of a day (everything new), a second run the same day (nothing
 * new), three measured rounds after one warm round each; then composing the digests of the first
 * {@code benchmark.relayStaff} (2,000) people and sending them to a real SMTP server (GreenMail, in this JVM) at the
 * relay's rate limit. Only a part: the embedded store has no secondary indexes, so each claim of a digest scans the
 * day's digests, and a day of 20,000 would measure that scan rather than the relay (MongoDB's {@code (state,
 * nextAttemptAt)} index serves the claim).
 */
@IntegrationTest
class ReminderDecisionBenchmark {

    @RegisterExtension
    static final GreenMailExtension SMTP =
            new GreenMailExtension(new ServerSetup(3925, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));

    static final int STAFF = Integer.getInteger("benchmark.staff", 20_000);
    static final int MODULES = 20;
    static final int RELAY_STAFF = Integer.getInteger("benchmark.relayStaff", 2_000);

    @Autowired
    MongoTemplate mongo;

    @Autowired
    ReminderDecisions decisions;

    @Autowired
    DigestRelay relay;

    @Test
    void decideAndSend() {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        seed(today);
        List<Long> first = new ArrayList<>();
        List<Long> again = new ArrayList<>();
        ReminderDecisions.Run run = null;
        for (int round = 0; round < 4; round++) {
            clearNotifications();
            long start = System.nanoTime();
            run = decisions.decide(today);
            long firstMs = (System.nanoTime() - start) / 1_000_000;
            start = System.nanoTime();
            ReminderDecisions.Run repeat = decisions.decide(today);
            long againMs = (System.nanoTime() - start) / 1_000_000;
            if (repeat.decided() != 0) {
                throw new IllegalStateException("a second run decided " + repeat.decided());
            }
            if (round > 0) { // the first round warms the JIT
                first.add(firstMs);
                again.add(againMs);
            }
        }
        // the relay over the first RELAY_STAFF people's notices (see the class comment)
        mongo.remove(
                org.springframework.data.mongodb.core.query.Query.query(
                        org.springframework.data.mongodb.core.query.Criteria.where("staffNumber")
                                .gte(String.valueOf(20_000_000 + RELAY_STAFF))),
                Notification.class);
        long start = System.nanoTime();
        int digests = relay.compose(today);
        long composeMs = (System.nanoTime() - start) / 1_000_000;
        start = System.nanoTime();
        int sent = relay.sendDue();
        long sendMs = (System.nanoTime() - start) / 1_000_000;
        System.out.printf(
                "reminder figures: %,d staff x %d modules; %,d notifications decided for %,d people; "
                        + "first run of the day %s ms, again the same day %s ms; %,d digests composed in %,d ms; "
                        + "%,d sent to GreenMail in %,d ms (%,.0f messages/s)%n",
                STAFF,
                MODULES,
                run.decided(),
                run.people(),
                first,
                again,
                digests,
                composeMs,
                sent,
                sendMs,
                sent * 1000.0 / Math.max(1, sendMs));
    }

    private void clearNotifications() {
        mongo.remove(new Query(), Notification.class);
        mongo.remove(new Query(), Digest.class);
    }

    private void seed(LocalDate today) {
        mongo.remove(new Query(), StaffMember.class);
        mongo.remove(new Query(), Preferences.class);
        PublishedModules.clear(mongo);
        for (int m = 1; m <= MODULES; m++) {
            PublishedModules.publish(mongo, module(String.format("BM-%03d", m)), "sha256:abc");
        }
        Random random = new Random(42);
        Instant now = Instant.now();
        List<Document> staff = new ArrayList<>();
        for (int i = 0; i < STAFF; i++) {
            String number = String.valueOf(20_000_000 + i);
            Document standings = new Document();
            for (int m = 1; m <= MODULES; m++) {
                if (random.nextInt(10) == 0) {
                    continue; // never taken
                }
                Instant expires = now.plus(random.nextInt(500) - 100, ChronoUnit.DAYS);
                standings.append(
                        String.format("BM-%03d", m),
                        new Document("moduleVersion", 1)
                                .append("policyVersion", "1.0")
                                .append("policyMajor", 1)
                                .append("completedAt", expires.minus(365, ChronoUnit.DAYS))
                                .append("expiresAt", expires)
                                .append("certificateId", "c-" + number + "-" + m));
            }
            String manager = i < 100 ? null : String.valueOf(20_000_000 + i % 100);
            staff.add(new Document("_id", number)
                    .append("name", "Person " + i)
                    .append("workEmail", "p" + i + "@trust.example.nhs.uk")
                    .append("department", "Department " + (i % 40))
                    .append("staffGroup", "Nursing")
                    .append("active", true)
                    .append("createdAt", now.minus(800, ChronoUnit.DAYS))
                    .append("managers", manager == null ? List.of() : List.of(manager))
                    .append("standings", standings));
            if (staff.size() == 1000) {
                mongo.insert(staff, "staff");
                staff.clear();
            }
        }
        if (!staff.isEmpty()) {
            mongo.insert(staff, "staff");
        }
    }

    private static TrainingModule module(String code) {
        Question question = new Question(
                "q1",
                "?",
                Question.Type.SINGLE_CHOICE,
                List.of(new Question.Option("a", "A"), new Question.Option("b", "B")),
                java.util.Set.of("b"));
        return TrainingModule.draft(
                new ModuleRequest(
                        code,
                        1,
                        "Module " + code,
                        List.of(new ModuleRequest.Section("h", "t")),
                        "SM-001",
                        "1.0",
                        List.of(question),
                        80,
                        "P1Y",
                        List.of(),
                        List.of()),
                "gov");
    }
}
