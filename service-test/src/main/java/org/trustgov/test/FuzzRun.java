package org.trustgov.test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.function.Function;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs {@link HostileRequests} against a service started by a test: reads its OpenAPI document, sends the budget
 * ({@code -Dfuzz.requests}, default given by the caller) with the seed ({@code -Dfuzz.seed}, default fixed so CI
 * is repeatable), prints the summary and every finding, and returns the report for the test to assert on.
 */
public final class FuzzRun {

    private FuzzRun() {}

    public static HostileRequests.Report against(
            String service,
            int port,
            String docsPath,
            String token,
            int defaultBudget,
            Function<String, String> pathValues)
            throws Exception {
        String docs = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + port + docsPath))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
        HostileRequests fuzz =
                new HostileRequests(JsonMapper.builder().build().readTree(docs), Long.getLong("fuzz.seed", 20261201L));
        HostileRequests.Report report = fuzz.run(
                new RawHttp("localhost", port),
                List.of("Authorization: Bearer " + token),
                Integer.getInteger("fuzz.requests", defaultBudget),
                pathValues);
        System.out.println(
                report.summary(service) + " over " + fuzz.operations().size() + " operations");
        report.findings().forEach(f -> System.out.println("  " + f));
        return report;
    }
}
