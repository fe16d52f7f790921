package org.trustgov.training.reminders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.trustgov.keycloak.test.TestTokens;
import org.trustgov.test.IntegrationTest;
import org.trustgov.test.OtherServices;
import org.trustgov.training.attempts.ScoringAndStatusTest;
import org.trustgov.training.modules.PublishedModules;
import org.trustgov.training.roster.StaffMember;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reminders through a real SMTP server (GreenMail, in the test): what is decided, what arrives (recipients, subject,
 * both parts, the link, the unsubscribe headers only where something is optional), nothing twice whatever is
 * repeated, stopped or run at the same time, and the person's own list.
 */
@IntegrationTest
@ExtendWith(OutputCaptureExtension.class)
class RemindersTest {

    @RegisterExtension
    static final GreenMailExtension SMTP =
            new GreenMailExtension(new ServerSetup(3925, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));

    static final String NURSE = TestTokens.person("alex.nurse", "10000001", "Acute Medicine", "staff");
    static final String MANAGER = TestTokens.person("chris.manager", "10000005", "Acute Medicine", "staff");
    static final String HR = TestTokens.serviceAccount("hr-system", "hr-integration");
    static final String GOVERNANCE =
            TestTokens.person("morgan.governance", "10000004", "Clinical Governance", "staff", "governance");
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final String NURSE_MAIL = "alex.carter@trust.example.nhs.uk";

    @LocalServerPort
    int port;

    @Autowired
    MongoTemplate mongo;

    @Autowired
    ReminderDecisions decisions;

    @Autowired
    DigestRelay relay;

    private final HttpClient http = HttpClient.newHttpClient();
    private LocalDate today;

    @BeforeEach
    void aNurseAndHerManagerAndOneModule() throws Exception {
        for (String collection :
                List.of("notifications", "notification_digests", "notification_preferences", UnsubscribeTokens.USED)) {
            mongo.remove(new Query(), collection);
        }
        mongo.remove(new Query(), StaffMember.class);
        PublishedModules.clear(mongo);
        PublishedModules.publish(mongo, ScoringAndStatusTest.module(80, List.of(), List.of()), "sha256:abc");
        roster(
                "10000001,Alex Carter,Acute Medicine,Nursing," + NURSE_MAIL + ",10000005",
                "10000005,Chris Morgan,Acute Medicine,Nursing,chris.morgan@trust.example.nhs.uk,");
        today = LocalDate.now(ZoneOffset.UTC);
        acknowledgedBy(); // no policy in force unless a test says so
        casesAsk("[]"); // and no case asks anything
        policySideAsks("[]");
    }

    private void policySideAsks(String items) {
        OtherServices.wireMock()
                .stubFor(com.github.tomakehurst.wiremock.client.WireMock.get("/api/policy/attention")
                        .willReturn(com.github.tomakehurst.wiremock.client.WireMock.okJson(items)));
    }

    @Test
    void aConsultationReachesEveryoneAnAnswerItsAuthorAndAReviewItsAuthorAndGovernance() throws Exception {
        policySideAsks("[{\"audience\":\"EVERYONE\",\"kind\":\"CONSULTATION_OPENED\",\"subject\":\"SM-003/2.0\","
                + "\"title\":\"Online conduct (version 2.0)\",\"since\":\"" + today + "\"},"
                + "{\"audience\":\"PERSON\",\"staffNumber\":\"10000001\",\"kind\":\"COMMENT_ANSWERED\",\"subject\":\"c-1\","
                + "\"title\":\"Online conduct (version 2.0)\",\"since\":\"" + today + "\","
                + "\"policyVersion\":\"SM-003/2.0\"},"
                + "{\"audience\":\"GOVERNANCE\",\"kind\":\"REVIEW_DUE\",\"subject\":\"SM-001\","
                + "\"title\":\"Social media (version 1.0)\",\"dueOn\":\"" + today.plusDays(20) + "\"},"
                + "{\"audience\":\"PERSON\",\"staffNumber\":\"10000005\",\"kind\":\"REVIEW_DUE\",\"subject\":\"SM-001\","
                + "\"title\":\"Social media (version 1.0)\",\"dueOn\":\"" + today.plusDays(20) + "\"}]");
        decisions.decide(today);
        assertThat(mongo.find(query(where("staffNumber").is("governance")), Notification.class))
                .as("governance's notice")
                .singleElement()
                .extracting(Notification::state)
                .isEqualTo(Notification.State.PENDING);
        relay.relay();
        assertThat(mongo.find(query(where("staffNumber").is("governance")), Digest.class))
                .as("governance's digest")
                .singleElement()
                .satisfies(d -> assertThat(d.state()).as(String.valueOf(d)).isEqualTo(Digest.State.SENT));
        String nurse = part(to(SMTP.getReceivedMessages(), NURSE_MAIL), "text/plain");
        assertThat(nurse)
                .contains("Online conduct (version 2.0): open for your comments")
                .contains("Online conduct (version 2.0): your comment has been answered");
        String manager = part(to(SMTP.getReceivedMessages(), "chris.morgan@trust.example.nhs.uk"), "text/plain");
        assertThat(manager)
                .contains("Online conduct (version 2.0): open for your comments")
                .contains("Social media (version 1.0): review due by");
        MimeMessage governance = to(SMTP.getReceivedMessages(), "governance@trust.example.nhs.uk");
        assertThat(part(governance, "text/plain"))
                .contains("Dear clinical governance team")
                .contains("Social media (version 1.0): review due by");
        assertThat(governance.getHeader("List-Unsubscribe"))
                .as("reviews are mandatory")
                .isNull();
        // on her start page each opens where it is settled: the consultation the comment was made in, her training
        JsonNode nurseList = json(get("/api/training/my/notifications", NURSE)).get("items");
        assertThat(nurseList.findValuesAsString("reason"))
                .containsExactlyInAnyOrder(
                        "policy.consultation-opened", "policy.comment-answered", "training.assigned");
        assertThat(nurseList.findValuesAsString("page"))
                .containsExactlyInAnyOrder(
                        "/consultation.html?code=SM-003&version=2.0",
                        "/consultation.html?code=SM-003&version=2.0",
                        "/training.html");
        assertThat(json(get("/api/training/my/notifications", MANAGER))
                        .get("items")
                        .findValuesAsString("page"))
                .contains("/policy.html?code=SM-001");
        assertThat(decisions.decide(today.plusDays(1)).decided())
                .as("told once")
                .isZero();
        assertThat(decisions.decide(today.plusDays(21)).decided())
                .as("the review overdue: its author and governance")
                .isEqualTo(2);
    }

