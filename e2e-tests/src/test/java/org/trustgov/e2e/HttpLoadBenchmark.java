package org.trustgov.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

/**
 * HTTP load against the running platform (started with {@code deploy/local/start.sh}, as for the end-to-end suite):
 * {@code load.clients} concurrent clients (16) send requests back to back, with real Keycloak tokens, for
 * {@code load.seconds} (20 s) per scenario after {@code load.warmup-seconds} (60 s) of warm-up. Prints requests per
 * second and latency percentiles; asserts only that every request succeeded, so the figures are of real answers.
 * Runs with {@code ./mvnw -Pbenchmarks -pl e2e-tests -am verify}, never in the normal build.
 */
@StartedPlatform
class HttpLoadBenchmark {

    private static final int CLIENTS = Integer.getInteger("load.clients", 16);
    private static final Duration WARMUP = Duration.ofSeconds(Long.getLong("load.warmup-seconds", 60));
    private static final Duration MEASURE = Duration.ofSeconds(Long.getLong("load.seconds", 20));
    private static final String INCIDENT = """
            {"subjectStaffNumber":"10000002","occurredAt":"2026-11-20T21:30:00Z","platform":"FACEBOOK",
             "category":"PATIENT_IMAGES_WITHOUT_CONSENT","severity":"HIGH","description":"Load test: ward photo %d",
             "breachedClauses":[{"policyCode":"SM-001","policyVersion":"1.0","clauseNumber":"4.2"}]}""";

    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    record Result(
            String name,
            long requests,
            long failures,
            double perSecond,
            double p50,
            double p95,
            double p99,
            double max) {
        @Override
        public String toString() {
            return String.format(
                    Locale.ROOT,
                    "http benchmark: %-58s %,7d requests %5d failed %8.1f req/s   p50 %6.1f ms  p95 %6.1f ms  p99 %6.1f ms  max %6.1f ms",
                    name,
                    requests,
                    failures,
                    perSecond,
                    p50,
                    p95,
                    p99,
                    max);
        }
    }

    @Test
    void throughputAndLatencyThroughTheGatewayAndDirect() throws Exception {
        Http http = new Http();
        http.postJson(
                Platform.GATEWAY + "/api/training/staff",
                http.clientToken("hr-system", "hr-system-secret"),
                DemoRoster.ROWS);
        String clause = "/api/policy/policies/SM-001/versions/current/clauses/4.2";

        // A new token for each scenario: a token lasts 5 minutes, a scenario less, the whole run more.
        List<Result> results = new ArrayList<>();
        results.add(run(
                "clause lookup, policy-service direct",
                http,
                (nurse, i) -> get("http://localhost:" + Platform.POLICY_PORT + clause, nurse)));
        results.add(
                run("clause lookup through the gateway", http, (nurse, i) -> get(Platform.GATEWAY + clause, nurse)));
        results.add(run(
                "my modules through the gateway (training-service)",
                http,
                (nurse, i) -> get(Platform.GATEWAY + "/api/training/my/modules", nurse)));
        results.add(run(
                "report an incident through the gateway (2 Feign calls + log)",
                http,
                (nurse, i) -> HttpRequest.newBuilder(URI.create(Platform.GATEWAY + "/api/audit/incidents"))
                        .timeout(Duration.ofSeconds(30))
                        .header("Authorization", "Bearer " + nurse)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(INCIDENT.formatted(i)))
                        .build()));

        System.out.printf(
                Locale.ROOT,
                "http benchmark: %d clients, %d s warm-up, %d s measured per scenario, %d cores%n",
                CLIENTS,
                WARMUP.toSeconds(),
                MEASURE.toSeconds(),
                Runtime.getRuntime().availableProcessors());
        results.forEach(System.out::println);
        assertThat(results)
                .allSatisfy(r -> assertThat(r.failures()).as(r.name()).isZero());
        assertThat(results)
                .allSatisfy(r -> assertThat(r.requests()).as(r.name()).isPositive());
    }

    private HttpRequest get(String url, String token) {
        return HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token)
                .GET()
                .build();
    }

    /** The requests of one scenario, as alex.nurse: the token (fetched for this scenario) and a running number. */
    interface Scenario {
        HttpRequest request(String token, int number);
    }

    private Result run(String name, Http http, Scenario scenario) throws Exception {
        String nurse = http.personToken("alex.nurse");
        IntFunction<HttpRequest> request = i -> scenario.request(nurse, i);
        load(request, WARMUP, new AtomicInteger());
        AtomicInteger failures = new AtomicInteger();
        long started = System.nanoTime();
        long[] latencies = load(request, MEASURE, failures);
        double seconds = (System.nanoTime() - started) / 1e9;
        Arrays.sort(latencies);
        return new Result(
                name,
                latencies.length,
                failures.get(),
                latencies.length / seconds,
                percentile(latencies, 50),
                percentile(latencies, 95),
                percentile(latencies, 99),
                latencies.length == 0 ? 0 : latencies[latencies.length - 1] / 1e6);
    }

    /** Each client sends its next request as soon as the last one is answered, until the time is up. */
    private long[] load(IntFunction<HttpRequest> request, Duration duration, AtomicInteger failures) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
        AtomicInteger sequence = new AtomicInteger();
        long deadline = System.nanoTime() + duration.toNanos();
        try {
            List<Future<long[]>> clients = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                clients.add(pool.submit(() -> {
                    long[] own = new long[1024];
                    int n = 0;
                    while (System.nanoTime() < deadline) {
                        long start = System.nanoTime();
                        HttpResponse<Void> response = client.send(
                                request.apply(sequence.incrementAndGet()), HttpResponse.BodyHandlers.discarding());
                        long took = System.nanoTime() - start;
                        if (response.statusCode() >= 300) {
                            failures.incrementAndGet();
                        }
                        if (n == own.length) {
                            own = Arrays.copyOf(own, n * 2);
                        }
                        own[n++] = took;
                    }
                    return Arrays.copyOf(own, n);
                }));
            }
            long[] all = new long[0];
            for (Future<long[]> c : clients) {
                long[] own = c.get();
                int before = all.length;
                all = Arrays.copyOf(all, before + own.length);
                System.arraycopy(own, 0, all, before, own.length);
            }
            return all;
        } finally {
            pool.shutdownNow();
        }
    }

    private static double percentile(long[] sorted, int p) {
        if (sorted.length == 0) {
            return 0;
        }
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(index, sorted.length - 1))] / 1e6;
    }
}
