package org.trustgov.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The platform as a trust runs it, two of everything: any gateway replica serves any request of a browser session
 * (sessions, the login's state and PKCE verifier, and the users' tokens are in Redis), the per-caller limit is one
 * limit over both replicas, and two audit-service instances append to one chain without forking or gapping it.
 * Requests here go straight to one replica or the other, so nothing is left to the load balancer's choice.
 */
@StartedPlatform
class ReplicasIT {

    private static final int GATEWAY_A = Platform.instancePort(Platform.GATEWAY_PORT, 1);
    private static final int GATEWAY_B = Platform.instancePort(Platform.GATEWAY_PORT, 2);
    /** What the load balancer passes on: the public address, whichever replica takes the request. */
    private static final String PUBLIC_HOST = "localhost:" + Platform.GATEWAY_PORT;

    private static final Pattern FORM_ACTION =
            Pattern.compile("<form[^>]*id=\"kc-form-login\"[^>]*action=\"([^\"]+)\"");

    // HTTP/1.1 with kept connections, as a browser or HR client talks to the gateway (no h2c upgrade attempts).
    private final HttpClient raw = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    private final HttpClient keycloak = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .cookieHandler(new LocalhostCookieJar())
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    private final Map<String, String> gatewayCookies = new ConcurrentHashMap<>();
    private final Http http = new Http();

    @Test
    void aLoginStartedOnOneReplicaEndsOnTheOtherAndTheSessionServesAndEndsOnBoth() throws Exception {
        // Replica A sends the browser to Keycloak, keeping state and PKCE verifier in the (shared) session.
        HttpResponse<String> toKeycloak = gateway(GATEWAY_A, "GET", "/oauth2/authorization/keycloak", null);
        assertThat(toKeycloak.statusCode()).isEqualTo(302);
        String authorize = toKeycloak.headers().firstValue("Location").orElseThrow();
        assertThat(authorize).contains("code_challenge_method=S256");

        HttpResponse<String> loginPage = send(
                keycloak, HttpRequest.newBuilder(URI.create(authorize)).GET().build());
        Matcher action = FORM_ACTION.matcher(loginPage.body());
        assertThat(action.find()).as("Keycloak's login form").isTrue();
        HttpResponse<String> signedIn = send(
                keycloak,
                HttpRequest.newBuilder(URI.create(action.group(1).replace("&amp;", "&")))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(Http.formBody(
                                Map.of("username", "alex.nurse", "password", Http.PASSWORD, "credentialId", ""))))
                        .build());
        URI callback = URI.create(signedIn.headers().firstValue("Location").orElseThrow());
        assertThat(callback.getPath()).isEqualTo("/login/oauth2/code/keycloak");

        // Keycloak's answer comes back to replica B, which finds the login's state in Redis and completes it.
        HttpResponse<String> completed =
                gateway(GATEWAY_B, "GET", callback.getRawPath() + "?" + callback.getRawQuery(), null);
        assertThat(completed.statusCode()).as(completed.body()).isEqualTo(302);
        assertThat(completed.headers().firstValue("Location").orElseThrow()).doesNotContain("error");

        // The session cookie alone: who I am on A, the API through B with my token relayed, and again through A.
        assertThat(Http.json(gateway(GATEWAY_A, "GET", "/session/me", null))
                        .get("staffNumber")
                        .asString())
                .isEqualTo("10000001");
        assertThat(gateway(GATEWAY_B, "GET", "/api/training/modules", null).statusCode())
                .isEqualTo(200);
        assertThat(gateway(GATEWAY_A, "GET", "/api/policy/attestations/mine", null)
                        .statusCode())
                .isEqualTo(200);

