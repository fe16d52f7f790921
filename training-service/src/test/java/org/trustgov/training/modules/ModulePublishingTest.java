package org.trustgov.training.modules;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.trustgov.keycloak.Caller;
import org.trustgov.keycloak.test.TestTokens;
import org.trustgov.test.IntegrationTest;
import org.trustgov.test.OtherServices;
import tools.jackson.databind.json.JsonMapper;

/**
 * Publishing a module asks policy-service (WireMock here, and Keycloak's token endpoint) whether the taught policy
 * version is published. Each answer and each fault has its documented outcome, and a failed check changes nothing.
 */
@IntegrationTest
class ModulePublishingTest {

    static final WireMockServer policy = OtherServices.wireMock();
    static final String VERSION = "/api/policy/policies/SM-001/versions/1.0";
    /** A code of its own, so drafts never collide with the modules other test classes create in the shared context. */
    static final String CODE = "SMT-PUBLISHING";

    static final AtomicInteger next = new AtomicInteger(1);

    @LocalServerPort
    int port;

    @Autowired
    ModuleService modules;

    @Autowired
    CircuitBreakerRegistry breakers;

    private final HttpClient http = HttpClient.newHttpClient();
    private final String governance =
            TestTokens.person("morgan.governance", "10000004", "Clinical Governance", "staff", "governance");

    @BeforeEach
    void reset() {
        OtherServices.reset();
        policy.stubFor(post("/token")
                .willReturn(json("{\"access_token\":\"service-token\",\"token_type\":\"Bearer\",\"expires_in\":300}")));
        breakers.circuitBreaker(ModuleService.POLICY).reset();
    }

