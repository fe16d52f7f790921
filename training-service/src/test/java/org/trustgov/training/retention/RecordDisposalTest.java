package org.trustgov.training.retention;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Set;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.trustgov.auditclient.access.AccessLog;
import org.trustgov.auditclient.access.AccessRecord;
import org.trustgov.auditclient.access.RelayedAccessRecords;
import org.trustgov.keycloak.Caller;
import org.trustgov.keycloak.test.TestTokens;
import org.trustgov.test.IntegrationTest;

/**
 * training-service's part in disposal: a leaver whose training record and roster record reached the end of their
 * retention is found, and destroying both leaves no collection of the service holding their staff number, e-mail or
 * name (every document of every collection is searched), while the colleague they managed keeps their own record.
 * Only audit-service's disposal job may ask.
 */
@IntegrationTest
class RecordDisposalTest {

    static final String LEAVER = "19990001";
    static final String COLLEAGUE = "19990002";
    /** Still employed, with nothing completed since 2013: their training record is listed all the same. */
    static final String STILL_HERE = "19990004";

    static final String DISPOSAL_JOB = TestTokens.serviceAccount("audit-service", "service");

    @LocalServerPort
    int port;

    @Autowired
    MongoTemplate mongo;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void aLeaversRecordsAreFoundAndEveryCopyIsDestroyed() throws Exception {
        seed();
        String trainingRecords = get("/api/training/retention/records?recordClass=training-record"
                        + "&startsAt=completion-recorded&before=2016-01-01T00:00:00Z&limit=1000")
                .body();
        assertThat(trainingRecords)
                .contains("\"reference\":\"" + LEAVER + "\"")
                .contains("\"startedAt\":\"2014-06-30T09:00:00Z\"")
                .as("the list says whose record belongs to someone still employed")
                .contains("\"people\":[\"" + LEAVER + "\"],\"stillEmployed\":false")
                .contains("\"people\":[\"" + STILL_HERE + "\"],\"stillEmployed\":true");
        assertThat(get("/api/training/retention/records?recordClass=training-record"
                                + "&startsAt=completion-recorded&before=2014-06-01T00:00:00Z&limit=1000")
                        .body())
                .as("the latest completion counts, not the first")
                .doesNotContain(LEAVER);
        assertThat(get("/api/training/retention/records?recordClass=staff-record&startsAt=staff-member-left"
                                + "&before=2016-01-01T00:00:00Z&limit=1000")
                        .body())
                .contains("\"reference\":\"" + LEAVER + "\"")
                .doesNotContain(COLLEAGUE);

        // One record's own view, for its page: the latest completion; the day they left; a colleague still here.
        assertThat(get("/api/training/retention/records/training-record/" + LEAVER + "?startsAt=completion-recorded")
                        .body())
                .contains("\"startedAt\":\"2014-06-30T09:00:00Z\"")
                .contains("\"stillEmployed\":false");
        assertThat(get("/api/training/retention/records/training-record/" + STILL_HERE
                                + "?startsAt=completion-recorded")
                        .body())
                .contains("\"startedAt\":\"2013-02-01T09:00:00Z\"")
                .contains("\"stillEmployed\":true");
        assertThat(get("/api/training/retention/records/staff-record/" + LEAVER + "?startsAt=staff-member-left")
                        .body())
                .contains("\"startedAt\":\"2015-01-31T00:00:00Z\"");
        HttpResponse<String> stillHere =
                get("/api/training/retention/records/staff-record/" + COLLEAGUE + "?startsAt=staff-member-left");
        assertThat(stillHere.statusCode()).isEqualTo(200);
        assertThat(stillHere.body()).as("retention not started").contains("\"startedAt\":null");
        assertThat(get("/api/training/retention/records/training-record/" + COLLEAGUE + "?startsAt=completion-recorded")
                        .statusCode())
                .as("no attempt: no training record")
                .isEqualTo(404);

        // A list under review asks again who is still employed now: the active ones asked, in the order asked,
        // not the leaver, nor a number the roster does not have.
        HttpResponse<String> employment = askEmployment(
                "{\"staffNumbers\":[\"" + STILL_HERE + "\",\"" + LEAVER + "\",\"19990099\",\"" + COLLEAGUE + "\",\""
                        + STILL_HERE + "\"]}",
                DISPOSAL_JOB);
        assertThat(employment.statusCode()).as(employment.body()).isEqualTo(200);
        assertThat(employment.body()).isEqualTo("{\"stillEmployed\":[\"" + STILL_HERE + "\",\"" + COLLEAGUE + "\"]}");

        // Reads on their way to audit-service: one waiting in the relay's outbox about the leaver and one of theirs
        // about a colleague, and HR's read of the roster record just now, still queued in memory.
        relay.take("waiting", List.of(read("staff:19990009", LEAVER), read("staff:" + LEAVER, COLLEAGUE)));
        accessLog.read(
                new Caller("s", "service-account-hr-system", null, null, Set.of("hr-integration"), "hr-system", true),
                AccessRecord.What.STAFF_RECORD,
                LEAVER,
                LEAVER);

        assertThat(destroy("training-record", LEAVER, DISPOSAL_JOB).statusCode())
                .isEqualTo(204);
        assertThat(destroy("staff-record", LEAVER, DISPOSAL_JOB).statusCode()).isEqualTo(204);
        assertThat(destroy("staff-record", LEAVER, DISPOSAL_JOB).statusCode())
                .as("idempotent")
                .isEqualTo(204);

        String everything = everyDocument();
        assertThat(everything)
                .doesNotContain(LEAVER)
                .doesNotContain("leaver@nhs.example")
                .doesNotContain("Lee Leaver");
        assertThat(everything).as("the colleague keeps their record").contains(COLLEAGUE);
        assertThat(everything)
                .as("the leaver's read of the colleague's record still goes to audit-service, by no one named")
                .contains("[destroyed]");
    }