    private void casesAsk(String items) {
        OtherServices.wireMock()
                .stubFor(com.github.tomakehurst.wiremock.client.WireMock.get("/api/audit/incidents/attention")
                        .willReturn(com.github.tomakehurst.wiremock.client.WireMock.okJson(items)));
    }

    @Test
    void whatACaseAsksOfSomeoneIsToldWithoutAnythingOfTheCase() throws Exception {
        casesAsk("[{\"staffNumber\":\"10000005\",\"kind\":\"INVESTIGATOR_ASSIGNED\",\"caseKey\":\"9f2c1a\"},"
                + "{\"staffNumber\":\"10000005\",\"kind\":\"ACTION_ASSIGNED\",\"caseKey\":\"77ab01\","
                + "\"since\":\"" + today.minusDays(10) + "\",\"dueOn\":\"" + today.minusDays(1) + "\"},"
                + "{\"staffNumber\":\"10000001\",\"kind\":\"OUTCOME_DECIDED\",\"caseKey\":\"9f2c1a\",\"since\":\""
                + today + "\"}]");
        decisions.decide(today);
        relay.relay();
        String manager = part(to(SMTP.getReceivedMessages(), "chris.morgan@trust.example.nhs.uk"), "text/plain");
        assertThat(manager)
                .contains("A case has been assigned to you to investigate")
                .contains("An action of yours on a case is overdue")
                .doesNotContain("9f2c1a")
                .doesNotContain("77ab01")
                .doesNotContain("SMB-");
        assertThat(part(to(SMTP.getReceivedMessages(), NURSE_MAIL), "text/plain"))
                .contains("A decision has been recorded on a case that concerns you");
        // nor do the links: to the to-do list, and to the records about her
        assertThat(part(to(SMTP.getReceivedMessages(), "chris.morgan@trust.example.nhs.uk"), "text/html"))
                .contains("href=\"https://trust.example.nhs.uk/#todo\">A case has been assigned to you to investigate")
                .doesNotContain("9f2c1a")
                .doesNotContain("77ab01");
        assertThat(part(to(SMTP.getReceivedMessages(), NURSE_MAIL), "text/html"))
                .contains("href=\"https://trust.example.nhs.uk/my-records.html\">A decision has been recorded")
                .doesNotContain("9f2c1a");
        assertThat(decisions.decide(today.plusDays(1)).decided())
                .as("told once")
                .isZero();

        // audit-service down: the day's run still decides the training reminders
        OtherServices.wireMock()
                .stubFor(com.github.tomakehurst.wiremock.client.WireMock.get("/api/audit/incidents/attention")
                        .willReturn(com.github.tomakehurst.wiremock.client.WireMock.serverError()));
        assertThat(decisions.decide(today.plusDays(23)).decided()).isGreaterThan(0);
    }

