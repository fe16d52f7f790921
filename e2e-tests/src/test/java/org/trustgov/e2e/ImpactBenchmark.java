package org.trustgov.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * What a change touches, at a trust's scale, through the gateway (issue 28's target: under 1 s): a draft changing every
 * one of a policy's 50 clauses, in a trust of 20,000 staff who all acknowledged the version in force, with 10
 * published modules citing the clauses (2,000 completions each) and 100 open incidents citing them. The roster,
 * policy, modules and incidents go through the services' APIs; the 20,000 acknowledgements and completions, which
 * only each person could make through the API, are written straight into policy-service's and training-service's
 * stores (the platform's embedded MongoDB servers) in the documents' own shape. Prints three rounds of twenty
 * requests after five to warm up. Runs with {@code ./mvnw -Pbenchmarks -pl e2e-tests -am verify
 * -Dit.test=ImpactBenchmark}, never in the normal build.
 */
@StartedPlatform
class ImpactBenchmark {

    private static final String POLICY = "IMB-001";
    private static final int CLAUSES = 50;
    private static final int STAFF = 20_000;
    private static final int MODULES = 10;
    private final Http http = new Http();

    @Test
    void theImpactOfAFiftyClauseChangeInATrustOfTwentyThousand() {
        String governance = http.personToken("morgan.governance");
        String author = http.personToken("jordan.author");
        StringBuilder csv = new StringBuilder("staffNumber,name,department,staffGroup,active\n");
        for (int i = 0; i < STAFF; i++) {
            csv.append(80_000_000 + i)
                    .append(",Benchmark Person ")
                    .append(i)
                    .append(",Benchmark Ward ")
                    .append(i % 20)
                    .append(",Nursing and Midwifery Registered,true\n");
        }
        assertThat(http.postCsv(
                                "http://localhost:" + Platform.TRAINING_PORT + "/api/training/staff",
                                http.clientToken("hr-system", "hr-system-secret"),
                                csv.toString())
                        .statusCode())
                .isEqualTo(200);

        String policies = Platform.GATEWAY + "/api/policy/policies";
        assertThat(http.postJson(policies, author, Map.of("code", POLICY, "title", "Benchmark policy"))
                        .statusCode())
                .isIn(201, 409);
        String versions = policies + "/" + POLICY + "/versions";
        draft(author, versions, "1.0", "Never post images of patients.");
        for (String step : List.of("submit", "approve", "publish")) {
            assertThat(http.post(versions + "/1.0/" + step, governance).statusCode())
                    .isEqualTo(200);
        }
        String modules = Platform.GATEWAY + "/api/training/modules";
        for (int m = 0; m < MODULES; m++) {
            List<String> cited = new ArrayList<>();
            for (int c = 1; c <= CLAUSES / MODULES; c++) {
                cited.add(clause(m * (CLAUSES / MODULES) + c));
            }
            Map<String, Object> module =
                    new java.util.HashMap<>(TrainingModuleIT.wardPhotoModule(moduleCode(m), "Benchmark module " + m));
            module.put("policyCode", POLICY);
            module.put(
                    "sections",
                    List.of(Map.of("heading", "Clauses", "markdown", "What the clauses ask.", "clauses", cited)));
            assertThat(http.postJson(modules, governance, module).statusCode()).isEqualTo(201);
            assertThat(http.post(modules + "/" + moduleCode(m) + "/versions/1/publish", governance)
                            .statusCode())
                    .isEqualTo(200);
        }
        seedAcknowledgementsAndCompletions();
        String reporter = http.personToken("priya.doctor");
        for (int i = 0; i < 100; i++) {
            HttpResponse<String> reported = http.postJson(
                    "http://localhost:" + Platform.AUDIT_PORT + "/api/audit/incidents",
                    reporter,
                    Map.of(
                            "subjectStaffNumber",
                            String.valueOf(80_000_000 + i * 7),
                            "occurredAt",
                            Instant.now().minusSeconds(3600L * (i + 1)).toString(),
                            "platform",
                            "FACEBOOK",
                            "category",
                            "PATIENT_IMAGES_WITHOUT_CONSENT",
                            "severity",
                            "MODERATE",
                            "description",
                            "Benchmark report " + i,
                            "breachedClauses",
                            List.of(Map.of(
                                    "policyCode",
                                    POLICY,
                                    "policyVersion",
                                    "1.0",
                                    "clauseNumber",
                                    clause(1 + i % CLAUSES)))));
            assertThat(reported.statusCode()).as(reported.body()).isEqualTo(201);
        }
        draft(author, versions, "2.0", "Never take or post images of patients.");

        String impact = versions + "/2.0/impact";
        // The first answers come while the services still digest the seeding (outboxes, chains): wait for a whole one.
        long waitStarted = System.nanoTime();
        JsonNode answer = Http.json(http.get(impact, governance));
        while (answer.get("missing").size() > 0 && System.nanoTime() - waitStarted < 180_000_000_000L) {
            System.out.println("impact benchmark: not yet whole: " + answer.get("missing"));
            answer = Http.json(http.get(impact, governance));
        }
        System.out.printf(
                Locale.ROOT,
                "impact benchmark: %d clauses changed, %,d staff (all acknowledged), %d modules (2,000 completions each),"
                        + " 100 open incidents; the first whole answer after %.1f s%n",
                CLAUSES,
                STAFF,
                MODULES,
                (System.nanoTime() - waitStarted) / 1e9);
        assertThat(answer.get("missing").size()).as(answer.toString()).isZero();
        assertThat(answer.get("clauses").size()).isEqualTo(CLAUSES);
        long completions = 0;
        long incidents = 0;
        for (JsonNode clause : answer.get("clauses")) {
            completions += clause.get("modules").get(0).get("completions").asLong();
            incidents += clause.get("openIncidents").asLong();
        }
        assertThat(completions).as("each clause's module holds 2,000").isEqualTo(CLAUSES * 2_000L);
        assertThat(incidents).isEqualTo(100);
        for (int i = 0; i < 5; i++) {
            http.get(impact, governance);
        }
        StringBuilder clauseQuery = new StringBuilder("policyCode=" + POLICY);
        for (int c = 1; c <= 20; c++) { // one turn: the services take 20 clauses a request
            clauseQuery.append("&clause=").append(clause(c));
        }
        Map<String, String> parts = new java.util.LinkedHashMap<>();
        parts.put("whole impact, through the gateway", impact);
        parts.put(
                "training, one turn of 20 clauses (of 3)",
                Platform.GATEWAY + "/api/training/impact/clauses?" + clauseQuery);
        parts.put(
                "audit, one turn of 20 clauses (of 3)", Platform.GATEWAY + "/api/audit/reports/clauses?" + clauseQuery);
        for (int round = 1; round <= 3; round++) {
            for (Map.Entry<String, String> part : parts.entrySet()) {
                double[] millis = new double[20];
                for (int i = 0; i < millis.length; i++) {
                    long started = System.nanoTime();
                    HttpResponse<String> response = http.get(part.getValue(), governance);
                    millis[i] = (System.nanoTime() - started) / 1e6;
                    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
                    assertThat(response.body()).doesNotContain("could not be read");
                }
                Arrays.sort(millis);
                System.out.printf(
                        Locale.ROOT,
                        "impact benchmark: round %d, %-40s median %.0f ms, p95 %.0f ms, max %.0f ms%n",
                        round,
                        part.getKey(),
                        millis[millis.length / 2],
                        millis[(int) Math.ceil(millis.length * 0.95) - 1],
                        millis[millis.length - 1]);
            }
        }
    }

    private void draft(String author, String versions, String number, String text) {
        List<Map<String, String>> clauses = new ArrayList<>();
        for (int c = 1; c <= CLAUSES; c++) {
            clauses.add(Map.of("number", clause(c), "heading", "Clause " + c, "text", text + " (" + c + ")"));
        }
        HttpResponse<String> created = PolicyDrafts.draft(http, author, versions, number, clauses, "Benchmark");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    }

    /** 20,000 acknowledgements of version 1.0 and 2,000 passes of each module, as the services store them. */
    private void seedAcknowledgementsAndCompletions() {
        Date now = new Date();
        try (MongoClient policy = MongoClients.create("mongodb://127.0.0.1:" + (Platform.POLICY_PORT + 19_000));
                MongoClient training =
                        MongoClients.create("mongodb://127.0.0.1:" + (Platform.TRAINING_PORT + 19_000))) {
            List<Document> acknowledgements = new ArrayList<>();
            List<Document> passes = new ArrayList<>();
            for (int i = 0; i < STAFF; i++) {
                String number = String.valueOf(80_000_000 + i);
                String department = "Benchmark Ward " + i % 20;
                acknowledgements.add(new Document("policyCode", POLICY)
                        .append("major", 1)
                        .append("version", "1.0")
                        .append("contentHash", "sha256:benchmark")
                        .append("staffNumber", number)
                        .append("department", department)
                        .append("at", now));
                String module = moduleCode(i % MODULES);
                passes.add(new Document("_id", "bench-" + number)
                        .append("staffNumber", number)
                        .append("department", department)
                        .append("moduleCode", module)
                        .append("moduleVersion", 1)
                        .append("status", "SUBMITTED")
                        .append("startedAt", now)
                        .append("submittedAt", now)
                        .append("score", 100)
                        .append("passed", true)
                        .append("certificateId", "CERT-BENCH-" + number)
                        .append(
                                "completion",
                                new Document("certificateId", "CERT-BENCH-" + number)
                                        .append("score", 100)
                                        .append("moduleCode", module)
                                        .append("moduleVersion", 1)
                                        .append("moduleTitle", "Benchmark module")
                                        .append("policyCode", POLICY)
                                        .append("policyVersion", "1.0")
                                        .append("completedAt", now)
                                        .append(
                                                "expiresAt",
                                                Date.from(Instant.now().plusSeconds(365L * 86_400)))
                                        .append("holderName", "Benchmark Person")));
            }
            policy.getDatabase("policy").getCollection("attestations").insertMany(acknowledgements);
            training.getDatabase("training").getCollection("attempts").insertMany(passes);
        }
    }

    private static String clause(int n) {
        return "1." + n;
    }

    private static String moduleCode(int m) {
        return String.format(Locale.ROOT, "IMB-%02d", m + 1);
    }
}
