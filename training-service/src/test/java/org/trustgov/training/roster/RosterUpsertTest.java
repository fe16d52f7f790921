package org.trustgov.training.roster;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;
import org.trustgov.keycloak.test.TestJwtDecoderConfiguration;
import org.trustgov.keycloak.test.TestTokens;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * HR's roster upload over HTTP on the embedded store: 20,000 rows in one CSV request, sent twice (idempotent),
 * then a mixed upload where bad rows are rejected and the good ones applied. Timings are printed, not asserted.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@Import(TestJwtDecoderConfiguration.class)
class RosterUpsertTest {

    private static final String HR = TestTokens.serviceAccount("hr-system", "hr-integration");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort int port;
    @Autowired StaffRepository staff;
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void twentyThousandRowsInOneCsvRequestAreUpsertedAndASecondIdenticalUploadChangesNothing() throws Exception {
        staff.deleteAll();
        StringBuilder csv = new StringBuilder(String.join(",", RosterRow.COLUMNS)).append('\n');
        for (int i = 0; i < 20_000; i++) {
            boolean leaver = i % 50 == 0;
            csv.append(20_000_000 + i).append(",Staff Member ").append(i).append(",staff").append(i)
                    .append("@trust.example.nhs.uk,Department ").append(i % 20).append(",Nursing and Midwifery,")
                    .append(i % 3 == 0 ? "NMC,PIN" + i : ",").append(",").append(20_000_000 + (i / 10) * 10)
                    .append(leaver ? ",false,2026-10-31" : ",true,").append('\n');
        }

        long started = System.nanoTime();
        JsonNode first = upload(csv.toString());
        long firstMs = (System.nanoTime() - started) / 1_000_000;
        started = System.nanoTime();
        JsonNode second = upload(csv.toString());
        long secondMs = (System.nanoTime() - started) / 1_000_000;
        started = System.nanoTime();
        HttpResponse<String> headcount = http.send(HttpRequest.newBuilder(URI.create(base() + "/headcount"))
                .header("Authorization", "Bearer " + HR).build(), HttpResponse.BodyHandlers.ofString());
        long headcountMs = (System.nanoTime() - started) / 1_000_000;
        System.out.printf("roster figures: 20,000-row CSV upsert %d ms (first), %d ms (identical again); "
                + "department headcount over it %d ms%n", firstMs, secondMs, headcountMs);

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
                .contains("\"row\":2").contains("staffNumber")
                .contains("\"row\":3").contains("workEmail")
                .contains("\"row\":4").contains("leavingDate")
                .contains("\"row\":5").contains("more than once");
        assertThat(staff.findById("10000001")).hasValueSatisfying(m -> assertThat(m.getName()).isEqualTo("Alex Carter"));
        assertThat(staff.findById("10000004")).isPresent();
        assertThat(staff.findById("10000002")).isEmpty();
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
        assertThat(postJson("[" + JSON.writeValueAsString(Map.of("staffNumber", "10000003")) + "]", alex).statusCode())
                .as("only HR pushes the roster").isEqualTo(403);
    }

    private JsonNode upload(String csv) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base()))
                .header("Authorization", "Bearer " + HR).header("Content-Type", "text/csv")
                .POST(HttpRequest.BodyPublishers.ofString(csv)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private HttpResponse<String> postJson(String body, String token) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base())).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path, String token) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base() + path)).header("Authorization", "Bearer " + token)
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    private String base() {
        return "http://localhost:" + port + "/api/training/staff";
    }
}