    @Autowired
    RelayedAccessRecords relay;

    @Autowired
    AccessLog accessLog;

    private static AccessRecord read(String viewer, String subject) {
        return new AccessRecord(
                java.util.UUID.randomUUID().toString(),
                Instant.now(),
                viewer,
                "governance",
                "Acute Medicine",
                AccessRecord.What.STAFF_RECORD,
                subject,
                subject,
                AccessRecord.Route.API,
                AccessRecord.Outcome.READ,
                "training-service");
    }

    @Test
    void onlyTheDisposalJobMayAskAndBadValuesAreRefused() throws Exception {
        String hr = TestTokens.serviceAccount("hr-system", "hr-integration");
        String policyService = TestTokens.serviceAccount("policy-service", "service");
        assertThat(destroy("staff-record", LEAVER, hr).statusCode()).isEqualTo(403);
        assertThat(destroy("staff-record", LEAVER, policyService).statusCode()).isEqualTo(403);
        assertThat(http.send(
                                java.net.http.HttpRequest.newBuilder(URI.create("http://localhost:" + port
                                                + "/api/training/retention/records/staff-record/" + LEAVER
                                                + "?startsAt=staff-member-left"))
                                        .header("Authorization", "Bearer " + hr)
                                        .build(),
                                HttpResponse.BodyHandlers.ofString())
                        .statusCode())
                .isEqualTo(403);
        assertThat(askEmployment("{\"staffNumbers\":[\"" + LEAVER + "\"]}", hr).statusCode())
                .as("who is employed is asked by the disposal job only")
                .isEqualTo(403);
        HttpResponse<String> badNumber = askEmployment("{\"staffNumbers\":[\"1999000x\"]}", DISPOSAL_JOB);
        assertThat(badNumber.statusCode()).isEqualTo(400);
        assertThat(badNumber.body()).contains("staffNumbers[0]");
        String tooMany = java.util.stream.IntStream.range(0, 1001)
                .mapToObj(i -> "\"" + (20000000 + i) + "\"")
                .collect(java.util.stream.Collectors.joining(",", "{\"staffNumbers\":[", "]}"));
        HttpResponse<String> overLimit = askEmployment(tooMany, DISPOSAL_JOB);
        assertThat(overLimit.statusCode()).isEqualTo(400);
        assertThat(overLimit.body()).contains("staffNumbers");
        HttpResponse<String> badClass = destroy("tweets", LEAVER, DISPOSAL_JOB);
        assertThat(badClass.statusCode()).isEqualTo(400);
        assertThat(badClass.body()).contains("recordClass");
        HttpResponse<String> badEvent = get("/api/training/retention/records?recordClass=staff-record"
                + "&startsAt=completion-recorded&before=2016-01-01T00:00:00Z");
        assertThat(badEvent.statusCode()).isEqualTo(400);
        assertThat(badEvent.body()).contains("startsAt");
        HttpResponse<String> farFuture = get("/api/training/retention/records?recordClass=staff-record"
                + "&startsAt=staff-member-left&before=%2B1000000000-12-31T23:59:59Z");
        assertThat(farFuture.statusCode()).as(farFuture.body()).isEqualTo(400);
        assertThat(farFuture.body()).contains("before");
    }

