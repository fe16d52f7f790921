package org.trustgov.training.compliance;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.BulkOperations;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.trustgov.keycloak.test.TestTokens;
import org.trustgov.test.IntegrationTest;
import org.trustgov.test.OtherServices;
import org.trustgov.training.TrainingSettings;
import org.trustgov.training.attempts.Attempt;
import org.trustgov.training.attempts.AttemptRepository;
import org.trustgov.training.attempts.CompletionStandings;
import org.trustgov.training.attempts.ScoringAndStatusTest;
import org.trustgov.training.modules.ModuleRepository;
import org.trustgov.training.modules.ModuleRequest;
import org.trustgov.training.modules.PublishedModules;
import org.trustgov.training.modules.TrainingModule;
import org.trustgov.training.refreshers.TargetedRefreshers;
import org.trustgov.training.roster.RefresherDue;
import org.trustgov.training.roster.RosterQueries;
import org.trustgov.training.roster.RosterRow;
import org.trustgov.training.roster.StaffMember;
import org.trustgov.training.roster.StaffRepository;
import org.trustgov.training.roster.Standing;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Compliance over HTTP on the embedded store, with policy-service (and Keycloak's token endpoint) on WireMock saying
 * which policy version is in force. The department report's counts are checked against {@link ComplianceStatus}'s
 * Java rule applied to the same generated data, so the MongoDB expression and the rule cannot drift apart.
 */
@IntegrationTest
class ComplianceReportTest {

    static final WireMockServer policy = OtherServices.wireMock();
    static final String CURRENT = "/api/policy/policies/SM-001/versions/current";
    static final JsonMapper JSON = JsonMapper.builder().build();
    /** The first rows of the large roster that form one line-management chain. */
    static final int CHAIN = 5_000;

    static final String HR = TestTokens.serviceAccount("hr-system", "hr-integration");
    static final String GOVERNANCE =
            TestTokens.person("morgan.governance", "10000004", "Clinical Governance", "staff", "governance");

    @LocalServerPort
    int port;

    @Autowired
    StaffRepository staff;

    @Autowired
    ModuleRepository modules;

    @Autowired
    AttemptRepository attempts;

    @Autowired
    MongoTemplate mongo;

    @Autowired
    CompletionStandings standings;

    @Autowired
    TrainingSettings settings;

    @Autowired
    CircuitBreakerRegistry breakers;

    @Autowired
    Clock clock;

    @Autowired
    TargetedRefreshers refreshers;

    @Autowired
    RosterQueries rosterQueries;

    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void reset() {
        OtherServices.reset();
        policy.stubFor(post("/token")
                .willReturn(json("{\"access_token\":\"t\",\"token_type\":\"Bearer\",\"expires_in\":300}")));
        inForce("2.0");
        breakers.circuitBreaker("policy-versions").reset();
        staff.deleteAll();
        attempts.deleteAll();
        mongo.dropCollection("targeted_refreshers");
        mongo.dropCollection("outbox");
        PublishedModules.clear(mongo);
        PublishedModules.publish(mongo, ScoringAndStatusTest.module(80, List.of(), List.of()), "sha256:abc");
    }

    @Test
    void theRosterReadForReportsKeepsTheQuerysFieldsOrderSkipAndLimit() {
        for (String number : List.of("10000011", "10000012", "10000013", "10000014")) {
            staff.save(new StaffMember(number, "Person " + number, "Ward " + number.charAt(7), "Nursing"));
        }
        Query newestFirst = new Query(where("active").is(true))
                .with(Sort.by(Sort.Direction.DESC, "_id"))
                .skip(1)
                .limit(2);
        newestFirst.fields().include("department");
        List<Document> read = new ArrayList<>();

        rosterQueries.forEach(newestFirst, read::add);

        assertThat(read).extracting(member -> member.getString("_id")).containsExactly("10000013", "10000012");
        assertThat(read)
                .allSatisfy(member -> assertThat(member.keySet()).containsExactlyInAnyOrder("_id", "department"));
    }

    @Test
    void departmentTeamAndTrustReportsOverTwentyThousandStaffMatchTheRuleForEachPerson() throws Exception {
        // The first 5,000 rows are a chief nurse's line-management chain (30000000, ten reports each, four levels).
        StringBuilder csv = new StringBuilder(String.join(",", RosterRow.COLUMNS)).append('\n');
        for (int i = 0; i < 20_000; i++) {
            csv.append(30_000_000 + i)
                    .append(",Staff Member ")
                    .append(i)
                    .append(",,Department ")
                    .append(i % 20)
                    .append(",Nursing and Midwifery Registered,,,")
                    .append(i > 0 && i < CHAIN ? String.valueOf(30_000_000 + (i - 1) / 10) : "")
                    .append(',')
                    .append(i % 50 == 0 ? "false,2026-10-31" : "true,")
                    .append('\n');
        }
        long started = System.nanoTime();
        HttpResponse<String> upload = send(
                HttpRequest.newBuilder(URI.create(base() + "/api/training/staff"))
                        .header("Content-Type", "text/csv")
                        .POST(HttpRequest.BodyPublishers.ofString(csv.toString())),
                HR);
        long uploadMs = (System.nanoTime() - started) / 1_000_000;
        assertThat(upload.statusCode()).as(upload.body()).isEqualTo(200);

        // Completions of every kind, written straight onto the records; the expected tally uses the Java rule.
        Instant now = clock.instant();
        Random random = new Random(42);
        Map<String, Map<ComplianceStatus, Long>> expected = new HashMap<>();
        Map<ComplianceStatus, Long> expectedTeam = new EnumMap<>(ComplianceStatus.class);
        BulkOperations bulk = mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, StaffMember.class);
        for (int i = 0; i < 20_000; i++) {
            Standing standing = switch (random.nextInt(6)) {
                case 0 -> null;
                case 1 -> standing(now, -400, 1); // expired a month ago
                case 2 -> standing(now, 10, 2); // due soon
                case 3 -> standing(now, 200, 1); // taught the old major version
                default -> standing(now, 100 + random.nextInt(200), 2);
            };
            // targeted refreshers of every kind: overdue, falling due soon, due later, none
            RefresherDue refresher = switch (random.nextInt(5)) {
                case 0 -> new RefresherDue("TR-A", now.minus(Duration.ofDays(30)), now.minus(Duration.ofDays(3)));
                case 1 -> new RefresherDue("TR-B", now.minus(Duration.ofDays(100)), now.plus(Duration.ofDays(10)));
                case 2 -> new RefresherDue("TR-C", now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(60)));
                default -> null;
            };
            Update update = new Update();
            if (standing != null) {
                update.set("standings.SMT-01", standing);
            }
            if (refresher != null) {
                update.set("refreshers.SMT-01", refresher);
            }
            if (standing != null || refresher != null) {
                bulk.updateOne(query(where("_id").is(String.valueOf(30_000_000 + i))), update);
            }
            if (i % 50 != 0) {
                ComplianceStatus status = ComplianceRule.of(
                        ComplianceRule.Facts.of(standing, refresher),
                        new ComplianceRule.Context(now, 2, settings.dueSoon()));
                expected.computeIfAbsent("Department " + i % 20, d -> new EnumMap<>(ComplianceStatus.class))
                        .merge(status, 1L, Long::sum);
                if (i > 0 && i < CHAIN) {
                    expectedTeam.merge(status, 1L, Long::sum);
                }
            }
        }
        bulk.execute();

        started = System.nanoTime();
        HttpResponse<String> department = send(
                HttpRequest.newBuilder(uri("/api/training/compliance/departments/Department 10"))
                        .GET(),
                GOVERNANCE);
        long departmentMs = (System.nanoTime() - started) / 1_000_000;
        // The trust report twelve times: the first ones on code the JVM is still compiling (a service just started),
        // the later ones as a report asked again in service.
        HttpResponse<String> trust = null;
        List<Long> trustMs = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            started = System.nanoTime();
            trust = send(HttpRequest.newBuilder(uri("/api/training/compliance")).GET(), GOVERNANCE);
            trustMs.add((System.nanoTime() - started) / 1_000_000);
        }
        String chiefNurse = TestTokens.person("chief.nurse", "30000000", "Department 0", "staff", "line-manager");
        started = System.nanoTime();
        HttpResponse<String> team = send(
                HttpRequest.newBuilder(uri("/api/training/compliance/team")).GET(), chiefNurse);
        long teamMs = (System.nanoTime() - started) / 1_000_000;
        List<Long> warm = trustMs.subList(3, 12).stream().sorted().toList();
        System.out.printf(
                "compliance figures: 20,000-row CSV upsert %d ms; department report %d ms; trust report %s ms"
                        + " (the first three), then %s ms (median and highest of the nine after them);"
                        + " team report (chain of 4,999) %d ms%n",
                uploadMs,
                departmentMs,
                trustMs.subList(0, 3).stream().map(String::valueOf).collect(java.util.stream.Collectors.joining(" / ")),
                warm.get(4) + " / " + warm.get(8),
                teamMs);

        assertThat(team.statusCode()).as(team.body()).isEqualTo(200);
        assertCounts(JSON.readTree(team.body()).get("modules").get(0).get("total"), expectedTeam);

        assertThat(department.statusCode()).as(department.body()).isEqualTo(200);
        JsonNode module = JSON.readTree(department.body()).get("modules").get(0);
        assertThat(module.get("policyVersionInForce").asString()).isEqualTo("2.0");
        assertCounts(module.get("total"), expected.get("Department 10"));
        assertThat(module.get("total").get("assigned").asLong())
                .as("leavers excluded")
                .isEqualTo(800);
        JsonNode report = JSON.readTree(trust.body());
        JsonNode departments = report.get("modules").get(0).get("departments");
        assertThat(departments.size()).isEqualTo(20);
        for (JsonNode d : departments) {
            assertCounts(d.get("tally"), expected.get(d.get("department").asString()));
        }
        assertThat(report.get("modules").get(0).get("total").get("assigned").asLong())
                .isEqualTo(19_600);
        long overdue = expected.values().stream()
                .mapToLong(m ->
                        m.getOrDefault(ComplianceStatus.EXPIRED, 0L) + m.getOrDefault(ComplianceStatus.NOT_STARTED, 0L))
                .sum();
        assertThat(report.get("overdue").size()).isEqualTo((int) Math.min(overdue, settings.overdueListLimit()));
        assertThat(report.get("overdueTruncated").asBoolean()).isEqualTo(overdue > settings.overdueListLimit());
        assertThat(report.get("policyVersionMayBeStale").asBoolean()).isFalse();
    }

    @Test
    void aDepartmentWhoseNameHoldsASlashHasItsReportByName() throws Exception {
        roster(
                "10000011,Ola Midwife,,Obstetrics/Gynaecology,Midwifery,,,,true,",
                "10000012,Ben Registrar,,Obstetrics/Gynaecology,Medical,,,,true,",
                "10000001,Alex Carter,,Acute Medicine,Nursing,,,,true,");

        HttpResponse<String> byName = send(
                HttpRequest.newBuilder(uri("/api/training/compliance?department=Obstetrics%2FGynaecology"))
                        .GET(),
                GOVERNANCE);
        assertThat(byName.statusCode()).as(byName.body()).isEqualTo(200);
        JsonNode report = JSON.readTree(byName.body());
        assertThat(report.get("scope").asString()).isEqualTo("Obstetrics/Gynaecology");
        assertThat(report.get("modules").get(0).get("total").get("assigned").asLong())
                .as("its two people, not the trust")
                .isEqualTo(2);
        // as a path segment the name cannot pass (an encoded / is refused before any controller): the pages ask by name
        assertThat(status("/api/training/compliance/departments/Obstetrics%2FGynaecology", GOVERNANCE))
                .isEqualTo(400);

        // a blank name, or one of spaces only: HR's roster holds no such department, so its report could only be empty
        for (String blank : List.of(
                "/api/training/compliance?department=",
                "/api/training/compliance?department=%20%20",
                "/api/training/compliance/departments/%20")) {
            HttpResponse<String> refused =
                    send(HttpRequest.newBuilder(uri(blank)).GET(), GOVERNANCE);
            assertThat(refused.statusCode()).as(blank).isEqualTo(400);
            assertThat(refused.body()).contains("\"field\":\"department\"").contains("must not be blank");
        }
        String manager = TestTokens.person("chris.manager", "10000005", "Acute Medicine", "staff", "line-manager");
        assertThat(status("/api/training/compliance?department=Acute%20Medicine", manager))
                .as("not a whole department")
                .isEqualTo(403);
    }

    @Test
    void aLineManagerSeesTheirReportsDownTheChainAndAPersonOnlyThemselves() throws Exception {
        // chris (10000005) manages alex (10000001) and the ward sister jo (10000006), who manages sam (10000007);
        // priya (10000002) is in another department under someone else.
        roster(
                "10000005,Chris Manager,,Acute Medicine,Nursing,,,,true,",
                "10000001,Alex Carter,,Acute Medicine,Nursing,,,10000005,true,",
                "10000006,Jo Sister,,Acute Medicine,Nursing,,,10000005,true,",
                "10000007,Sam Porter,,Estates,Estates,,,10000006,true,",
                "10000002,Priya Shah,,Emergency Department,Medical,,,10000009,true,");
        String manager = TestTokens.person("chris.manager", "10000005", "Acute Medicine", "staff", "line-manager");
        String nurse = TestTokens.person("alex.nurse", "10000001", "Acute Medicine", "staff");

        HttpResponse<String> team = send(
                HttpRequest.newBuilder(uri("/api/training/compliance/team")).GET(), manager);
        assertThat(team.statusCode()).isEqualTo(200);
        JsonNode tally = JSON.readTree(team.body()).get("modules").get(0).get("total");
        assertThat(tally.get("assigned").asLong())
                .as("alex, jo and sam, in two departments")
                .isEqualTo(3);
        assertThat(status("/api/training/compliance/departments/Acute Medicine", manager))
                .as("not a whole department")
                .isEqualTo(403);
        assertThat(status("/api/training/compliance", manager))
                .as("trust-wide is governance's")
                .isEqualTo(403);
        assertThat(status("/api/training/compliance/team", nurse)).isEqualTo(403);
        assertThat(status("/api/training/compliance/departments/Acute Medicine", nurse))
                .isEqualTo(403);
        assertThat(status("/api/training/compliance/staff/10000001", nurse)).isEqualTo(200);
        assertThat(status("/api/training/compliance/staff/10000002", nurse)).isEqualTo(403);
        assertThat(status("/api/training/compliance/staff/10000001", manager)).isEqualTo(200);
        assertThat(status("/api/training/compliance/staff/10000007", manager))
                .as("a report of a report")
                .isEqualTo(200);
        assertThat(status("/api/training/compliance/staff/10000002", manager))
                .as("not a report")
                .isEqualTo(403);

        // HR moves sam under priya's manager: chris's chain loses him on the next upload.
        roster("10000007,Sam Porter,,Estates,Estates,,,10000009,true,");
        assertThat(status("/api/training/compliance/staff/10000007", manager))
                .as("no longer a report of a report")
                .isEqualTo(403);
        assertThat(JSON.readTree(send(
                                        HttpRequest.newBuilder(uri("/api/training/compliance/team"))
                                                .GET(),
                                        manager)
                                .body())
                        .get("modules")
                        .get(0)
                        .get("total")
                        .get("assigned")
                        .asLong())
                .isEqualTo(2);
        assertThat(status("/api/training/compliance/staff/99999999", manager))
                .as("no hint whether it exists")
                .isEqualTo(403);
        assertThat(status("/api/training/compliance/staff/99999999", GOVERNANCE))
                .isEqualTo(404);
        assertThat(status("/api/training/compliance/staff/99999999", nurse))
                .as("no hint whether it exists")
                .isEqualTo(403);
        assertThat(status(
                        "/api/training/compliance/staff/10000002",
                        TestTokens.serviceAccount("audit-service", "service")))
                .as("audit-service takes snapshots")
                .isEqualTo(200);
        assertThat(status(
                        "/api/training/compliance/staff/10000002",
                        TestTokens.serviceAccount("policy-service", "service")))
                .as("another service has no business here")
                .isEqualTo(403);
    }

    @Test
    void aTargetedRefresherGoesToOneGroupShowsOnTheirToDoListWithoutWhyCountsInComplianceAndIsLogged()
            throws Exception {
        // SMT-02 teaches clause 4.2 and is meant for the Emergency Department only; the signal is in Acute Medicine.
        TrainingModule refresherModule = TrainingModule.draft(
                new ModuleRequest(
                        "SMT-02",
                        1,
                        "Photographs on the ward",
                        List.of(new ModuleRequest.Section("Photographs", "Never on the ward.", List.of("4.2"))),
                        "SM-001",
                        "2.0",
                        ScoringAndStatusTest.module(80, List.of(), List.of()).getQuestions(),
                        80,
                        "P1Y",
                        List.of(),
                        List.of("Emergency Department")),
                "gov");
        PublishedModules.publish(mongo, refresherModule, "sha256:abc");
        roster(
                "10000005,Chris Manager,,Acute Medicine,Nursing,,,,true,",
                "10000001,Alex Carter,,Acute Medicine,Nursing,,,10000005,true,",
                "10000002,Priya Shah,,Emergency Department,Medical,,,,true,",
                "10000003,Left Already,,Acute Medicine,Nursing,,,,false,2026-01-31");
        Instant now = clock.instant();
        Attempt.Completion earlier =
                completion("SMT-02", "2.0", now.minus(Duration.ofDays(100)), now.plus(Duration.ofDays(265)));
        attempts.insert(new Attempt("earlier", "10000001", "Acute Medicine", "SMT-02", 1, earlier.completedAt()));
        mongo.updateFirst(
                query(where("_id").is("earlier")),
                new Update()
                        .set("status", Attempt.Status.SUBMITTED)
                        .set("passed", true)
                        .set("completion", earlier),
                Attempt.class);
        standings.record("10000001", earlier);
        String nurse = TestTokens.person("alex.nurse", "10000001", "Acute Medicine", "staff");
        String manager = TestTokens.person("chris.manager", "10000005", "Acute Medicine", "staff", "line-manager");
        String otherManager =
                TestTokens.person("priya.shah", "10000002", "Emergency Department", "staff", "line-manager");
        java.time.LocalDate today = java.time.LocalDate.ofInstant(now, java.time.ZoneOffset.UTC);
        java.util.function.BiFunction<String, String, String> request = (field, value) -> {
            Map<String, Object> body = new java.util.LinkedHashMap<>(Map.of(
                    "policyCode", "SM-001",
                    "clause", "4.2",
                    "department", "Acute Medicine",
                    "moduleCode", "SMT-02",
                    "dueOn", today.plusDays(10).toString()));
            if (value == null) {
                body.remove(field);
            } else {
                body.put(field, value);
            }
            return JSON.writeValueAsString(body);
        };

        assertThat(assign(request.apply("dueOn", today.minusDays(1).toString()), GOVERNANCE))
                .as("due in the past")
                .satisfies(r -> assertProblem(r, 400, "dueOn"));
        assertThat(assign(request.apply("moduleCode", "SMT-01"), GOVERNANCE))
                .as("a module that does not cite the clause")
                .satisfies(r -> assertProblem(r, 400, "moduleCode"));
        assertThat(assign(request.apply("department", "Nowhere"), GOVERNANCE))
                .as("an empty group")
                .satisfies(r -> assertProblem(r, 400, "department"));
        assertThat(assign(request.apply("manager", "10000002"), GOVERNANCE))
                .as("a manager with no one of the department under them")
                .satisfies(r -> assertProblem(r, 400, "manager"));
        assertThat(assign(request.apply("manager", null), nurse).statusCode()).isEqualTo(403);
        assertThat(assign(request.apply("manager", null), manager).statusCode())
                .as("line managers see refreshers, governance assigns them")
                .isEqualTo(403);
        assertThat(mongo.getCollection("targeted_refreshers").countDocuments())
                .as("nothing written by a refused request")
                .isZero();

        String key = java.util.UUID.randomUUID().toString();
        HttpResponse<String> assigned = assign(request.apply("manager", null), GOVERNANCE, key);
        assertThat(assigned.statusCode()).as(assigned.body()).isEqualTo(201);
        JsonNode refresher = JSON.readTree(assigned.body());
        // Assigned again with its key, because the answer was lost: the same refresher, not a second.
        HttpResponse<String> again = assign(request.apply("manager", null), GOVERNANCE, key);
        assertThat(again.statusCode()).as(again.body()).isEqualTo(201);
        assertThat(again.headers().firstValue("Idempotent-Replayed")).hasValue("true");
        assertThat(JSON.readTree(again.body()).get("id").asString())
                .isEqualTo(refresher.get("id").asString());
        assertThat(assign(request.apply("dueOn", today.plusDays(20).toString()), GOVERNANCE, key))
                .as("the key with another refresher")
                .satisfies(r -> assertThat(r.statusCode()).isEqualTo(422));
        assertThat(mongo.getCollection("targeted_refreshers").countDocuments()).isEqualTo(1);
        assertThat(refresher.get("groupSize").asLong())
                .as("chris and alex; not the leaver")
                .isEqualTo(2);
        assertThat(refresher.get("assigned").asLong()).isEqualTo(2);
        assertThat(refresher.get("completed").asLong()).isZero();
        String id = refresher.get("id").asString();

        // alex's to-do list: the module (outside its audience), due in ten days, and nothing about why
        JsonNode todo = null;
        for (JsonNode m : JSON.readTree(
                send(HttpRequest.newBuilder(uri("/api/training/my/modules")).GET(), nurse)
                        .body())) {
            if (m.get("module").get("code").asString().equals("SMT-02")) {
                todo = m;
            }
        }
        assertThat(todo).as("the refresher's module is on the to-do list").isNotNull();
        assertThat(todo.get("status").asString()).isEqualTo("DUE_SOON");
        assertThat(Instant.parse(todo.get("refresherDueAt").asString()))
                .isEqualTo(today.plusDays(11)
                        .atStartOfDay(java.time.ZoneOffset.UTC)
                        .toInstant());
        assertThat(todo.toString()).doesNotContain("4.2\"").doesNotContain(id);
        HttpResponse<String> started = send(
                HttpRequest.newBuilder(uri("/api/training/modules/SMT-02/versions/1/attempts"))
                        .POST(HttpRequest.BodyPublishers.noBody()),
                nurse);
        assertThat(started.statusCode()).as("alex may take it").isEqualTo(201);

        assertThat(status("/api/training/refreshers", nurse)).isEqualTo(403);
        assertThat(JSON.readTree(send(
                                        HttpRequest.newBuilder(uri("/api/training/refreshers"))
                                                .GET(),
                                        manager)
                                .body())
                        .size())
                .as("the manager's department")
                .isEqualTo(1);
        assertThat(JSON.readTree(send(
                                        HttpRequest.newBuilder(uri("/api/training/refreshers"))
                                                .GET(),
                                        otherManager)
                                .body())
                        .size())
                .as("another department's manager sees none")
                .isZero();

        JsonNode department = JSON.readTree(send(
                                HttpRequest.newBuilder(uri("/api/training/compliance/departments/Acute Medicine"))
                                        .GET(),
                                GOVERNANCE)
                        .body())
                .get("modules");
        JsonNode smt02 = null;
        for (JsonNode m : department) {
            if (m.get("moduleCode").asString().equals("SMT-02")) {
                smt02 = m;
            }
        }
        assertThat(smt02.get("total").get("assigned").asLong())
                .as("counts in compliance like any assignment")
                .isEqualTo(2);
        assertThat(smt02.get("total").get("counts").get("DUE_SOON").asLong()).isEqualTo(1);
        assertThat(smt02.get("total").get("counts").get("NOT_STARTED").asLong()).isEqualTo(1);

        Map<String, Object> logged = mongo.getCollection("outbox")
                .find(new org.bson.Document("event.action", "training.refresher.assigned"))
                .first()
                .get("event", org.bson.Document.class);
        assertThat(logged.get("target")).isEqualTo(id);
        assertThat(logged.toString())
                .doesNotContain("10000001")
                .contains("SMT-02/1")
                .contains("SM-001 4.2");

        // alex completes it again: compliant, the refresher no longer due, and the group's progress counts it
        HttpResponse<String> passed = send(
                HttpRequest.newBuilder(uri("/api/training/attempts/"
                                + JSON.readTree(started.body()).get("attemptId").asString() + "/submit"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(
                                "{\"answers\":{\"q1\":[\"b\"],\"q2\":[\"a\",\"c\"],\"q3\":[\"a\"]}}")),
                nurse);
        assertThat(passed.statusCode()).as(passed.body()).isEqualTo(200);
        assertThat(JSON.readTree(passed.body()).get("passed").asBoolean()).isTrue();
        JsonNode alex = null;
        for (JsonNode m : person().get("modules")) {
            if (m.get("moduleCode").asString().equals("SMT-02")) {
                alex = m;
            }
        }
        assertThat(alex.get("status").asString()).isEqualTo("COMPLIANT");
        assertThat(alex.get("refresherDueAt").isNull()).isTrue();
        JsonNode listed = JSON.readTree(send(
                                HttpRequest.newBuilder(uri("/api/training/refreshers"))
                                        .GET(),
                                GOVERNANCE)
                        .body())
                .get(0);
        assertThat(listed.get("completed").asLong()).isEqualTo(1);
        // what a change to 4.2 touches in training: SMT-02, whose two passes are one person's
        assertThat(send(
                                HttpRequest.newBuilder(uri("/api/training/impact/clauses?policyCode=SM-001&clause=4.2"))
                                        .GET(),
                                GOVERNANCE)
                        .body())
                .contains("\"code\":\"SMT-02\",\"version\":1")
                .contains("\"completions\":1}");

        // a stop between writing a refresher and marking its group: the repair marks it
        mongo.getCollection("targeted_refreshers")
                .insertOne(new org.bson.Document("_id", "TR-INTERRUPTED")
                        .append("policyCode", "SM-001")
                        .append("clause", "4.2")
                        .append("department", "Emergency Department")
                        .append("moduleCode", "SMT-02")
                        .append("moduleVersion", 1)
                        .append("assignedAt", java.util.Date.from(now))
                        .append("dueAt", java.util.Date.from(now.plus(Duration.ofDays(5))))
                        .append("groupSize", 1L)
                        .append("applied", false));
        assertThat(refreshers.repair()).isEqualTo(1);
        assertThat(staff.findById("10000002")
                        .orElseThrow()
                        .getRefreshers()
                        .get("SMT-02")
                        .refresherId())
                .isEqualTo("TR-INTERRUPTED");
        assertThat(refreshers.repair()).as("applied now").isZero();
    }

    private HttpResponse<String> assign(String body, String token) throws Exception {
        return assign(body, token, null);
    }

    /** With an {@code Idempotency-Key} ({@code null}: without one). */
    private HttpResponse<String> assign(String body, String token, String key) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri("/api/training/refreshers"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (key != null) {
            request.header("Idempotency-Key", key);
        }
        return send(request, token);
    }

    private static void assertProblem(HttpResponse<String> response, int status, String field) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).contains("application/problem+json");
        assertThat(response.body()).contains("\"" + field + "\"");
    }

    @Test
    void aNewMajorPolicyVersionEndsComplianceAndAnOutageFallsBackToTheLastKnownVersionMarkedStale() throws Exception {
        roster("10000001,Alex Carter,,Acute Medicine,Nursing,,,,true,");
        Instant now = clock.instant();
        standings.record(
                "10000001", completion("SMT-01", "1.2", now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(364))));
        inForce("1.3");
        assertThat(person().get("modules").get(0).get("status").asString())
                .as("a minor version changes nothing")
                .isEqualTo("COMPLIANT");

        inForce("2.0");
        JsonNode afterMajor = person();
        assertThat(afterMajor.get("modules").get(0).get("status").asString()).isEqualTo("EXPIRED");
        assertThat(afterMajor.get("policyVersionMayBeStale").asBoolean()).isFalse();

        policy.stubFor(get(CURRENT).willReturn(aResponse().withStatus(500)));
        JsonNode duringOutage = person();
        assertThat(duringOutage.get("policyVersionMayBeStale").asBoolean()).isTrue();
        assertThat(duringOutage
                        .get("modules")
                        .get(0)
                        .get("policyVersionInForce")
                        .asString())
                .as("last known")
                .isEqualTo("2.0");
        assertThat(duringOutage.get("modules").get(0).get("status").asString()).isEqualTo("EXPIRED");
    }

    @Test
    void aLaterCompletionIsNeverOverwrittenByAnEarlierOneAndCompletionsBeforeJoiningTheRosterAreBroughtIn()
            throws Exception {
        Instant now = clock.instant();
        Attempt.Completion early =
                completion("SMT-01", "2.0", now.minus(Duration.ofDays(300)), now.plus(Duration.ofDays(65)));
        Attempt.Completion late =
                completion("SMT-01", "2.0", now.minus(Duration.ofDays(2)), now.plus(Duration.ofDays(363)));
        roster("10000001,Alex Carter,,Acute Medicine,Nursing,,,,true,");
        standings.record("10000001", late);
        standings.record("10000001", early);
        assertThat(staff.findById("10000001")
                        .orElseThrow()
                        .getStandings()
                        .get("SMT-01")
                        .completedAt())
                .isEqualTo(late.completedAt().truncatedTo(ChronoUnit.MILLIS));

        // Priya passed before HR added her to the roster.
        passedAttempt("a-1", "10000002", late);
        roster("10000002,Priya Shah,,Emergency Department,Medical,,,,true,");
        assertThat(staff.findById("10000002").orElseThrow().getStandings()).containsKey("SMT-01");
    }

    @Test
    void aPassWhoseStandingWasLostIsRepairedOnceAndPassesOutsideTheWindowAreLeftAlone() throws Exception {
        roster("10000001,Alex Carter,,Acute Medicine,Nursing,,,,true,");
        Instant now = clock.instant();
        // The service stopped between the two writes of these passes: the attempts hold them, the roster does not.
        passedAttempt(
                "a-recent",
                "10000001",
                completion("SMT-01", "2.0", now.minus(Duration.ofHours(3)), now.plus(Duration.ofDays(364))));
        passedAttempt(
                "a-old",
                "10000001",
                completion("SMT-02", "2.0", now.minus(Duration.ofDays(30)), now.plus(Duration.ofDays(335))));
        assertThat(staff.findById("10000001").orElseThrow().getStandings()).isEmpty();

        assertThat(standings.repairSince(now.minus(Duration.ofHours(48)))).isEqualTo(1);

        assertThat(staff.findById("10000001").orElseThrow().getStandings()).containsOnlyKeys("SMT-01");
        assertThat(standings.repairSince(now.minus(Duration.ofHours(48))))
                .as("a second run changes nothing")
                .isZero();
    }

    private void passedAttempt(String id, String staffNumber, Attempt.Completion completion) {
        mongo.insert(
                new Document("_id", id)
                        .append("staffNumber", staffNumber)
                        .append("passed", true)
                        .append("status", "SUBMITTED")
                        .append("completion", mongo.getConverter().convertToMongoType(completion)),
                "attempts");
    }

    private void inForce(String version) {
        policy.stubFor(get(CURRENT)
                .willReturn(
                        json("{\"policyCode\":\"SM-001\",\"number\":\"" + version + "\",\"status\":\"PUBLISHED\"}")));
    }

    private JsonNode person() throws Exception {
        HttpResponse<String> response = send(
                HttpRequest.newBuilder(uri("/api/training/compliance/staff/10000001"))
                        .GET(),
                GOVERNANCE);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private Standing standing(Instant now, int expiresInDays, int major) {
        Instant expires = now.plus(Duration.ofDays(expiresInDays));
        return new Standing(1, major + ".0", major, expires.minus(Duration.ofDays(365)), expires, "CERT-X");
    }

    private static Attempt.Completion completion(String module, String policyVersion, Instant at, Instant expires) {
        return new Attempt.Completion(
                "CERT-" + at.toEpochMilli(),
                100,
                module,
                1,
                "Social media",
                "SM-001",
                policyVersion,
                at,
                expires,
                "Alex Carter");
    }

    private static void assertCounts(JsonNode tally, Map<ComplianceStatus, Long> expected) {
        long assigned = expected.values().stream().mapToLong(Long::longValue).sum();
        assertThat(tally.get("assigned").asLong()).isEqualTo(assigned);
        for (ComplianceStatus status : ComplianceStatus.values()) {
            long n = expected.getOrDefault(status, 0L);
            assertThat(tally.get("counts").get(status.name()).asLong())
                    .as(status.name())
                    .isEqualTo(n);
            assertThat(tally.get("percentages").get(status.name()).asDouble())
                    .isEqualTo(Math.round(n * 1000.0 / assigned) / 10.0);
        }
    }

    private void roster(String... rows) throws Exception {
        String csv =
                "staffNumber,name,workEmail,department,staffGroup,registrationBody,registrationNumber,lineManagerStaffNumber,active,leavingDate\n"
                        + String.join("\n", rows) + "\n";
        HttpResponse<String> response = send(
                HttpRequest.newBuilder(uri("/api/training/staff"))
                        .header("Content-Type", "text/csv")
                        .POST(HttpRequest.BodyPublishers.ofString(csv)),
                HR);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(JSON.readTree(response.body()).get("rejected").size())
                .as(response.body())
                .isZero();
    }

    private int status(String path, String token) throws Exception {
        return send(HttpRequest.newBuilder(uri(path)).GET(), token).statusCode();
    }

    private HttpResponse<String> send(HttpRequest.Builder request, String token) throws Exception {
        return http.send(
                request.header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create(base() + path.replace(" ", "%20"));
    }

    private String base() {
        return "http://localhost:" + port;
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(String body) {
        return aResponse().withHeader("Content-Type", "application/json").withBody(body);
    }
}