    @Test
    void aCaseWaitingOnALeaverIsToldToGovernanceOnceWithoutTheCaseOrThePerson() throws Exception {
        casesAsk("[{\"staffNumber\":\"10000005\",\"kind\":\"INVESTIGATOR_ASSIGNED\",\"caseKey\":\"9f2c1a\"},"
                + "{\"staffNumber\":\"10000005\",\"kind\":\"ACTION_ASSIGNED\",\"caseKey\":\"77ab01\","
                + "\"since\":\"" + today.minusDays(10) + "\",\"dueOn\":\"" + today.plusDays(5) + "\"},"
                + "{\"staffNumber\":\"10000001\",\"kind\":\"ACTION_ASSIGNED\",\"caseKey\":\"5b5b5b\","
                + "\"since\":\"" + today.minusDays(10) + "\",\"dueOn\":\"" + today.plusDays(5) + "\"},"
                + "{\"staffNumber\":\"10000005\",\"kind\":\"OUTCOME_DECIDED\",\"caseKey\":\"c0ffee\",\"since\":\""
                + today + "\"}]");
        decisions.decide(today);
        assertThat(mongo.find(query(where("staffNumber").is("governance")), Notification.class))
                .as("while everyone is on the staff, governance is told nothing")
                .isEmpty();

        // HR marks the manager a leaver: the case he investigates and the action he owns wait on no one.
        mongo.updateFirst(
                query(where("_id").is("10000005")),
                new org.springframework.data.mongodb.core.query.Update().set("active", false),
                StaffMember.class);
        decisions.decide(today);

        assertThat(mongo.find(query(where("staffNumber").is("governance")), Notification.class))
                .as("his investigation and his action; not the nurse's action, nor an outcome he was told of")
                .extracting(Notification::reason, Notification::subject)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple(Reason.CASE_HELD_BY_LEAVER, "leaver/9f2c1a"),
                        org.assertj.core.groups.Tuple.tuple(Reason.CASE_HELD_BY_LEAVER, "leaver/77ab01"));
        relay.relay();
        assertThat(part(to(SMTP.getReceivedMessages(), "governance@trust.example.nhs.uk"), "text/plain"))
                .contains("An open case waits on someone HR's roster now has as a leaver")
                .contains("show only the cases waiting on someone who has left")
                .doesNotContain("9f2c1a")
                .doesNotContain("77ab01")
                .doesNotContain("10000005")
                .doesNotContain("Chris");
        assertThat(decisions.decide(today.plusDays(2)).decided())
                .as("told once")
                .isZero();
    }

    /**
     * A signal reaches the governance mailbox once, saying nothing of the cluster; a targeted refresher on a module
     * the nurse completed months ago brings her due date forward with an assignment notice that says nothing of why.
     */
    @Test
    void aSignalReachesGovernanceAndATargetedRefresherIsAnAssignmentWithItsOwnDueDate() throws Exception {
        casesAsk("[{\"kind\":\"SIGNAL_RAISED\",\"caseKey\":\"5e1a77\",\"since\":\"" + today.minusDays(20) + "\"}]");
        java.time.Instant now = java.time.Instant.now();
        mongo.updateFirst(
                query(where("_id").is("10000001")),
                new org.springframework.data.mongodb.core.query.Update()
                        .set(
                                "standings.SMT-01",
                                new org.trustgov.training.roster.Standing(
                                        1,
                                        "1.0",
                                        1,
                                        now.minus(Duration.ofDays(100)),
                                        now.plus(Duration.ofDays(265)),
                                        "CERT-1"))
                        .set(
                                "refreshers.SMT-01",
                                new org.trustgov.training.roster.RefresherDue(
                                        "TR-1",
                                        now,
                                        today.plusDays(15)
                                                .atStartOfDay(ZoneOffset.UTC)
                                                .toInstant())),
                StaffMember.class);

        decisions.decide(today);
        assertThat(mongo.find(query(where("staffNumber").is("governance")), Notification.class))
                .singleElement()
                .extracting(Notification::reason)
                .isEqualTo(Reason.SIGNAL_RAISED);
        assertThat(mongo.find(query(where("staffNumber").is("10000001")), Notification.class))
                .singleElement()
                .satisfies(n -> {
                    assertThat(n.reason()).isEqualTo(Reason.ASSIGNED);
                    assertThat(n.dueDate()).as("the refresher's due day").isEqualTo(today.plusDays(14));
                });
        relay.relay();
        assertThat(part(to(SMTP.getReceivedMessages(), "governance@trust.example.nhs.uk"), "text/plain"))
                .contains("see the signals on the reports page")
                .doesNotContain("5e1a77");
        assertThat(part(to(SMTP.getReceivedMessages(), NURSE_MAIL), "text/plain"))
                .contains("Social media: assigned to you, to complete by")
                .doesNotContain("TR-1")
                .doesNotContain("signal")
                .doesNotContain("incident");
        assertThat(decisions.decide(today.plusDays(1)).decided())
                .as("told once")
                .isZero();
    }

    /** policy-service's answer: SM-002 version 2.0 in force since today, acknowledged by these staff. */
    private void acknowledgedBy(String... staffNumbers) {
        String body = staffNumbers.length == 0 && !policyInForce
                ? "[]"
                : "[{\"policyCode\":\"SM-002\",\"title\":\"Staff use of social media\",\"version\":\"2.0\",\"major\":2,"
                        + "\"majorSince\":\""
                        + today.atStartOfDay(ZoneOffset.UTC).toInstant() + "\",\"acknowledgedBy\":["
                        + String.join(
                                ",",
                                java.util.Arrays.stream(staffNumbers)
                                        .map(n -> "\"" + n + "\"")
                                        .toList())
                        + "]}]";
        OtherServices.wireMock()
                .stubFor(com.github.tomakehurst.wiremock.client.WireMock.get("/api/policy/attestations/in-force")
                        .willReturn(com.github.tomakehurst.wiremock.client.WireMock.okJson(body)));
    }

    private boolean policyInForce;

    @Test
    void aNewMajorVersionIsToBeAcknowledgedAndOnceAcknowledgedNothingMoreIsSaid() throws Exception {
        policyInForce = true;
        acknowledgedBy("10000005"); // the manager has acknowledged, the nurse has not
        decisions.decide(today);
        relay.relay();
        MimeMessage toNurse = to(SMTP.getReceivedMessages(), NURSE_MAIL);
        assertThat(part(toNurse, "text/plain"))
                .contains("Staff use of social media (version 2.0): please read it and acknowledge it by");
        assertThat(part(to(SMTP.getReceivedMessages(), "chris.morgan@trust.example.nhs.uk"), "text/plain"))
                .doesNotContain("Staff use of social media");

        acknowledgedBy("10000005", "10000001"); // she acknowledges
        for (int day = 1; day <= 40; day++) {
            decisions.decide(today.plusDays(day));
        }
        assertThat(mongo.count(
                        query(where("staffNumber").is("10000001").and("subject").is("SM-002/2")), Notification.class))
                .as("nothing more about it once acknowledged")
                .isEqualTo(1);
        assertThat(mongo.count(query(where("reason").is(Reason.ACKNOWLEDGEMENT_OVERDUE)), Notification.class))
                .isZero();
    }

    @Test
    void eachNoticeIsMarkedReadByTheIdItsListGivesEvenOneWhoseSubjectHoldsASlash() throws Exception {
        policyInForce = true;
        acknowledgedBy(); // nobody has acknowledged SM-002 version 2.0
        decisions.decide(today);
        JsonNode list = json(get("/api/training/my/notifications", NURSE));
        assertThat(list.get("unread").asInt()).as("her module and the policy").isEqualTo(2);
        String acknowledgement = idOf(list, "policy.acknowledgement-owed");
        assertThat(acknowledgement).as("safe in a path").matches("[A-Za-z0-9_-]+");

        assertThat(send("POST", "/api/training/my/notifications/" + acknowledgement + "/read", MANAGER, null)
                        .statusCode())
                .as("not his")
                .isEqualTo(404);
        // its stored id holds SM-002/2: named by it, the path was refused (400) before the id was made path-safe
        assertThat(send("POST", "/api/training/my/notifications/" + acknowledgement + "/read", NURSE, null)
                        .statusCode())
                .isEqualTo(204);
        list = json(get("/api/training/my/notifications", NURSE));
        assertThat(list.get("unread").asInt()).isEqualTo(1);
        assertThat(itemOf(list, "policy.acknowledgement-owed").get("read").asBoolean())
                .isTrue();

        // the stored id, as the API named a notice before, still marks one whose subject holds no slash
        String stored = mongo.findOne(
                        query(where("staffNumber").is("10000001").and("reason").is(Reason.ASSIGNED)),
                        Notification.class)
                .id();
        assertThat(send(
                                "POST",
                                "/api/training/my/notifications/"
                                        + java.net.URLEncoder.encode(stored, java.nio.charset.StandardCharsets.UTF_8)
                                        + "/read",
                                NURSE,
                                null)
                        .statusCode())
                .isEqualTo(204);
        assertThat(json(get("/api/training/my/notifications", NURSE))
                        .get("unread")
                        .asInt())
                .isZero();

        for (String noSuch : List.of("not-base64!", "AAAA", "x".repeat(200))) {
            HttpResponse<String> refused =
                    send("POST", "/api/training/my/notifications/" + noSuch + "/read", NURSE, null);
            assertThat(refused.statusCode()).as(refused.body()).isEqualTo(404);
            assertThat(refused.body()).contains("\"status\":404");
        }
        HttpResponse<String> tooLong =
                send("POST", "/api/training/my/notifications/" + "x".repeat(201) + "/read", NURSE, null);
        assertThat(tooLong.statusCode()).as("longer than any id").isEqualTo(400);
        assertThat(tooLong.body()).contains("\"status\":400");
    }

    private static JsonNode itemOf(JsonNode list, String reason) {
        for (JsonNode item : list.get("items")) {
            if (item.get("reason").asString().equals(reason)) {
                return item;
            }
        }
        throw new AssertionError("no " + reason + " in " + list);
    }

    private static String idOf(JsonNode list, String reason) {
        return itemOf(list, reason).get("id").asString();
    }

    @Test
    void anAssignedModuleArrivesOnceInAMessageWithBothPartsAndTheLinkAndNoUnsubscribe() throws Exception {
        assertThat(decisions.decide(today).decided()).isEqualTo(2); // the nurse and her manager: one each
        assertThat(relay.relay()).isEqualTo(2);

        MimeMessage[] received = SMTP.getReceivedMessages();
        assertThat(received).hasSize(2);
        MimeMessage toNurse = to(received, NURSE_MAIL);
        assertThat(toNurse.getSubject()).isEqualTo("A training module has been assigned to you");
        assertThat(toNurse.getFrom()[0].toString()).isEqualTo("training@trust.example.nhs.uk");
        String text = part(toNurse, "text/plain");
        String html = part(toNurse, "text/html");
        String due = today.plusDays(30)
                .format(java.time.format.DateTimeFormatter.ofPattern("d MMMM yyyy", java.util.Locale.UK));
        assertThat(text)
                .contains("Dear Alex Carter")
                .contains("Social media: assigned to you, to complete by " + due)
                .contains("https://trust.example.nhs.uk/")
                .contains(ReminderMail.MANDATORY_NOTE);
        assertThat(html)
                .as("the line opens the page that settles it")
                .contains("<li><a href=\"https://trust.example.nhs.uk/training.html\">Social media: assigned to you, to"
                        + " complete by " + due + "</a></li>");
        assertThat(html).contains("href=\"https://trust.example.nhs.uk/\"");
        assertThat(toNurse.getHeader("List-Unsubscribe"))
                .as("mandatory only: nothing to unsubscribe from")
                .isNull();

        // deciding and relaying again the same day, and the next, adds nothing: no second message
        assertThat(decisions.decide(today).decided()).isZero();
        assertThat(decisions.decide(today.plusDays(1)).decided()).isZero();
        assertThat(relay.relay()).isZero();
        assertThat(SMTP.getReceivedMessages()).hasSize(2);

        JsonNode list = json(get("/api/training/my/notifications", NURSE));
        assertThat(list.get("unread").asInt()).isEqualTo(1);
        assertThat(list.get("items").get(0).get("reason").asString()).isEqualTo("training.assigned");
        assertThat(list.get("items").get(0).get("mandatory").asBoolean()).isTrue();
    }

    @Test
    void onlyAnAddressThatTakesMailGetsADigestAndTheOthersKeepTheirNoticesInTheirList() throws Exception {
        roster(
                "10000001,Alex Carter,Acute Medicine,Nursing," + NURSE_MAIL + ",10000005",
                "10000005,Chris Morgan,Acute Medicine,Nursing,chris.morgan@trust.example.nhs.uk,",
                "10000011,Nadia Noaddress,Acute Medicine,Nursing,,",
                "10000012,Ben Bounced,Acute Medicine,Nursing,ben.bounced@trust.example.nhs.uk,");
        mongo.updateFirst(
                query(where("_id").is("10000012")),
                new Update().set("bouncingEmail", "ben.bounced@trust.example.nhs.uk"),
                StaffMember.class);
        assertThat(decisions.decide(today).decided()).isEqualTo(4);

        assertThat(relay.compose(today)).as("digests composed").isEqualTo(2);

        assertThat(mongo.findAll(Digest.class).stream().map(Digest::address))
                .containsExactlyInAnyOrder(NURSE_MAIL, "chris.morgan@trust.example.nhs.uk");
        for (String staffNumber : List.of("10000001", "10000005", "10000011", "10000012")) {
            assertThat(mongo.find(query(where("staffNumber").is(staffNumber)), Notification.class))
                    .as(staffNumber)
                    .singleElement()
                    .extracting(Notification::state)
                    .isEqualTo(
                            List.of("10000001", "10000005").contains(staffNumber)
                                    ? Notification.State.QUEUED
                                    : Notification.State.SUPPRESSED);
        }
        String noAddress = TestTokens.person("nadia.noaddress", "10000011", "Acute Medicine", "staff");
        assertThat(json(get("/api/training/my/notifications", noAddress)).get("items"))
                .as("in her list all the same")
                .hasSize(1);
    }

    @Test
    void theRunAnswersOnceTheDayIsDecidedAndTheMessagesAreComposedAndSentInTheBackground() throws Exception {
        CountDownLatch earlierSend = new CountDownLatch(1);
        relay.sendingNow.execute(() -> {
            try {
                earlierSend.await();
            } catch (InterruptedException stopped) {
                Thread.currentThread().interrupt();
            }
        });

        HttpResponse<String> run = send("POST", "/api/training/reminders/run", GOVERNANCE, null);

        assertThat(run.statusCode()).as(run.body()).isEqualTo(200);
        assertThat(json(run).get("decided").asInt()).isEqualTo(2);
        assertThat(mongo.findAll(Digest.class))
                .as("not composed in the call: an earlier round still holds the sending")
                .isEmpty();
        assertThat(SMTP.getReceivedMessages()).as("nor sent").isEmpty();
        earlierSend.countDown();
        await().atMost(Duration.ofSeconds(20)).until(() -> SMTP.getReceivedMessages().length == 2);
        assertThat(mongo.findAll(Digest.class))
                .as("composed, one for each person")
                .hasSize(2);

        assertThat(send("POST", "/api/training/reminders/run", GOVERNANCE, null).statusCode())
                .isEqualTo(200);
        relay.sendingNow.submit(() -> null).get(20, TimeUnit.SECONDS); // what it asked for
        assertThat(SMTP.getReceivedMessages()).as("each message once").hasSize(2);
    }

    @Test
    void dueSoonIsOptionalAndCarriesAOneClickUnsubscribeThatWorksOnceAndCannotBeForged(CapturedOutput output)
            throws Exception {
        decisions.decide(today);
        relay.relay();
        LocalDate weekBefore = today.plusDays(23); // due in 30 days: the 7-day notice begins
        assertThat(decisions.decide(weekBefore).decided()).isEqualTo(2);
        relay.compose(weekBefore);
        relay.sendDue();

        MimeMessage dueSoon = List.of(SMTP.getReceivedMessages()).stream()
                .filter(m -> subject(m).equals("Training due soon"))
                .filter(m -> recipient(m).equals(NURSE_MAIL))
                .findFirst()
                .orElseThrow();
        String header = dueSoon.getHeader("List-Unsubscribe")[0];
        assertThat(header).startsWith("<https://trust.example.nhs.uk/api/training/notifications/unsubscribe?link=");
        assertThat(dueSoon.getHeader("List-Unsubscribe-Post")[0]).isEqualTo("List-Unsubscribe=One-Click");
        String token = header.substring(header.indexOf("link=") + 5, header.length() - 1);

        // One character of the signature changed (to another one: the test once "forged" the link it was given
        // when that character was already the one it wrote, once in 64 runs).
        char signed = token.charAt(token.length() - 2);
        String forged =
                token.substring(0, token.length() - 2) + (signed == 'A' ? 'B' : 'A') + token.charAt(token.length() - 1);
        assertThat(forged).isNotEqualTo(token);
        HttpResponse<String> refused = unsubscribe(forged);
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
        assertThat(refused.body()).contains("link");
        // A form body with bytes that are not UTF-8: Tomcat either leaves that parameter out (the forged link is then
        // refused) or throws, which is a 400 saying so; never a 5xx, and never its stack trace in the log.
        HttpResponse<String> undecodable = unsubscribe(forged, "List-Unsubscribe=One-Click&x=%FF");
        assertThat(undecodable.statusCode()).as(undecodable.body()).isEqualTo(400);
        assertThat(undecodable.body()).containsAnyOf("is not percent-encoded UTF-8 text", "\"field\":\"link\"");
        assertThat(output.getAll()).doesNotContain("InvalidParameterException");
        assertThat(json(get("/api/training/my/notification-preferences", NURSE)).get("unsubscribed"))
                .isEmpty();

        HttpResponse<String> page = http.send(
                HttpRequest.newBuilder(URI.create(base() + "/api/training/notifications/unsubscribe?link=" + token))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("<form method=\"post\"");
        assertThat(json(get("/api/training/my/notification-preferences", NURSE)).get("unsubscribed"))
                .as("opening the link changes nothing")
                .isEmpty();

        HttpResponse<String> done = unsubscribe(token);
        assertThat(done.statusCode()).as(done.body()).isEqualTo(200);
        assertThat(json(get("/api/training/my/notification-preferences", NURSE))
                        .get("unsubscribed")
                        .toString())
                .isEqualTo("[\"DUE_SOON\"]");
        HttpResponse<String> reused = unsubscribe(token);
        assertThat(reused.statusCode()).isEqualTo(409);
        assertThat(reused.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).contains("problem+json"));

        HttpResponse<String> mandatory = send(
                "PUT",
                "/api/training/my/notification-preferences",
                NURSE,
                "{\"digest\":\"DAILY\",\"unsubscribed\":[\"OVERDUE\"]}");
        assertThat(mandatory.statusCode()).isEqualTo(400);
        assertThat(mandatory.body()).contains("unsubscribed").contains("cannot be switched off");
    }

    @Test
    void overdueTrainingIsRemindedWeeklyAndTheManagerGetsTheTeamsCountOnTheSummaryDay() throws Exception {
        decisions.decide(today);
        LocalDate overdue = today.plusDays(31);
        assertThat(decisions.decide(overdue).decided()).isGreaterThanOrEqualTo(2);
        assertThat(decisions.decide(overdue.plusDays(3)).decided())
                .as("the same week")
                .isZero();
        assertThat(decisions.decide(overdue.plusDays(7)).decided())
                .as("a week later")
                .isGreaterThanOrEqualTo(2);

        LocalDate monday = overdue.with(TemporalAdjusters.next(DayOfWeek.MONDAY));
        decisions.decide(monday);
        Notification summary = mongo.findOne(
                query(where("staffNumber").is("10000005").and("reason").is(Reason.TEAM_OVERDUE)), Notification.class);
        assertThat(summary).isNotNull();
        assertThat(summary.detail())
                .isEqualTo("1 person who reports to you, directly or through their managers, has overdue training");
        // (when the overdue day is itself a Monday, as from 2026-12-04, the manager has had more than one summary)
        assertThat(mongo.count(
                        query(where("reason")
                                .is(Reason.TEAM_OVERDUE)
                                .and("staffNumber")
                                .ne("10000005")),
                        Notification.class))
                .as("only managers get it")
                .isZero();
    }

    @Test
    void aStopAfterDecidingOrWhileSendingNeverLosesAMessageNorSendsItTwice() throws Exception {
        decisions.decide(today);
        // stopped after deciding and composing, before sending: the digests wait, READY
        assertThat(relay.compose(today)).isEqualTo(2);
        assertThat(SMTP.getReceivedMessages()).isEmpty();
        // an instance claimed one and stopped before sending: its lease runs out
        mongo.updateFirst(
                query(where("staffNumber").is("10000001")),
                new Update()
                        .set("state", Digest.State.SENDING)
                        .set("nextAttemptAt", Instant.now().minusSeconds(1)),
                Digest.class);
        // the relay is down while sending: the attempt fails, nothing arrives, it waits
        SMTP.stop();
        assertThat(relay.sendDue()).isZero();
        assertThat(mongo.count(query(where("state").is(Digest.State.FAILED)), Digest.class))
                .isEqualTo(2);
        // and once the connection is cut in the middle of the exchange, while the message's data is going out: the
        // server keeps nothing it has not received whole, the digests fail and wait again
        mongo.updateMulti(new Query(), new Update().set("nextAttemptAt", Instant.now()), Digest.class);
        try (CutMidSend cut = new CutMidSend(3925)) {
            assertThat(relay.sendDue()).isZero();
            assertThat(cut.dataStarted())
                    .as("the exchange reached the message's data")
                    .isTrue();
        }
        assertThat(mongo.count(query(where("state").is(Digest.State.FAILED)), Digest.class))
                .isEqualTo(2);
        SMTP.start();
        mongo.updateMulti(new Query(), new Update().set("nextAttemptAt", Instant.now()), Digest.class);
        // after the restart: each message once
        assertThat(relay.relay()).isEqualTo(2);
        assertThat(relay.relay()).isZero();
        assertThat(SMTP.getReceivedMessages()).hasSize(2);
        assertThat(List.of(SMTP.getReceivedMessages()).stream().map(RemindersTest::recipient))
                .containsExactlyInAnyOrder(NURSE_MAIL, "chris.morgan@trust.example.nhs.uk");
    }

    @Test
    void twoInstancesDecidingAndSendingAtOnceSendEachMessageOnce() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Callable<Integer>> both = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                both.add(() -> decisions.decide(today).decided());
            }
            for (Future<Integer> f : pool.invokeAll(both)) {
                f.get();
            }
            assertThat(mongo.count(new Query(), Notification.class))
                    .as("decided once each")
                    .isEqualTo(2);
            List<Callable<Integer>> sends = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                sends.add(relay::relay);
            }
            for (Future<Integer> f : pool.invokeAll(sends)) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        assertThat(SMTP.getReceivedMessages()).hasSize(2);
        assertThat(mongo.count(new Query(), Digest.class)).isEqualTo(2);
    }

    @Test
    void recordsPastTheirKeepingPeriodAreDeletedAndTheRestKept() throws Exception {
        decisions.decide(today);
        relay.relay();
        mongo.updateFirst(
                query(where("staffNumber").is("10000001")),
                new Update().set("decidedAt", Instant.now().minus(401, java.time.temporal.ChronoUnit.DAYS)),
                Notification.class);
        mongo.updateFirst(
                query(where("staffNumber").is("10000001")),
                new Update().set("createdAt", Instant.now().minus(401, java.time.temporal.ChronoUnit.DAYS)),
                Digest.class);

        assertThat(ReminderJobs.deleteOlderThan(mongo, today.minusDays(400))).isEqualTo(2);

        assertThat(mongo.count(query(where("staffNumber").is("10000001")), Notification.class))
                .isZero();
        assertThat(mongo.count(query(where("staffNumber").is("10000005")), Notification.class))
                .isEqualTo(1);
        assertThat(mongo.count(new Query(), Digest.class)).isEqualTo(1);
    }

    @Test
    void aPermanentRefusalIsABounceAndNotTriedAgain() {
        var refusal = new jakarta.mail.SendFailedException(
                "Invalid Addresses",
                new jakarta.mail.SendFailedException("550 5.1.1 <x@trust.example.nhs.uk>: unknown mailbox"));
        assertThat(DigestRelay.permanentRefusal(new org.springframework.mail.MailSendException("failed", refusal)))
                .isTrue();
        assertThat(DigestRelay.permanentRefusal(new org.springframework.mail.MailSendException(
                        "failed", new jakarta.mail.SendFailedException("451 4.3.0 try again later"))))
                .isFalse();
    }

    @Test
    void aFailureIsKeptAndLoggedWithoutTheRecipientsAddress() {
        var busy = new org.springframework.mail.MailSendException(
                java.util.Map.of(
                        "digest",
                        new jakarta.mail.SendFailedException(
                                "Invalid Addresses",
                                new jakarta.mail.SendFailedException(
                                        "451 4.2.0 <alex.nurse@trust.example.nhs.uk>: mailbox busy; cc Priya.Shah+x@nhs.net"))));
        assertThat(busy.getMessage()).as("what the relay's answer says").contains("alex.nurse@trust.example.nhs.uk");
        assertThat(DigestRelay.describe(busy))
                .contains("451 4.2.0 <[address]>: mailbox busy; cc [address]")
                .doesNotContain("@")
                .doesNotContain("alex.nurse")
                .doesNotContain("Priya");
        assertThat(DigestRelay.withoutAddresses("SendFailedException: 550 <sam@trust.example.nhs.uk> unknown"))
                .isEqualTo("SendFailedException: 550 <[address]> unknown");
        var manyRefused = new org.springframework.mail.MailSendException(
                "x".repeat(200_000) + " <alex.nurse@trust.example.nhs.uk> " + "y".repeat(200_000));
        assertThat(DigestRelay.describe(manyRefused))
                .as("a long failure: its start, cut")
                .hasSize(300)
                .doesNotContain("@");
    }

    @Test
    void governancesViewOfDeadLettersShowsWhoAndWhenNeverTheAddress() throws Exception {
        String keptBefore = "MailSendException: 451 4.2.0 <sam.governance@trust.example.nhs.uk>: mailbox busy";
        mongo.insert(new Digest(
                "dead-letter-with-an-address",
                "10000008",
                LocalDate.now(),
                "sam.governance@trust.example.nhs.uk",
                List.of(),
                List.of(),
                Digest.State.DEAD,
                6,
                null,
                null,
                keptBefore,
                Instant.now(),
                null));

        HttpResponse<String> deadLetters = get("/api/training/reminders/dead-letters", GOVERNANCE);

        assertThat(deadLetters.statusCode()).isEqualTo(200);
        assertThat(deadLetters.body())
                .contains("dead-letter-with-an-address", "10000008", "451 4.2.0 <[address]>: mailbox busy")
                .doesNotContain("@");
    }

    /**
     * An SMTP server that answers like one until the message's data starts, then closes the connection: a relay
     * (or this process's link to it) dying mid-send.
     */
    static final class CutMidSend implements AutoCloseable {
        private final java.net.ServerSocket socket;
        private final Thread thread;
        private volatile boolean dataStarted;

        CutMidSend(int port) throws java.io.IOException {
            socket = new java.net.ServerSocket();
            socket.setReuseAddress(true);
            socket.bind(new java.net.InetSocketAddress("127.0.0.1", port));
            thread = new Thread(this::serve, "cut-mid-send");
            thread.setDaemon(true);
            thread.start();
        }

        private void serve() {
            while (!socket.isClosed()) {
                try (java.net.Socket client = socket.accept()) {
                    var in = new java.io.BufferedReader(new java.io.InputStreamReader(
                            client.getInputStream(), java.nio.charset.StandardCharsets.US_ASCII));
                    var out = new java.io.PrintStream(
                            client.getOutputStream(), true, java.nio.charset.StandardCharsets.US_ASCII);
                    out.print("220 cut.example ESMTP\r\n");
                    String line;
                    while ((line = in.readLine()) != null) {
                        String command = line.toUpperCase(java.util.Locale.ROOT);
                        if (command.startsWith("EHLO") || command.startsWith("HELO")) {
                            out.print("250 cut.example\r\n");
                        } else if (command.startsWith("DATA")) {
                            out.print("354 go ahead\r\n");
                            in.readLine(); // the first line of the message, then the connection dies
                            dataStarted = true;
                            break;
                        } else {
                            out.print("250 OK\r\n");
                        }
                    }
                } catch (java.io.IOException closed) {
                    return;
                }
            }
        }

        boolean dataStarted() {
            return dataStarted;
        }

        @Override
        public void close() throws Exception {
            socket.close();
            thread.join(2000);
        }
    }

    private void roster(String... rows) throws Exception {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create(base() + "/api/training/staff"))
                        .header("Authorization", "Bearer " + HR)
                        .header("Content-Type", "text/csv")
                        .POST(HttpRequest.BodyPublishers.ofString(
                                "staffNumber,name,department,staffGroup,workEmail,lineManagerStaffNumber\n"
                                        + String.join("\n", rows) + "\n"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(json(response).get("rejected").size()).as(response.body()).isZero();
    }

    private HttpResponse<String> unsubscribe(String token) throws Exception {
        return unsubscribe(token, "List-Unsubscribe=One-Click");
    }

    private HttpResponse<String> unsubscribe(String token, String form) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create(base() + "/api/training/notifications/unsubscribe?link=" + token))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(form))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path, String token) throws Exception {
        return send("GET", path, token, null);
    }

    private HttpResponse<String> send(String method, String path, String token, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base() + path))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private String base() {
        return "http://localhost:" + port;
    }

    private static JsonNode json(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isLessThan(300);
        return JSON.readTree(response.body());
    }

    private static MimeMessage to(MimeMessage[] messages, String address) {
        return List.of(messages).stream()
                .filter(m -> recipient(m).equals(address))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no message to " + address + " among "
                        + List.of(messages).stream()
                                .map(RemindersTest::recipient)
                                .toList()));
    }

    private static String recipient(MimeMessage message) {
        try {
            return message.getAllRecipients()[0].toString();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String subject(MimeMessage message) {
        try {
            return message.getSubject();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The text of the message's part of this type (multipart/mixed holding multipart/alternative). */
    private static String part(MimeMessage message, String type) throws Exception {
        return find(message.getContent(), type);
    }

    private static String find(Object content, String type) throws Exception {
        if (content instanceof Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                var body = multipart.getBodyPart(i);
                if (body.isMimeType(type)) {
                    return GreenMailUtil.getBody(body).contains("=") && body.getContent() instanceof String s
                            ? s
                            : String.valueOf(body.getContent());
                }
                String inner = find(body.getContent(), type);
                if (inner != null) {
                    return inner;
                }
            }
        }
        return null;
    }
}
