package org.trustgov.training.roster;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.trustgov.keycloak.test.TestTokens;
import org.trustgov.test.IntegrationTest;
import org.trustgov.test.OtherServices;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * HR's roster upload over HTTP on the embedded store: 20,000 rows in one CSV request, sent twice (idempotent),
 * then a mixed upload where bad rows are rejected and the good ones applied. Timings are printed, not asserted.
 */
@IntegrationTest
class RosterUpsertTest {

    private static final String HR = TestTokens.serviceAccount("hr-system", "hr-integration");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    @Autowired
    StaffRepository staff;

    @Autowired
    org.springframework.data.mongodb.core.MongoTemplate mongo;

    @Autowired
    CircuitBreakerRegistry breakers;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void twentyThousandRowsInOneCsvRequestAreUpsertedAndASecondIdenticalUploadChangesNothing() throws Exception {
        staff.deleteAll();
        StringBuilder csv = new StringBuilder(String.join(",", RosterRow.COLUMNS)).append('\n');
        for (int i = 0; i < 20_000; i++) {
            boolean leaver = i % 50 == 0;
            csv.append(20_000_000 + i)
                    .append(",Staff Member ")
                    .append(i)
                    .append(",staff")
                    .append(i)
                    .append("@trust.example.nhs.uk,Department ")
                    .append(i % 20)
                    .append(",Nursing and Midwifery,")
                    .append(i % 3 == 0 ? "NMC,PIN" + i : ",")
                    .append(",")
                    .append(20_000_000 + (i / 10) * 10)
                    .append(leaver ? ",false,2026-10-31" : ",true,")
                    .append('\n');
        }

        long started = System.nanoTime();
        JsonNode first = upload(csv.toString());
        long firstMs = (System.nanoTime() - started) / 1_000_000;
        started = System.nanoTime();
        JsonNode second = upload(csv.toString());
        long secondMs = (System.nanoTime() - started) / 1_000_000;
        started = System.nanoTime();
        HttpResponse<String> headcount = http.send(
                HttpRequest.newBuilder(URI.create(base() + "/headcount"))
                        .header("Authorization", "Bearer " + HR)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        long headcountMs = (System.nanoTime() - started) / 1_000_000;
        System.out.printf(
                "roster figures: 20,000-row CSV upsert %d ms (first), %d ms (identical again); "
                        + "department headcount over it %d ms%n",
                firstMs, secondMs, headcountMs);

        assertThat(first.get("received").asInt()).isEqualTo(20_000);
        assertThat(first.get("inserted").asInt()).isEqualTo(20_000);
        assertThat(first.get("rejected").size()).isZero();
        assertThat(second.get("inserted").asInt()).isZero();
        assertThat(second.get("updated").asInt()).isZero();
        assertThat(second.get("unchanged").asInt()).isEqualTo(20_000);
        assertThat(staff.count()).isEqualTo(20_000);
        JsonNode departments = JSON.readTree(headcount.body());
        assertThat(departments.size()).isEqualTo(20);
        long active = 0;
        for (JsonNode d : departments) {
            active += d.get("active").asLong();
        }
        assertThat(active).as("leavers excluded").isEqualTo(20_000 - 400);
    }

    @Test
    void theRosterHoldsAtMostItsDepartmentsAndAReportListsItsFirstRejectionsWithTheWholeCount() throws Exception {
        staff.deleteAll();
        int beyond = UpsertReport.MAX_REPORTED_REJECTIONS + 500;
        StringBuilder csv = new StringBuilder("staffNumber,name,workEmail,department,staffGroup,active\n");
        for (int i = 0; i < StaffMember.MAX_DEPARTMENTS + beyond; i++) {
            csv.append(30_000_000 + i)
                    .append(",Staff Member ")
                    .append(i)
                    .append(",staff")
                    .append(i)
                    .append("@trust.example.nhs.uk,Ward ")
                    .append(i)
                    .append(",Nursing and Midwifery,true\n");
        }

        JsonNode report = upload(csv.toString());
        HttpResponse<String> headcount = http.send(
                HttpRequest.newBuilder(URI.create(base() + "/headcount"))
                        .header("Authorization", "Bearer " + HR)
                        .build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(report.get("inserted").asInt()).isEqualTo(StaffMember.MAX_DEPARTMENTS);
        assertThat(report.get("rejectedCount").asInt()).isEqualTo(beyond);
        assertThat(report.get("rejected").size()).isEqualTo(UpsertReport.MAX_REPORTED_REJECTIONS);
        assertThat(report.get("rejectedTruncated").asBoolean()).isTrue();
        assertThat(report.get("rejected").get(0).get("row").asInt()).isEqualTo(StaffMember.MAX_DEPARTMENTS + 1);
        assertThat(report.get("rejected").get(0).toString())
                .contains("department")
                .contains("2000 departments");
        assertThat(staff.count()).isEqualTo(StaffMember.MAX_DEPARTMENTS);
        assertThat(JSON.readTree(headcount.body()).size()).isEqualTo(StaffMember.MAX_DEPARTMENTS);

        JsonNode again = upload("staffNumber,name,workEmail,department,staffGroup,active\n"
                + "30000000,Staff Member 0,staff0@trust.example.nhs.uk,Ward 1,Nursing and Midwifery,true\n");
        assertThat(again.get("updated").asInt())
                .as("moving to a department the roster holds is fine")
                .isEqualTo(1);
        assertThat(again.get("rejectedCount").asInt()).isZero();
        assertThat(again.get("rejectedTruncated").asBoolean()).isFalse();
    }

    @Test
    void badRowsAreRejectedWithReasonsAndTheGoodOnesApplied() throws Exception {
        staff.deleteAll();
        JsonNode report = upload("""
                staffNumber,name,workEmail,department,staffGroup,active,leavingDate
                10000001,Alex Carter,alex@trust.example.nhs.uk,Acute Medicine,Nursing,true,
                1234,Bad Number,,Acute Medicine,Nursing,,
                10000002,Priya Shah,not-an-email,Emergency Department,Medical,,
                10000003,Sam Leaver,,Acute Medicine,Nursing,false,
                10000001,Alex Again,,Acute Medicine,Nursing,,
                10000004,Jo Bloggs,,Emergency Department,Medical,,
                """);

        assertThat(report.get("inserted").asInt()).isEqualTo(2);
        assertThat(report.get("rejected").size()).isEqualTo(4);
        assertThat(report.get("rejected").toString())
                .contains("\"row\":2")
                .contains("staffNumber")
                .contains("\"row\":3")
                .contains("workEmail")
                .contains("\"row\":4")
                .contains("leavingDate")
                .contains("\"row\":5")
                .contains("more than once");
        assertThat(staff.findById("10000001"))
                .hasValueSatisfying(m -> assertThat(m.getName()).isEqualTo("Alex Carter"));
        assertThat(staff.findById("10000004")).isPresent();
        assertThat(staff.findById("10000002")).isEmpty();
    }

    @Test
    void aLeaverWhoseRecordWasDisposedOfIsNotKeptAgainNorWrittenInAsAnyonesLineManager() throws Exception {
        staff.deleteAll();
        WireMockServer audit = OtherServices.wireMock();
        // audit-service keeps the tombstones: Robin's roster record was disposed of, and Max's before they came back.
        audit.stubFor(post(DISPOSED).willReturn(disposedOf("10000031", "10000034")));
        String roster = """
                staffNumber,name,workEmail,department,staffGroup,lineManagerStaffNumber,active,leavingDate
                10000031,Robin Gone,,Estates,Estates and Ancillary,,false,2019-03-31
                10000032,Kim Stays,,Estates,Estates and Ancillary,10000031,true,
                10000033,Lee Leaver,,Estates,Estates and Ancillary,10000035,false,2026-11-30
                10000034,Max Back,,Estates,Estates and Ancillary,,true,
                10000035,Sam Manager,,Estates,Estates and Ancillary,,true,
                """;

        JsonNode report = upload(roster);

        assertThat(report.get("alreadyDisposed").asInt()).as(report.toString()).isEqualTo(1);
        assertThat(report.get("inserted").asInt()).isEqualTo(4);
        assertThat(report.get("rejectedCount").asInt()).isZero();
        assertThat(staff.findById("10000031"))
                .as("the disposed leaver is not kept again")
                .isEmpty();
        assertThat(staff.findById("10000032"))
                .as("nor written in as a colleague's line manager")
                .hasValueSatisfying(
                        m -> assertThat(m.getLineManagerStaffNumber()).isNull());
        assertThat(staff.findById("10000033"))
                .as("a leaver never disposed of is kept, with a manager the same upload brings")
                .hasValueSatisfying(
                        m -> assertThat(m.getLineManagerStaffNumber()).isEqualTo("10000035"));
        assertThat(staff.findById("10000034"))
                .as("one sent as active again (a rehire) is kept")
                .isPresent();
        assertThat(mongo.findById(report.get("uploadId").asString(), RosterUpload.class))
                .satisfies(u -> assertThat(u.getAlreadyDisposed()).isEqualTo(1));
        // Only leavers and managers the roster did not hold were asked about: not the active rows, not the managers
        // in the upload.
        audit.verify(
                1,
                postRequestedFor(urlPathEqualTo(DISPOSED))
                        .withRequestBody(matchingJsonPath("$.recordClass", equalTo("staff-record")))
                        .withRequestBody(matchingJsonPath("$.references.length()", equalTo("2")))
                        .withRequestBody(matchingJsonPath("$.references[?(@ == '10000031')]"))
                        .withRequestBody(matchingJsonPath("$.references[?(@ == '10000033')]")));

        // The next night's roster, the same: the kept leaver is on the roster now and is not asked about again.
        audit.resetRequests();
        JsonNode again = upload(roster);
        assertThat(again.get("alreadyDisposed").asInt()).isEqualTo(1);
        assertThat(again.get("unchanged").asInt()).isEqualTo(4);
        audit.verify(
                1,
                postRequestedFor(urlPathEqualTo(DISPOSED))
                        .withRequestBody(matchingJsonPath("$.references.length()", equalTo("1")))
                        .withRequestBody(matchingJsonPath("$.references[0]", equalTo("10000031"))));
        assertThat(staff.findById("10000031")).isEmpty();
    }

    @Test
    void aLeaversRecordThatADisposalTakesWhileTheUploadRunsIsNotCreatedAgain() throws Exception {
        staff.deleteAll();
        String roster = """
                staffNumber,name,workEmail,department,staffGroup,active,leavingDate
                10000051,Ash Going,,Estates,Estates and Ancillary,false,2019-03-31
                """;
        assertThat(upload(roster).get("inserted").asInt()).isEqualTo(1);
        // The disposal destroys Ash's roster record while training-service waits for audit-service's answer about
        // another leaver of the same chunk: after the chunk was looked at, before it is written.
        OtherServices.wireMock()
                .stubFor(post(DISPOSED).willReturn(disposedOf().withTransformers(OtherServices.WhileAnswering.NAME)));
        OtherServices.whileAnswering(() -> staff.deleteById("10000051"));

        JsonNode report = upload(roster + "10000052,Bo New Leaver,,Estates,Estates and Ancillary,false,2026-11-30\n");

        assertThat(report.get("inserted").asInt()).as(report.toString()).isEqualTo(1);
        assertThat(report.get("alreadyDisposed").asInt()).isEqualTo(1);
        assertThat(report.get("updated").asInt() + report.get("unchanged").asInt())
                .isZero();
        assertThat(staff.findById("10000051")).as("not created again").isEmpty();
        assertThat(staff.findById("10000052")).isPresent();
    }

    @Test
    void aChunkNamingMoreNumbersThanOneQuestionTakesIsAskedInParts() throws Exception {
        staff.deleteAll();
        WireMockServer audit = OtherServices.wireMock();
        audit.stubFor(post(DISPOSED).willReturn(disposedOf("30000500", "31000999")));
        // One chunk of 1,000 leavers, each with a line manager the roster does not hold: 2,000 numbers to ask about.
        StringBuilder csv = new StringBuilder(
                "staffNumber,name,workEmail,department,staffGroup,lineManagerStaffNumber,active,leavingDate\n");
        for (int i = 0; i < 1_000; i++) {
            csv.append(30_000_000 + i)
                    .append(",Leaver ")
                    .append(i)
                    .append(",,Estates,Estates and Ancillary,")
                    .append(31_000_000 + i)
                    .append(",false,2019-03-31\n");
        }

        JsonNode report = upload(csv.toString());

        assertThat(report.get("alreadyDisposed").asInt()).as(report.toString()).isEqualTo(1);
        assertThat(report.get("inserted").asInt()).isEqualTo(999);
        assertThat(report.get("rejectedCount").asInt()).isZero();
        assertThat(staff.findById("30000500")).isEmpty();
        assertThat(staff.findById("30000999"))
                .hasValueSatisfying(
                        m -> assertThat(m.getLineManagerStaffNumber()).isNull());
        List<Integer> asked = audit.findAll(postRequestedFor(urlPathEqualTo(DISPOSED))).stream()
                .map(r -> JSON.readTree(r.getBodyAsString()).get("references").size())
                .toList();
        assertThat(asked).as("two questions of at most 1,000").containsExactly(1_000, 1_000);
    }

    @Test
    void whenAuditServiceCannotSayALeaverNotOnTheRosterIsRejectedToBeSentAgainAndTheRestApplied() throws Exception {
        staff.deleteAll();
        OtherServices.wireMock().stubFor(post(DISPOSED).willReturn(aResponse().withStatus(503)));
        try {
            JsonNode report = upload("""
                    staffNumber,name,workEmail,department,staffGroup,lineManagerStaffNumber,active,leavingDate
                    10000041,Ash Leaver,,Estates,Estates and Ancillary,,false,2020-01-31
                    10000042,Bo Stays,,Estates,Estates and Ancillary,10000043,true,
                    """);

            assertThat(report.get("inserted").asInt()).as(report.toString()).isEqualTo(1);
            assertThat(report.get("alreadyDisposed").asInt()).isZero();
            assertThat(report.get("rejectedCount").asInt()).isEqualTo(1);
            assertThat(report.get("rejected").get(0).get("row").asInt()).isEqualTo(1);
            assertThat(report.get("rejected").get(0).get("errors").toString())
                    .contains("staffNumber")
                    .contains("could not say just now whether their record was disposed of")
                    .contains("send it again later");
            assertThat(staff.findById("10000041")).isEmpty();
            assertThat(staff.findById("10000042"))
                    .as("a line manager is written as sent when audit-service cannot say")
                    .hasValueSatisfying(
                            m -> assertThat(m.getLineManagerStaffNumber()).isEqualTo("10000043"));
        } finally {
            breakers.circuitBreaker(DisposedStaffRecords.GUARD).reset();
        }
    }

    /**
     * A row its chunk's write refuses (a leaver audit-service cannot say about) is found after later rows' own checks;
     * the report still lists the first rejected rows by their place in the upload, not the first ones found.
     */
    @Test
    void aReportListsTheFirstRejectedRowsByTheirPlaceThoughAChunkRefusesOneAfterLaterRowsChecks() throws Exception {
        staff.deleteAll();
        OtherServices.wireMock().stubFor(post(DISPOSED).willReturn(aResponse().withStatus(503)));
        int listed = UpsertReport.MAX_REPORTED_REJECTIONS;
        try {
            StringBuilder csv =
                    new StringBuilder("staffNumber,name,workEmail,department,staffGroup,active,leavingDate\n");
            csv.append("10000041,Ash Leaver,,Estates,Estates and Ancillary,false,2020-01-31\n"); // refused when written
            for (int i = 0; i < listed + 1; i++) { // each refused at once
                csv.append(31_000_000 + i).append(",Staff Member,not-an-email,Estates,Estates and Ancillary,true,\n");
            }

            JsonNode report = upload(csv.toString());

            assertThat(report.get("rejectedCount").asInt()).isEqualTo(listed + 2);
            assertThat(report.get("rejectedTruncated").asBoolean()).isTrue();
            JsonNode rejected = report.get("rejected");
            assertThat(rejected.size()).isEqualTo(listed);
            assertThat(rejected.get(0).get("row").asInt()).isEqualTo(1);
            assertThat(rejected.get(0).get("errors").toString()).contains("send it again later");
            assertThat(rejected.get(listed - 1).get("row").asInt())
                    .as("the last listed is the 1,000th row, the one after it left out")
                    .isEqualTo(listed);
        } finally {
            breakers.circuitBreaker(DisposedStaffRecords.GUARD).reset();
        }
    }

    @Test
    void everyLineOfAUploadIsAppliedOrReportedWithItsLineNumberEvenAfterAMalformedOne() throws Exception {
        staff.deleteAll();
        JsonNode report = upload("""
                staffNumber,name,department,staffGroup
                10000001,Alex Carter,Acute Medicine,Nursing
                10000002,Priya Shah,Emergency Department,Medical,one,too,many
                10000003,"Sam ""Sammy"" Porter",Estates,Estates
                10000004,"Jo
                Bloggs",Acute Medicine,Nursing

                10000005,Chris Manager,Acute Medicine,Nursing
                10000006,"Unclosed,Acute Medicine,Nursing
                10000007,Never Read,Acute Medicine,Nursing
                """);

        assertThat(report.get("received").asInt()).isEqualTo(6);
        assertThat(report.get("inserted").asInt())
                .as("the malformed line stops nothing after it")
                .isEqualTo(4);
        assertThat(staff.findById("10000003"))
                .hasValueSatisfying(m -> assertThat(m.getName()).isEqualTo("Sam \"Sammy\" Porter"));
        assertThat(staff.findById("10000004"))
                .hasValueSatisfying(m -> assertThat(m.getName()).isEqualTo("Jo\nBloggs"));
        assertThat(staff.findById("10000005")).isPresent();
        JsonNode rejected = report.get("rejected");
        assertThat(rejected.size()).isEqualTo(2);
        assertThat(rejected.get(0).get("line").asInt()).isEqualTo(3);
        assertThat(rejected.get(0).toString()).contains("4 columns");
        assertThat(rejected.get(1).get("line").asInt()).isEqualTo(9);
        assertThat(rejected.get(1).toString()).contains("never closed").contains("lines 9 to 10");
        assertThat(staff.findById("10000007"))
                .as("swallowed by the open quote, and reported with it")
                .isEmpty();
    }

    @Test
    void aSpreadsheetsByteOrderMarkIsReadAndARowThatIsNotUtf8IsRejectedNotStoredGarbled() throws Exception {
        staff.deleteAll();
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        byte[] rows = ("staffNumber,name,department,staffGroup\r\n10000001,Zo\u00eb Carter,Acute Medicine,Nursing\r\n"
                        + "10000002,Zo")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] latin1 = {(byte) 0xEB}; // "ë" as a spreadsheet's plain CSV writes it: not UTF-8
        byte[] rest = " Shah,Emergency Department,Medical\r\n10000003,Sam Porter,Estates,Estates\r\n"
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
        body.writeBytes(bom);
        body.writeBytes(rows);
        body.writeBytes(latin1);
        body.writeBytes(rest);

        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create(base()))
                        .header("Authorization", "Bearer " + HR)
                        .header("Content-Type", "text/csv")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
                        .build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode())
                .as("the header's first column read past the mark: " + response.body())
                .isEqualTo(200);
        JsonNode report = JSON.readTree(response.body());
        assertThat(report.get("inserted").asInt()).isEqualTo(2);
        assertThat(staff.findById("10000001"))
                .hasValueSatisfying(m -> assertThat(m.getName()).isEqualTo("Zo\u00eb Carter"));
        assertThat(staff.findById("10000002"))
                .as("never stored with a replacement character")
                .isEmpty();
        assertThat(report.get("rejected").get(0).get("line").asInt()).isEqualTo(3);
        assertThat(report.get("rejected").get(0).toString()).contains("is not UTF-8 text");
        assertThat(staff.findById("10000003")).isPresent();
    }

    @Test
    void aJsonUploadIsReadRowByRowAndBrokenJsonIsReportedFromWhereItBreaks() throws Exception {
        staff.deleteAll();
        HttpResponse<String> response = postJson("""
                [{"staffNumber":"10000001","name":"Alex Carter","department":"Acute Medicine","staffGroup":"Nursing"},
                 "not an object",
                 {"staffNumber":"10000002","name":"\\ud800","department":"ED","staffGroup":"Medical"},
                 {"staffNumber":"10000003","name":"Sam Porter","department":"Estates","staffGroup":"Estates"},
                 {"staffNumber":"10000004","name": oops
                """, HR);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode report = JSON.readTree(response.body());
        assertThat(report.get("inserted").asInt()).as(response.body()).isEqualTo(2);
        assertThat(report.get("uploadId").asString()).isNotBlank();
        JsonNode rejected = report.get("rejected");
        assertThat(rejected.size()).isEqualTo(3);
        assertThat(rejected.get(0).toString()).contains("\"row\":2").contains("must be a JSON object");
        assertThat(rejected.get(1).toString()).contains("\"row\":3").contains("valid Unicode");
        assertThat(rejected.get(2).toString()).contains("cannot be read from line 5");
        assertThat(staff.findById("10000003")).isPresent();
    }

    @Test
    void anUploadThatGoesOverTheLimitPartWayIs413WithItsIdAndCountsAndIsRecordedAsInterruptedNeverDone()
            throws Exception {
        for (String type : new String[] {"application/json", "text/csv"}) {
            staff.deleteAll();
            String rows = type.equals("text/csv")
                    ? "staffNumber,name,department,staffGroup\n10000001,Alex Carter,Acute Medicine,Nursing\n10000002,Priya Shah,ED,Medical\n"
                    : "[{\"staffNumber\":\"10000001\",\"name\":\"Alex Carter\",\"department\":\"Acute Medicine\",\"staffGroup\":\"Nursing\"},"
                            + "{\"staffNumber\":\"10000002\",\"name\":\"Priya Shah\",\"department\":\"ED\",\"staffGroup\":\"Medical\"},";
            // Chunked (no length up front), so the limit is met part-way: blank lines, or white space between elements.
            long limit = 32L * 1024 * 1024;
            java.io.InputStream body = new java.io.SequenceInputStream(
                    new java.io.ByteArrayInputStream(rows.getBytes()),
                    new PaddingStream(limit + 64 * 1024, type.equals("text/csv") ? '\n' : ' '));
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(URI.create(base()))
                            .header("Authorization", "Bearer " + HR)
                            .header("Content-Type", type)
                            .POST(HttpRequest.BodyPublishers.ofInputStream(() -> body))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(response.statusCode()).as(type + " " + response.body()).isEqualTo(413);
            JsonNode problem = JSON.readTree(response.body());
            assertThat(problem.get("received").asInt()).as(type).isEqualTo(2);
            assertThat(problem.get("inserted").asInt()).isEqualTo(2);
            RosterUpload upload = mongo.findById(problem.get("uploadId").asString(), RosterUpload.class);
            assertThat(upload).isNotNull();
            assertThat(upload.getState()).as("never called done").isEqualTo(RosterUpload.State.INTERRUPTED);
            assertThat(staff.count())
                    .as("what was read before the limit is applied")
                    .isEqualTo(2);
        }
    }

    @Test
    void aRowObjectWithMillionsOfFieldsIsOneRejectedRowNeverBuiltInMemory() throws Exception {
        staff.deleteAll();
        StringBuilder huge = new StringBuilder("[{\"staffNumber\":\"10000009\"");
        for (int i = 0; i < 1_000_000; i++) {
            huge.append(",\"f").append(i).append("\":1");
        }
        huge.append(
                "},{\"staffNumber\":\"10000001\",\"name\":\"Alex Carter\",\"department\":\"Acute Medicine\",\"staffGroup\":\"Nursing\"}]");
        HttpResponse<String> response = postJson(huge.toString(), HR);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode report = JSON.readTree(response.body());
        assertThat(report.get("inserted").asInt()).isEqualTo(1);
        assertThat(report.get("rejected").get(0).toString())
                .contains("\"row\":1")
                .contains("has 1000001 fields");
    }

    /** {@code length} bytes of one character, made as they are read. */
    private static final class PaddingStream extends java.io.InputStream {
        private long left;
        private final int fill;

        PaddingStream(long length, char fill) {
            this.left = length;
            this.fill = fill;
        }

        @Override
        public int read() {
            return left-- > 0 ? fill : -1;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) {
            if (left <= 0) {
                return -1;
            }
            int n = (int) Math.min(length, left);
            java.util.Arrays.fill(buffer, offset, offset + n, (byte) fill);
            left -= n;
            return n;
        }
    }

    @Test
    void aPersonReadsTheirOwnRecordButNotAColleagues() throws Exception {
        staff.deleteAll();
        upload("staffNumber,name,department,staffGroup\n10000001,Alex Carter,Acute Medicine,Nursing\n"
                + "10000002,Priya Shah,Emergency Department,Medical\n");
        String alex = TestTokens.person("alex.nurse", "10000001", "Acute Medicine", "staff");

        assertThat(get("/10000001", alex).statusCode()).isEqualTo(200);
        assertThat(get("/10000002", alex).statusCode()).isEqualTo(403);
        assertThat(get("/10000002", HR).statusCode()).isEqualTo(200);
        assertThat(get("/99999999", HR).statusCode()).isEqualTo(404);
        assertThat(postJson("[" + JSON.writeValueAsString(Map.of("staffNumber", "10000003")) + "]", alex)
                        .statusCode())
                .as("only HR pushes the roster")
                .isEqualTo(403);
    }

    @Test
    void colleaguesAreFoundByAnyPartOfTheirNameWithTheirDepartmentOnlyAndLeaversAreNot() throws Exception {
        upload(
                "staffNumber,name,workEmail,department,staffGroup,registrationBody,registrationNumber,active,leavingDate\n"
                        + "41000001,Alex Carter,alex@trust.example.nhs.uk,Acute Medicine,Nursing,NMC,12A3456B,true,\n"
                        + "41000002,Alexandra Cartwright,,Estates,Estates,,,true,\n"
                        + "41000003,Alex Carver,,Estates,Estates,,,false,2026-10-31\n");
        String nurse = TestTokens.person("alex.nurse", "10000001", "Acute Medicine", "staff");
        String governance =
                TestTokens.person("morgan.governance", "10000004", "Clinical Governance", "staff", "governance");

        HttpResponse<String> found = directory("?name=car%20ALEX", nurse);
        assertThat(found.statusCode()).as(found.body()).isEqualTo(200);
        List<String> names = new java.util.ArrayList<>();
        JSON.readTree(found.body()).forEach(p -> names.add(p.get("name").asString()));
        assertThat(names).contains("Alex Carter", "Alexandra Cartwright").doesNotContain("Alex Carver");
        assertThat(found.body())
                .as("nothing from the HR record beyond name and department")
                .doesNotContain("alex@trust")
                .doesNotContain("12A3456B")
                .doesNotContain("Nursing");
        for (String bad : List.of("a", "x".repeat(101), "al%00ex")) {
            HttpResponse<String> refused = directory("?name=" + bad, nurse);
            assertThat(refused.statusCode()).as(bad).isEqualTo(400);
            assertThat(refused.body()).contains("name");
        }
        HttpResponse<String> pattern = directory("?name=%2E*", nurse);
        assertThat(pattern.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(pattern.body()))
                .as("pattern characters are text")
                .isEmpty();

        String namesOf = "/people?number=41000001&number=41000003";
        HttpResponse<String> named = directory(namesOf, governance);
        assertThat(named.statusCode()).as(named.body()).isEqualTo(200);
        assertThat(named.body())
                .as("a leaver is still named on a closed case")
                .contains("Alex Carter")
                .contains("Alex Carver")
                .doesNotContain("Alexandra");
        Map<String, Boolean> standing = new java.util.HashMap<>();
        JSON.readTree(named.body())
                .forEach(p -> standing.put(
                        p.get("staffNumber").asString(), p.get("active").asBoolean()));
        assertThat(standing)
                .as("the leaver is named as one")
                .containsExactlyInAnyOrderEntriesOf(Map.of("41000001", true, "41000003", false));
        HttpResponse<String> asAuditService = directory(namesOf, TestTokens.serviceAccount("audit-service", "service"));
        assertThat(asAuditService.statusCode())
                .as("audit-service checks an investigator is active staff")
                .isEqualTo(200);
        assertThat(asAuditService.body()).isEqualTo(named.body());
        assertThat(directory(namesOf, nurse).statusCode())
                .as("staff find colleagues by name, not names by number")
                .isEqualTo(403);
        HttpResponse<String> notANumber = directory(namesOf + "&number=abc", governance);
        assertThat(notANumber.statusCode()).isEqualTo(400);
        assertThat(notANumber.body()).contains("number");
    }

    /** GET below {@code /api/training/directory}. */
    private HttpResponse<String> directory(String rest, String token) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/training/directory" + rest))
                        .header("Authorization", "Bearer " + token)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** audit-service's question about disposed records. */
    private static final String DISPOSED = "/api/audit/retention/disposed";

    /** audit-service's answer naming {@code staffNumbers} as leavers whose roster record was disposed of. */
    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder disposedOf(String... staffNumbers) {
        return aResponse()
                .withHeader("Content-Type", "application/json")
                .withBody("{\"recordClass\":\"staff-record\",\"disposed\":["
                        + java.util.Arrays.stream(staffNumbers)
                                .map(n -> "\"" + n + "\"")
                                .collect(java.util.stream.Collectors.joining(","))
                        + "]}");
    }

    private JsonNode upload(String csv) throws Exception {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create(base()))
                        .header("Authorization", "Bearer " + HR)
                        .header("Content-Type", "text/csv")
                        .POST(HttpRequest.BodyPublishers.ofString(csv))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private HttpResponse<String> postJson(String body, String token) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create(base()))
                        .header("Authorization", "Bearer " + token)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path, String token) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create(base() + path))
                        .header("Authorization", "Bearer " + token)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private String base() {
        return "http://localhost:" + port + "/api/training/staff";
    }
}
