package org.trustgov.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * One trace for one incident report, across the platform: the gateway starts it and passes it on (W3C traceparent)
 * to audit-service, whose Feign calls carry it on to policy-service (the clause check) and training-service (the
 * subject's training), together with the request id. Read from the applications' own log lines.
 */
@StartedPlatform
class TracingIT {

    private final Http http = new Http();

    @Test
    void anIncidentReportIsOneTraceFromTheGatewayThroughAuditServiceIntoPolicyAndTrainingService() {
        String requestId = "trace-" + UUID.randomUUID().toString().substring(0, 8);
        HttpResponse<String> reported = http.postJsonWithHeaders(
                Platform.GATEWAY + "/api/audit/incidents",
                http.personToken("alex.nurse"),
                Map.of("X-Request-Id", requestId),
                Map.of(
                        "subjectStaffNumber",
                        "10000002",
                        "occurredAt",
                        "2026-11-22T08:00:00Z",
                        "platform",
                        "INSTAGRAM",
                        "category",
                        "CONFIDENTIALITY_BREACH",
                        "severity",
                        "MODERATE",
                        "description",
                        "A story showing the ward's whiteboard.",
                        "breachedClauses",
                        // A clause no other test cites in a report: audit-service asks policy-service about a
                        // published clause once and then remembers it, so only a first citing reaches policy-service.
                        List.of(Map.of("policyCode", "SM-001", "policyVersion", "1.0", "clauseNumber", "3.1"))));
        assertThat(reported.statusCode()).as(reported.body()).isEqualTo(201);

        Pattern gatewayLine = Pattern.compile(
                Pattern.quote("[" + requestId + "]") + ".*POST /api/audit/incidents -> 201 .*trace ([0-9a-f]{32})");
        Pattern serviceLine = Pattern.compile(Pattern.quote("[" + requestId + " ") + "([0-9a-f]{32})\\]");
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            Set<String> gateway = traces("gateway-service", gatewayLine);
            Set<String> audit = traces("audit-service", serviceLine);
            Set<String> policy = traces("policy-service", serviceLine);
            Set<String> training = traces("training-service", serviceLine);
            assertThat(gateway).as("the gateway's access line").hasSize(1);
            assertThat(audit).as("audit-service, under the gateway's trace").isEqualTo(gateway);
            assertThat(policy).as("policy-service's clause check, same trace").isEqualTo(gateway);
            assertThat(training).as("training-service's snapshot, same trace").isEqualTo(gateway);
        });
    }

    /** The trace ids on the lines of an application's logs (all its instances) that match. */
    private static Set<String> traces(String application, Pattern line) {
        Set<String> found = new TreeSet<>();
        try (Stream<Path> logs = Files.list(Platform.logs())) {
            for (Path log : logs.filter(f -> f.getFileName().toString().startsWith(application))
                    .toList()) {
                for (String text : Files.readAllLines(log)) {
                    Matcher matcher = line.matcher(text);
                    if (matcher.find()) {
                        found.add(matcher.group(1));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return found;
    }
}
