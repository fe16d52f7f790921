package org.trustgov.audit.crash;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.trustgov.keycloak.test.TestTokens;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * audit-service in a process of its own, on its durable embedded store, treated as a crashing machine would treat
 * it: killed with SIGKILL while services deliver events, then started again. Every event it acknowledged must be in
 * the log after the restart, and every event exactly once after the senders retried what was not acknowledged
 * (as the outboxes do). And after the largest input it accepts, it stops on SIGTERM and starts again cleanly.
 */
class AuditServiceCrashTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String SERVICE = TestTokens.serviceAccount("policy-service", "service");
    private static final String AUDITOR = TestTokens.person("taylor.auditor", "10000006", "Internal Audit", "auditor");

    @TempDir
    Path data;

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private Process service;
    private int port;

    @AfterEach
    void stop() {
        if (service != null) {
            service.destroyForcibly();
        }
    }

    @Test
    void everyAcknowledgedEventSurvivesAKillAndEveryEventIsInTheLogExactlyOnceAfterTheRetries() throws Exception {
        port = freePort();
        start();
        int total = 400;
        Map<String, String> events = new LinkedHashMap<>(); // id -> body
        for (int i = 0; i < total; i++) {
            String id = UUID.randomUUID().toString();
            events.put(id, event(id, Map.of("n", i)));
        }
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        AtomicInteger next = new AtomicInteger();
        AtomicBoolean killed = new AtomicBoolean();
        List<String> ids = new ArrayList<>(events.keySet());
        ExecutorService senders = Executors.newFixedThreadPool(8);
        for (int t = 0; t < 8; t++) {
            senders.submit(() -> {
                for (int i = next.getAndIncrement(); i < total; i = next.getAndIncrement()) {
                    if (deliver(ids.get(i), events.get(ids.get(i)))) {
                        acknowledged.add(ids.get(i));
                    }
                    if (acknowledged.size() >= 150 && killed.compareAndSet(false, true)) {
                        service.destroyForcibly(); // SIGKILL, while the other senders are mid-request
                    }
                }
                return null;
            });
        }
        senders.shutdown();
        assertThat(senders.awaitTermination(2, TimeUnit.MINUTES)).isTrue();
        assertThat(service.waitFor(30, TimeUnit.SECONDS)).isTrue();
        Set<String> acknowledgedBeforeTheKill = Set.copyOf(acknowledged);

        start();
        List<String> logged = loggedEventIds();
        assertThat(logged)
                .as("every event acknowledged before the kill is in the log")
                .containsAll(acknowledgedBeforeTheKill);

        // The senders retry what was never acknowledged, as an outbox does; the log takes each id once.
        for (String id : ids) {
            if (!acknowledged.contains(id)) {
                Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> deliver(id, events.get(id)));
                acknowledged.add(id);
            }
        }
        logged = loggedEventIds();
        Map<String, Integer> counts = new HashMap<>();
        logged.forEach(id -> counts.merge(id, 1, Integer::sum));
        System.out.printf(
                "crash test: %d events sent by 8 senders, %d acknowledged before the SIGKILL, all %d "
                        + "acknowledged after the restart and retries; %d found in the log, %d of them more than once%n",
                total,
                acknowledgedBeforeTheKill.size(),
                acknowledged.size(),
                counts.size(),
                counts.values().stream().filter(c -> c > 1).count());
        assertThat(counts.keySet()).containsExactlyInAnyOrderElementsOf(ids);
        assertThat(counts.values()).as("each event once").containsOnly(1);
        assertThat(get("/api/audit/log/verify", AUDITOR).get("intact").asBoolean())
                .isTrue();
    }

    @Test
    void afterTheLargestInputItAcceptsTheServiceStopsOnSigtermAndStartsAgainWithEverything() throws Exception {
        port = freePort();
        start();
        Map<String, Object> largest = new LinkedHashMap<>();
        for (int i = 0; i < 24; i++) { // 24 branches × (1 + 1 + 1 + 1 leaf) = 96 values, 4 levels, long strings
            largest.put("k" + i, Map.of("a", Map.of("b", List.of("x".repeat(2000)))));
        }
        String id = UUID.randomUUID().toString();
        assertThat(deliver(id, event(id, largest))).isTrue();
        String deeper = UUID.randomUUID().toString();
        assertThat(post(event(deeper, Map.of("a", Map.of("b", Map.of("c", Map.of("d", Map.of("e", 1)))))))
                        .statusCode())
                .as("one level more is refused")
                .isEqualTo(400);

        service.destroy(); // SIGTERM
        assertThat(service.waitFor(60, TimeUnit.SECONDS)).as("stops on SIGTERM").isTrue();
        start();

        assertThat(loggedEventIds()).contains(id).doesNotContain(deeper);
        assertThat(get("/api/audit/log/verify", AUDITOR).get("intact").asBoolean())
                .isTrue();
    }

    private String event(String id, Map<String, Object> details) {
        return JSON.writeValueAsString(Map.of(
                "eventId",
                id,
                "source",
                "policy-service",
                "occurredAt",
                "2026-11-24T10:15:00Z",
                "actor",
                "staff:10000004",
                "action",
                "policy.test.delivered",
                "target",
                "SM-001/1.0",
                "details",
                details));
    }

    /** One delivery; {@code true} when audit-service acknowledged it (201, or 200 for an id it already had). */
    private boolean deliver(String id, String body) {
        try {
            int status = post(body).statusCode();
            return status == 201 || status == 200;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    private HttpResponse<String> post(String body) throws IOException, InterruptedException {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/audit/events"))
                        .timeout(Duration.ofSeconds(10))
                        .header("Authorization", "Bearer " + SERVICE)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private List<String> loggedEventIds() throws Exception {
        List<String> ids = new ArrayList<>();
        long from = 1;
        while (true) {
            JsonNode page = get("/api/audit/log?from=" + from + "&size=1000", AUDITOR);
            if (page.isEmpty()) {
                return ids;
            }
            for (JsonNode entry : page) {
                if (entry.hasNonNull("eventId")) {
                    ids.add(entry.get("eventId").asString());
                }
                from = entry.get("sequence").asLong() + 1;
            }
        }
    }

    private JsonNode get(String path, String token) throws Exception {
        return JSON.readTree(http.send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                                .header("Authorization", "Bearer " + token)
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body());
    }

    private void start() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(
                        java,
                        "-Xmx256m",
                        "-XX:TieredStopAtLevel=1",
                        "-Dtest.public-key=" + TestTokens.publicKeyBase64(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        CrashTestAuditService.class.getName(),
                        "--server.port=" + port,
                        "--spring.profiles.active=test",
                        "--trustgov.mongodb.embedded.persistent=true",
                        "--trustgov.mongodb.embedded.data-dir=" + data.resolve("mongodb"),
                        "--logging.level.root=WARN")
                .redirectErrorStream(true)
                .redirectOutput(data.resolve("service.log").toFile());
        service = builder.start();
        Awaitility.await()
                .atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(300))
                .until(() -> {
                    if (!service.isAlive()) {
                        List<String> log = Files.readAllLines(data.resolve("service.log"));
                        throw new IllegalStateException("audit-service stopped while starting; the end of its log:\n"
                                + String.join("\n", log.subList(Math.max(0, log.size() - 60), log.size())));
                    }
                    try {
                        return http.send(
                                                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                                                                + "/actuator/health/readiness"))
                                                        .build(),
                                                HttpResponse.BodyHandlers.ofString())
                                        .statusCode()
                                == 200;
                    } catch (IOException e) {
                        return false;
                    }
                });
    }

    /**
     * A free port below the kernel's ephemeral range (32768 up on Linux, 49152 up elsewhere): a port the kernel hands
     * out was taken, between the two starts, by a socket the service opened for itself (its embedded store or one of
     * its clients), and the restart failed with "Port … was already in use".
     */
    private static int freePort() throws IOException {
        java.util.Random random = new java.util.Random();
        for (int attempt = 0; attempt < 200; attempt++) {
            int candidate = 20_000 + random.nextInt(12_000);
            try (ServerSocket socket = new ServerSocket(candidate)) {
                return candidate;
            } catch (IOException taken) {
                // another one
            }
        }
        throw new IOException("no free port between 20000 and 32000");
    }
}