        // Signing out on B ends the session everywhere.
        HttpResponse<String> logout = gateway(GATEWAY_B, "POST", "/logout", gatewayCookies.get("XSRF-TOKEN"));
        assertThat(logout.statusCode()).as(logout.body()).isEqualTo(302);
        assertThat(gateway(GATEWAY_A, "GET", "/session/me", null).body()).contains("\"authenticated\":false");
        assertThat(gateway(GATEWAY_A, "GET", "/api/policy/attestations/mine", null)
                        .statusCode())
                .isEqualTo(401);
    }

    @Test
    void oneCallersBurstSpreadOverBothReplicasMeetsOneLimit() throws Exception {
        // The gateways allow a caller bursts of 100 requests, refilled at 20 a second (the defaults). Sixteen
        // connections send 400 requests as fast as they are answered, alternating between the replicas, to a path no
        // service serves (the gateway answers 404 itself, so no service slows the burst): with one limit for both
        // replicas about 100 get through, plus what refills meanwhile; with a limit per replica it would be 200 and
        // more.
        String token = http.clientToken("audit-service", "audit-service-secret");
        AtomicInteger next = new AtomicInteger();
        AtomicIntegerArray passedBy = new AtomicIntegerArray(2);
        AtomicIntegerArray refusedBy = new AtomicIntegerArray(2);
        ExecutorService connections = Executors.newFixedThreadPool(16);
        long started = System.nanoTime();
        List<Future<?>> workers = new ArrayList<>();
        for (int c = 0; c < 16; c++) {
            workers.add(connections.submit(() -> {
                for (int i = next.getAndIncrement(); i < 400; i = next.getAndIncrement()) {
                    int replica = i % 2;
                    int status = send(
                                    raw,
                                    HttpRequest.newBuilder(URI.create("http://localhost:"
                                                    + (replica == 0 ? GATEWAY_A : GATEWAY_B) + "/api/nowhere/" + i))
                                            .header("Authorization", "Bearer " + token)
                                            .timeout(Duration.ofSeconds(30))
                                            .GET()
                                            .build())
                            .statusCode();
                    if (status == 429) {
                        refusedBy.incrementAndGet(replica);
                    } else {
                        assertThat(status)
                                .as("the gateway's own answer: no such route")
                                .isEqualTo(404);
                        passedBy.incrementAndGet(replica);
                    }
                }
                return null;
            }));
        }
        for (Future<?> worker : workers) {
            worker.get();
        }
        connections.shutdown();
        double seconds = (System.nanoTime() - started) / 1e9;
        int passed = passedBy.get(0) + passedBy.get(1);
        System.out.printf(
                "ReplicasIT: 400 requests in %.1f s over two replicas: %d passed (A %d, B %d), %d refused%n",
                seconds, passed, passedBy.get(0), passedBy.get(1), refusedBy.get(0) + refusedBy.get(1));
        // One shared bucket lets through at most 100 + 20/s × t; a bucket per replica would let through
        // min(400, 200 + 40/s × t), more than that for any t.
        assertThat(passed)
                .as("one limit for both replicas: the burst of 100 plus 20/s for %.1f s", seconds)
                .isBetween(100, 100 + (int) Math.ceil(20 * seconds) + 5);
        assertThat(refusedBy.get(0)).as("refused on A").isPositive();
        assertThat(refusedBy.get(1)).as("refused on B").isPositive();
    }

    @Test
    void anInstanceKilledUnderLoadCostsAGetNothing() throws Exception {
        // Five people read policies through the public address (HAProxy, then either gateway, then HAProxy and
        // either policy-service), each below the per-caller limit, while the second policy-service and then the
        // second gateway are killed outright.
        List<String> people = List.of("alex.nurse", "priya.doctor", "jordan.author", "chris.manager", "taylor.auditor");
        Map<String, String> tokens = new ConcurrentHashMap<>();
        people.forEach(p -> tokens.put(p, http.personToken(p)));
        HttpClient client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
        Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
        AtomicInteger afterBothKills = new AtomicInteger();
        java.util.concurrent.atomic.AtomicBoolean bothKilled = new java.util.concurrent.atomic.AtomicBoolean();
        List<String> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        long end = System.nanoTime() + Duration.ofSeconds(14).toNanos();
        ExecutorService pool = Executors.newFixedThreadPool(people.size());
        List<Future<?>> readers = new ArrayList<>();
        for (String person : people) {
            readers.add(pool.submit(() -> {
                while (System.nanoTime() < end) {
                    try {
                        HttpResponse<String> answer = client.send(
                                HttpRequest.newBuilder(URI.create(Platform.GATEWAY + "/api/policy/policies"))
                                        .header("Authorization", "Bearer " + tokens.get(person))
                                        .timeout(Duration.ofSeconds(30))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString());
                        statuses.computeIfAbsent(answer.statusCode(), k -> new AtomicInteger())
                                .incrementAndGet();
                        if (bothKilled.get()) {
                            afterBothKills.incrementAndGet();
                        }
                        if (answer.statusCode() >= 500) {
                            failures.add(answer.statusCode() + " " + answer.body());
                        }
                    } catch (java.io.IOException e) {
                        failures.add("cut: " + e);
                    }
                    Thread.sleep(80); // about 12 a second each, below the limit of 20
                }
                return null;
            }));
        }
        try {
            Thread.sleep(3_000);
            Platform.kill("policy-service-2");
            Thread.sleep(4_000);
            Platform.kill("gateway-service-2");
            bothKilled.set(true);
            for (Future<?> reader : readers) {
                reader.get(60, java.util.concurrent.TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
            Platform.startMissing(); // the other tests find two of everything again
        }
        int answered = statuses.values().stream().mapToInt(AtomicInteger::get).sum();
        // A response whose headers were already on their way when its instance died cannot be taken back by any
        // proxy (HAProxy forwards headers as they come; buffering every response would cost every request): the
        // client sees it cut part-way. That window is the instant of the kill; everything else must be a 200.
        List<String> midResponse = failures.stream()
                .filter(f -> f.startsWith("cut: ") && f.contains("bytes received"))
                .toList();
        System.out.printf(
                "instance kill figures: %d GETs (%d after both kills), statuses %s, %d cut part-way through the answer, other failures %s%n",
                answered,
                afterBothKills.get(),
                statuses,
                midResponse.size(),
                failures.stream().filter(f -> !midResponse.contains(f)).toList());
        assertThat(failures)
                .as("no 5xx and no connection refused or reset before an answer, of %d GETs", answered)
                .allMatch(midResponse::contains);
        assertThat(midResponse)
                .as("only an answer under way at the instant of a kill is cut")
                .hasSizeLessThanOrEqualTo(2);
        assertThat(statuses.keySet()).as("every GET answered 200").containsOnly(200);
        assertThat(afterBothKills.get())
                .as("GETs answered after both kills, by the instances left")
                .isGreaterThan(20);
    }

    @Test
    void twoAuditServiceInstancesAppendingAtOnceKeepOneUnbrokenChain() {
        String nurse = http.personToken("priya.doctor");
        String auditor = http.personToken("taylor.auditor");
        HttpResponse<String> first = http.get(Platform.GATEWAY + "/api/audit/log/verify", auditor);
        assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
        var head = Http.json(first).get("head");
        long before = head == null || head.isNull() ? 0 : head.get("sequence").asLong(); // null: nothing logged yet
        List<CompletableFuture<HttpResponse<String>>> reports = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            int port = Platform.instancePort(Platform.AUDIT_PORT, 1 + i % 2);
            reports.add(raw.sendAsync(
                    HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/audit/incidents"))
                            .header("Authorization", "Bearer " + nurse)
                            .header("Content-Type", "application/json")
                            .timeout(Duration.ofSeconds(30))
                            .POST(HttpRequest.BodyPublishers.ofString(Http.JSON.writeValueAsString(Map.of(
                                    "subjectStaffNumber",
                                    "10000001",
                                    "occurredAt",
                                    "2026-11-21T10:00:00Z",
                                    "platform",
                                    "X",
                                    "category",
                                    "OTHER",
                                    "severity",
                                    "LOW",
                                    "description",
                                    "Replica test report " + i,
                                    "breachedClauses",
                                    List.of(Map.of(
                                            "policyCode", "SM-001", "policyVersion", "1.0", "clauseNumber", "4.2"))))))
                            .build(),
                    HttpResponse.BodyHandlers.ofString()));
        }
        for (CompletableFuture<HttpResponse<String>> report : reports) {
            HttpResponse<String> answer = report.join();
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(201);
        }

        var verification = Http.json(http.get(Platform.GATEWAY + "/api/audit/log/verify", auditor));
        assertThat(verification.get("intact").asBoolean())
                .as(verification.toString())
                .isTrue();
        assertThat(verification.get("complete").asBoolean()).isTrue();
        assertThat(verification.get("head").get("sequence").asLong())
                .as("every report's entry is in the one chain")
                .isGreaterThanOrEqualTo(before + 20);
    }

    /** A request to one gateway replica as the load balancer passes it on, with the session's cookies. */
    private HttpResponse<String> gateway(int port, String method, String pathAndQuery, String csrf) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + pathAndQuery))
                .header("Host", PUBLIC_HOST)
                .header("Accept", "text/html,application/json")
                .timeout(Duration.ofSeconds(30))
                .method(method, HttpRequest.BodyPublishers.noBody());
        if (!gatewayCookies.isEmpty()) {
            request.header(
                    "Cookie",
                    String.join(
                            "; ",
                            gatewayCookies.entrySet().stream()
                                    .map(e -> e.getKey() + "=" + e.getValue())
                                    .toList()));
        }
        if (csrf != null) {
            request.header("X-XSRF-TOKEN", URLDecoder.decode(csrf, StandardCharsets.UTF_8));
        }
        HttpResponse<String> response = send(raw, request.build());
        for (String cookie : response.headers().allValues("Set-Cookie")) {
            String pair = cookie.split(";", 2)[0];
            int eq = pair.indexOf('=');
            String name = pair.substring(0, eq);
            String value = pair.substring(eq + 1);
            if (value.isEmpty() || cookie.toLowerCase().contains("max-age=0")) {
                gatewayCookies.remove(name);
            } else {
                gatewayCookies.put(name, value);
            }
        }
        return response;
    }

    private static HttpResponse<String> send(HttpClient client, HttpRequest request) {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(request.method() + " " + request.uri() + " failed", e);
        }
    }
}