    private void seed() {
        mongo.getCollection("staff")
                .insertOne(new Document("_id", LEAVER)
                        .append("name", "Lee Leaver")
                        .append("workEmail", "leaver@nhs.example")
                        .append("department", "Acute Medicine")
                        .append("active", false)
                        .append(
                                "leavingDate",
                                new Date(Instant.parse("2015-01-31T00:00:00Z").toEpochMilli()))
                        .append(
                                "standings",
                                new Document("SMT-1", new Document("completedAt", date("2014-06-30T09:00:00Z")))));
        mongo.getCollection("staff")
                .insertOne(new Document("_id", COLLEAGUE)
                        .append("name", "Cal Colleague")
                        .append("department", "Acute Medicine")
                        .append("active", true)
                        .append("lineManagerStaffNumber", LEAVER)
                        .append("managers", List.of(LEAVER, "19990003")));
        mongo.getCollection("staff")
                .insertOne(new Document("_id", STILL_HERE)
                        .append("name", "Sol Stillhere")
                        .append("department", "Acute Medicine")
                        .append("active", true));
        mongo.getCollection("attempts")
                .insertOne(new Document("_id", STILL_HERE + "2013")
                        .append("staffNumber", STILL_HERE)
                        .append("passed", true)
                        .append("certificateId", "CERT-" + STILL_HERE)
                        .append("completion", new Document("completedAt", date("2013-02-01T09:00:00Z"))));
        for (String at : List.of("2013-05-01T09:00:00Z", "2014-06-30T09:00:00Z")) {
            mongo.getCollection("attempts")
                    .insertOne(new Document("_id", LEAVER + at)
                            .append("staffNumber", LEAVER)
                            .append("passed", true)
                            .append("certificateId", "CERT-" + LEAVER + at)
                            .append("completion", new Document("completedAt", date(at))));
        }
        mongo.getCollection("notifications")
                .insertOne(new Document("_id", LEAVER + "|OVERDUE|SMT-1|2015-01-01").append("staffNumber", LEAVER));
        mongo.getCollection("notification_digests")
                .insertOne(new Document("_id", LEAVER + "|2015-01-01")
                        .append("staffNumber", LEAVER)
                        .append("address", "leaver@nhs.example"));
        mongo.getCollection("notification_preferences").insertOne(new Document("_id", LEAVER));
        mongo.getCollection("unsubscribe_links_used")
                .insertOne(new Document("_id", "n1").append("staffNumber", LEAVER));
        mongo.getCollection("outbox")
                .insertOne(new Document("_id", "e-" + LEAVER)
                        .append(
                                "event",
                                new Document("actor", "staff:" + LEAVER)
                                        .append("action", "training.completion.recorded")
                                        .append("details", new Document("staffNumber", LEAVER))));
    }

    private String everyDocument() {
        List<String> all = new ArrayList<>();
        for (String collection : mongo.getCollectionNames()) {
            mongo.getCollection(collection).find().forEach(d -> all.add(collection + " " + d.toJson()));
        }
        return String.join("\n", all);
    }

    private static Date date(String instant) {
        return new Date(Instant.parse(instant).toEpochMilli());
    }

    private HttpResponse<String> get(String path) throws Exception {
        return get(path, DISPOSAL_JOB);
    }

    private HttpResponse<String> get(String path, String token) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                        .header("Authorization", "Bearer " + token)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> askEmployment(String body, String token) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/training/retention/employment"))
                        .header("Authorization", "Bearer " + token)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> destroy(String recordClass, String staffNumber, String token) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/training/retention/records/"
                                + recordClass + "/" + staffNumber))
                        .header("Authorization", "Bearer " + token)
                        .DELETE()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
