package org.trustgov.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.trustgov.auditclient.access.AccessLog;
import org.trustgov.test.IntegrationTest;
import tools.jackson.databind.json.JsonMapper;

/**
 * Figures for the README, not a test: {@code ./mvnw -Pbenchmarks -pl audit-service -am test
 * -Dtest=AccessRecordBenchmark}. What recording who read a case costs the read: 16 readers fetch one incident over
 * HTTP as governance for {@code benchmark.seconds} (5) a round, with access records on and off in alternating rounds
 * on the same warm service, after {@code benchmark.warmRounds} (4) uncounted rounds of each; prints reads a second of
 * each round, the ratio of each pair, and their median, lowest and highest. Target: recording ≥ 0.8× of not recording.
 */
@IntegrationTest
class AccessRecordBenchmark {

    static final int READERS = 16;
    static final int SECONDS = Integer.getInteger("benchmark.seconds", 5);
    static final int ROUNDS = Integer.getInteger("benchmark.rounds", 5);
    static final int WARM_ROUNDS = Integer.getInteger("benchmark.warmRounds", 4);

    @LocalServerPort
    int port;

    @Autowired
    AccessLog accessLog;

    private final HttpClient http = HttpClient.newBuilder()
            .executor(Executors.newFixedThreadPool(READERS))
            .build();

    @Test
    void incidentReadsASecondWithAndWithoutTheirAccessRecords() throws Exception {
        AuditServiceApplicationTest.stubPolicyAndTraining();
        HttpResponse<String> reported = http.send(
                request("/api/audit/incidents")
                        .POST(HttpRequest.BodyPublishers.ofString(JsonMapper.builder()
                                .build()
                                .writeValueAsString(
                                        AuditServiceApplicationTest.request("https://x.example/bench", "4.2"))))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(reported.statusCode()).as(reported.body()).isEqualTo(201);
        String reference = JsonMapper.builder()
                .build()
                .readTree(reported.body())
                .get("reference")
                .asString();
        HttpRequest read = request("/api/audit/incidents/" + reference).GET().build();

        for (int i = 0; i < WARM_ROUNDS; i++) {
            round(read, true);
            round(read, false);
        }
        List<Double> ratios = new ArrayList<>();
        for (int i = 0; i < ROUNDS; i++) {
            double with = round(read, true);
            double without = round(read, false);
            ratios.add(with / without);
            System.out.printf(
                    "access records round %d: with %.0f reads/s, without %.0f reads/s, ratio %.2f×%n",
                    i + 1, with, without, with / without);
        }
        accessLog.recording(true);
        accessLog.flush();
        if (ratios.isEmpty()) {
            // -Dbenchmark.rounds=0 (as in the million-entry verification's command) asks for none
            System.out.println("access records: no rounds asked for (benchmark.rounds=0)");
            return;
        }
        Collections.sort(ratios);
        System.out.printf(
                "access records: recording / not recording, %d readers, median %.2f× (lowest %.2f×, highest %.2f×) over %d rounds%n",
                READERS, ratios.get(ratios.size() / 2), ratios.get(0), ratios.get(ratios.size() - 1), ROUNDS);
    }

    /** Reads a second by {@link #READERS} readers for {@link #SECONDS}, recording on or off. */
    private double round(HttpRequest read, boolean recording) throws Exception {
        accessLog.recording(recording);
        accessLog.flush();
        ExecutorService readers = Executors.newFixedThreadPool(READERS);
        List<Future<Integer>> counts = new ArrayList<>();
        long start = System.nanoTime();
        long end = start + SECONDS * 1_000_000_000L;
        for (int r = 0; r < READERS; r++) {
            counts.add(readers.submit(() -> {
                int n = 0;
                while (System.nanoTime() < end) {
                    HttpResponse<Void> answer = http.send(read, HttpResponse.BodyHandlers.discarding());
                    if (answer.statusCode() != 200) {
                        throw new IllegalStateException("read answered " + answer.statusCode());
                    }
                    n++;
                }
                return n;
            }));
        }
        int total = 0;
        for (Future<Integer> count : counts) {
            total += count.get();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        readers.shutdown();
        return total / seconds;
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", "Bearer " + AuditServiceApplicationTest.GOVERNANCE)
                .header("Content-Type", "application/json");
    }
}