    @Test
    void aPublishedPolicyVersionLetsTheModulePublishAndTheCallCarriesTheServiceToken() throws Exception {
        policy.stubFor(
                get(VERSION)
                        .willReturn(
                                json(
                                        "{\"policyCode\":\"SM-001\",\"number\":\"1.0\",\"status\":\"PUBLISHED\",\"contentHash\":\"sha256:abc\",\"clauses\":[]}")));
        int version = draft();

        HttpResponse<String> response = publish(version);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body())
                .contains("\"status\":\"PUBLISHED\"")
                .contains("\"policyContentHash\":\"sha256:abc\"");
        policy.verify(
                getRequestedFor(urlEqualTo(VERSION)).withHeader("Authorization", equalTo("Bearer service-token")));
    }

    /**
     * Sections and questions cite clauses of the version they teach: publishing refuses a clause the version does not
     * have (409 naming where, the draft kept), and a published module is found by the clauses it cites.
     */
    @Test
    void citedClausesMustBeTheTaughtVersionsAndThePublishedModuleIsFoundByTheClause() throws Exception {
        policy.stubFor(
                get(VERSION)
                        .willReturn(
                                json(
                                        "{\"policyCode\":\"SM-001\",\"number\":\"1.0\",\"status\":"
                                                + "\"PUBLISHED\",\"contentHash\":\"sha256:abc\",\"clauses\":[{\"number\":\"4.2\"},{\"number\":\"5.1\"}]}")));
        int wrong = draft(List.of("4.2"), List.of("9.9"));
        HttpResponse<String> refused = publish(wrong);
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(409);
        assertThat(refused.body()).contains("questions[0].clauses[0]").contains("clause 9.9");
        assertThat(modules.get(CODE, wrong).getStatus()).isEqualTo(TrainingModule.Status.DRAFT);

        int right = draft(List.of("4.2"), List.of("4.2", "5.1"));
        assertThat(publish(right).statusCode()).isEqualTo(200);
        HttpResponse<String> onFiveOne = send(
                HttpRequest.newBuilder(uri("/citing?policyCode=SM-001&clause=5.1"))
                        .GET(),
                governance);
        assertThat(onFiveOne.statusCode()).as(onFiveOne.body()).isEqualTo(200);
        assertThat(onFiveOne.body())
                .contains("\"code\":\"" + CODE + "\"")
                .contains("\"version\":" + right)
                .contains("\"sections\":[]")
                .contains("\"questions\":[\"q1\"]");
        assertThat(send(
                                HttpRequest.newBuilder(uri("/citing?policyCode=SM-001&clause=4.2"))
                                        .GET(),
                                governance)
                        .body())
                .contains("\"sections\":[\"Why\"]");
        assertThat(send(
                                HttpRequest.newBuilder(uri("/citing?policyCode=SM-001&clause=7.7"))
                                        .GET(),
                                governance)
                        .body())
                .doesNotContain(CODE);
        // What a change to 5.1 and 7.7 touches in training: this module (citing 5.1), and its completions (none).
        HttpResponse<String> impact = send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port
                                + "/api/training/impact/clauses?policyCode=SM-001&clause=5.1&clause=7.7"))
                        .GET(),
                TestTokens.serviceAccount("policy-service", "service"));
        assertThat(impact.statusCode()).as(impact.body()).isEqualTo(200);
        assertThat(impact.body())
                .contains("\"code\":\"" + CODE + "\",\"version\":" + right)
                .contains("\"clauses\":[\"5.1\"],\"completions\":0");
        HttpResponse<String> badClause = send(
                HttpRequest.newBuilder(uri("/citing?policyCode=SM-001&clause=4.2x"))
                        .GET(),
                governance);
        assertThat(badClause.statusCode()).isEqualTo(400);
        assertThat(badClause.body()).contains("clause");
        String nurse = TestTokens.person("alex.nurse", "10000001", "Acute Medicine", "staff");
        assertThat(send(
                                HttpRequest.newBuilder(uri("/citing?policyCode=SM-001&clause=4.2"))
                                        .GET(),
                                nurse)
                        .statusCode())
                .isEqualTo(403);
    }

    /**
     * A newer approved version of the policy that changes a clause a published module cites flags the module for
     * review (not one that changes only clauses it does not cite); governance confirming it still holds clears the
     * flag, once, and policy-service being down is named rather than failing.
     */
    @Test
    void anApprovedVersionChangingACitedClauseFlagsTheModuleUntilGovernanceConfirmsIt() throws Exception {
        policy.stubFor(
                get(VERSION)
                        .willReturn(
                                json(
                                        "{\"policyCode\":\"SM-001\",\"number\":\"1.0\",\"status\":"
                                                + "\"PUBLISHED\",\"contentHash\":\"sha256:abc\",\"clauses\":[{\"number\":\"4.2\"},{\"number\":\"5.1\"}]}")));
        int version = draft(List.of("4.2"), List.of("4.2"));
        assertThat(publish(version).statusCode()).isEqualTo(200);
        policy.stubFor(
                get("/api/policy/policies/SM-001/versions")
                        .willReturn(
                                json(
                                        "[{\"number\":\"1.2\",\"status\":\"DRAFT\"},"
                                                + "{\"number\":\"1.1\",\"status\":\"APPROVED\"},{\"number\":\"1.0\",\"status\":\"PUBLISHED\"}]")));
        policy.stubFor(get("/api/policy/policies/SM-001/versions/compare?from=1.0&to=1.1")
                .willReturn(json("{\"added\":[],\"removed\":[{\"number\":\"9.1\"}],"
                        + "\"changed\":[{\"number\":\"4.2\"},{\"number\":\"5.1\"}],\"unchanged\":[]}")));

        HttpResponse<String> flagged =
                send(HttpRequest.newBuilder(uri("/reviews")).GET(), governance);
        assertThat(flagged.statusCode()).as(flagged.body()).isEqualTo(200);
        assertThat(flagged.body())
                .contains("\"moduleCode\":\"" + CODE + "\",\"moduleVersion\":" + version)
                .contains("\"taughtVersion\":\"1.0\",\"newerVersion\":\"1.1\",\"newerStatus\":\"APPROVED\"")
                .contains("\"clauses\":[\"4.2\"]") // 5.1 changed too, but this module does not cite it
                .contains("\"missing\":[]");
        String nurse = TestTokens.person("alex.nurse", "10000001", "Acute Medicine", "staff");
        assertThat(send(HttpRequest.newBuilder(uri("/reviews")).GET(), nurse).statusCode())
                .isEqualTo(403);
        String author = TestTokens.person("pat.author", "10000008", "Communications", "staff", "policy-author");
        assertThat(confirm("1.1", author).statusCode())
                .as("governance confirms, authors see")
                .isEqualTo(403);
        HttpResponse<String> wrongVersion = confirm("1.2", governance);
        assertThat(wrongVersion.statusCode()).as(wrongVersion.body()).isEqualTo(409);
        assertThat(wrongVersion.body()).contains("not flagged for review against version 1.2");
        HttpResponse<String> badVersion = confirm("1.1; drop", governance);
        assertThat(badVersion.statusCode()).isEqualTo(400);
        assertThat(badVersion.body()).contains("policyVersion");

        HttpResponse<String> confirmed = confirm("1.1", governance);
        assertThat(confirmed.statusCode()).as(confirmed.body()).isEqualTo(200);
        assertThat(send(HttpRequest.newBuilder(uri("/reviews")).GET(), governance)
                        .body())
                .doesNotContain(CODE);
        assertThat(confirm("1.1", governance).statusCode()).as("confirmed once").isEqualTo(409);

        policy.stubFor(get("/api/policy/policies/SM-001/versions")
                .willReturn(aResponse().withStatus(503)));
        breakers.circuitBreaker(ModuleService.POLICY).reset();
        HttpResponse<String> down = send(HttpRequest.newBuilder(uri("/reviews")).GET(), governance);
        assertThat(down.statusCode()).isEqualTo(200);
        assertThat(down.body()).contains("\"missing\":[\"policy-service\"]");
    }

    private HttpResponse<String> confirm(String policyVersion, String token) throws Exception {
        return send(
                HttpRequest.newBuilder(uri("/" + CODE + "/reviews"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"policyVersion\":\"" + policyVersion + "\"}")),
                token);
    }

    @Test
    void aSupersededPolicyVersionIs409() throws Exception {
        policy.stubFor(get(VERSION)
                .willReturn(json("{\"policyCode\":\"SM-001\",\"number\":\"1.0\",\"status\":\"SUPERSEDED\"}")));

        assertRefused(draft(), 409);
    }

    @Test
    void anUnknownPolicyVersionIs409AndIsNotRetried() throws Exception {
        policy.stubFor(get(VERSION).willReturn(aResponse().withStatus(404)));

        assertRefused(draft(), 409);
        policy.verify(1, getRequestedFor(urlEqualTo(VERSION)));
    }

    @Test
    void aServerErrorIsRetriedThen503() throws Exception {
        policy.stubFor(get(VERSION).willReturn(aResponse().withStatus(500)));

        assertRefused(draft(), 503);
        policy.verify(3, getRequestedFor(urlEqualTo(VERSION)));
    }

    @Test
    void anAnswerSlowerThanTheTimeLimitIs503() throws Exception {
        policy.stubFor(
                get(VERSION).willReturn(json("{\"status\":\"PUBLISHED\"}").withFixedDelay(1500)));

        assertRefused(draft(), 503);
    }

    @Test
    void aConnectionResetIs503() throws Exception {
        policy.stubFor(get(VERSION).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

        assertRefused(draft(), 503);
    }

    @Test
    void aMalformedBodyIs503() throws Exception {
        policy.stubFor(get(VERSION).willReturn(json("{\"status\": ")));

        assertRefused(draft(), 503);
    }

    @Test
    void learnersNeverSeeAnswersAndStaffCannotManageModules() throws Exception {
        policy.stubFor(get(VERSION).willReturn(json("{\"status\":\"PUBLISHED\",\"contentHash\":\"sha256:abc\"}")));
        int version = draft();
        publish(version);
        String nurse = TestTokens.person("alex.nurse", "10000001", "Acute Medicine", "staff");

        HttpResponse<String> learner = send(
                HttpRequest.newBuilder(uri("/" + CODE + "/versions/" + version)).GET(), nurse);
        assertThat(learner.statusCode()).isEqualTo(200);
        assertThat(learner.body()).contains("\"options\"").doesNotContain("correct");
        assertThat(send(
                                HttpRequest.newBuilder(uri("/" + CODE + "/versions/" + version + "/manage"))
                                        .GET(),
                                nurse)
                        .statusCode())
                .isEqualTo(403);
        assertThat(send(
                                HttpRequest.newBuilder(uri("/" + CODE + "/versions/" + version + "/publish"))
                                        .POST(HttpRequest.BodyPublishers.noBody()),
                                nurse)
                        .statusCode())
                .isEqualTo(403);
    }

    @Test
    void concurrentPublicationsLeaveExactlyOnePublishedVersion() throws Exception {
        policy.stubFor(get(VERSION).willReturn(json("{\"status\":\"PUBLISHED\",\"contentHash\":\"sha256:abc\"}")));
        List<Integer> drafts = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            drafts.add(draft());
        }
        ExecutorService pool = Executors.newFixedThreadPool(drafts.size());
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Integer>> answers = new ArrayList<>();
        for (int version : drafts) {
            answers.add(pool.submit(() -> {
                go.await();
                return publish(version).statusCode();
            }));
        }
        go.countDown();
        List<Integer> statuses = new ArrayList<>();
        for (var answer : answers) {
            statuses.add(answer.get(60, TimeUnit.SECONDS));
        }
        pool.shutdown();

        assertThat(statuses).containsOnly(200, 409).contains(200);
        long published = modules.all().stream()
                .filter(m -> m.getCode().equals(CODE))
                .filter(m -> m.getStatus() == TrainingModule.Status.PUBLISHED)
                .count();
        assertThat(published).as("exactly one version in force, whatever won").isEqualTo(1);
        assertThat(modules.published().stream()
                        .filter(m -> m.getCode().equals(CODE))
                        .count())
                .isEqualTo(1);
    }

    @Test
    void aRefresherPeriodNobodyCouldPassIsRefusedOnWrite() throws Exception {
        for (String period : List.of("P", "P999999999Y", "P0D", "P-1Y", "PT1H", "P20Y", "P1W")) {
            String body = JsonMapper.builder()
                    .build()
                    .writeValueAsString(Map.of(
                            "code",
                            CODE,
                            "version",
                            900,
                            "title",
                            "t",
                            "sections",
                            List.of(Map.of("heading", "h", "markdown", "m")),
                            "policyCode",
                            "SM-001",
                            "policyVersion",
                            "1.0",
                            "questions",
                            List.of(Map.of(
                                    "id",
                                    "q1",
                                    "text",
                                    "?",
                                    "type",
                                    "SINGLE_CHOICE",
                                    "options",
                                    List.of(Map.of("id", "a", "text", "A"), Map.of("id", "b", "text", "B")),
                                    "correct",
                                    List.of("b"))),
                            "passMark",
                            80,
                            "refresherPeriod",
                            period));
            HttpResponse<String> response = send(
                    HttpRequest.newBuilder(uri(""))
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(body)),
                    governance);
            assertThat(response.statusCode())
                    .as(period + ": " + response.body())
                    .isEqualTo(400);
            assertThat(response.body()).contains("refresherPeriod");
        }
    }

    private void assertRefused(int version, int status) throws Exception {
        HttpResponse<String> response = publish(version);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).contains("application/problem+json");
        assertThat(modules.get(CODE, version).getStatus()).as("nothing changed").isEqualTo(TrainingModule.Status.DRAFT);
    }

    private int draft() {
        return draft(null, null);
    }

    private int draft(List<String> sectionCites, List<String> questionCites) {
        int version = next.getAndIncrement();
        Question question = TrainingModuleTest.question("q1", Question.Type.SINGLE_CHOICE, Set.of("b"));
        modules.create(
                new ModuleRequest(
                        CODE,
                        version,
                        "Social media",
                        List.of(new ModuleRequest.Section("Why", "text", sectionCites)),
                        "SM-001",
                        "1.0",
                        List.of(new Question(
                                question.id(),
                                question.text(),
                                question.type(),
                                question.options(),
                                question.correct(),
                                questionCites)),
                        80,
                        "P1Y",
                        List.of("All staff"),
                        List.of()),
                new Caller(
                        "g",
                        "morgan.governance",
                        "10000004",
                        "Clinical Governance",
                        Set.of("governance"),
                        "demo-cli",
                        false));
        return version;
    }

    private HttpResponse<String> publish(int version) throws Exception {
        return send(
                HttpRequest.newBuilder(uri("/" + CODE + "/versions/" + version + "/publish"))
                        .POST(HttpRequest.BodyPublishers.noBody()),
                governance);
    }

    private HttpResponse<String> send(HttpRequest.Builder request, String token) throws Exception {
        return http.send(
                request.header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + "/api/training/modules" + path);
    }

    private static ResponseDefinitionBuilder json(String body) {
        return aResponse().withHeader("Content-Type", "application/json").withBody(body);
    }
}
