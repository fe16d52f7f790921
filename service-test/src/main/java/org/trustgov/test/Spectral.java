package org.trustgov.test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Spectral, the OpenAPI linter, with the project's ruleset ({@code deploy/openapi/spectral.yaml}: Spectral's
 * recommended OpenAPI rules and the OWASP API Security Top 10). Both come from {@code deploy/local/install-spectral.sh},
 * which installs them from npm when they are missing, so the test command needs nothing preinstalled.
 */
public final class Spectral {

    /** One finding: the rule, its severity ({@code error}, {@code warn}, {@code info}, {@code hint}), where and why. */
    public record Finding(String rule, String severity, String path, String message) {
        @Override
        public String toString() {
            return severity + " " + rule + " at " + path + ": " + message;
        }
    }

    /** What one lint found. */
    public record Report(List<Finding> findings) {

        public List<Finding> errors() {
            return findings.stream().filter(f -> f.severity().equals("error")).toList();
        }

        public List<Finding> warnings() {
            return findings.stream().filter(f -> f.severity().equals("warn")).toList();
        }

        /** Rule name → how often, for the figures a test prints. */
        public Map<String, Long> countsByRule() {
            Map<String, Long> counts = new TreeMap<>();
            findings.forEach(f -> counts.merge(f.severity() + " " + f.rule(), 1L, Long::sum));
            return counts;
        }
    }

    private static final String[] SEVERITIES = {"error", "warn", "info", "hint"};

    private final Path spectral;
    private final Path ruleset;

    private Spectral(Path spectral, Path ruleset) {
        this.spectral = spectral;
        this.ruleset = ruleset;
    }

    /** Installs Spectral when missing; {@code work} receives the install log. */
    public static Spectral install(Path work) {
        Path root = projectRoot();
        try {
            Files.createDirectories(work);
            Path log = work.resolve("install-spectral.log");
            Process process = new ProcessBuilder(
                            "bash",
                            root.resolve("deploy/local/install-spectral.sh").toString())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            if (!process.waitFor(10, TimeUnit.MINUTES) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new IllegalStateException(
                        "deploy/local/install-spectral.sh failed; its output:\n" + Files.readString(log));
            }
            Map<String, String> found = new HashMap<>();
            for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
                int eq = line.indexOf('=');
                if (eq > 0) {
                    found.put(line.substring(0, eq), line.substring(eq + 1).trim());
                }
            }
            return new Spectral(Path.of(found.get("spectral")), Path.of(found.get("ruleset")));
        } catch (IOException e) {
            throw new IllegalStateException("Could not install Spectral", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while installing Spectral", e);
        }
    }

    /**
     * Installs Spectral if needed, lints the document {@code service} (e.g. {@code policy}) serves on {@code port}
     * (kept with its findings in {@code target/openapi/}), prints the figures, and returns what it found.
     */
    public static Report lintService(String service, int port) {
        Report report = install(Path.of("target/openapi"))
                .lintServed(
                        URI.create("http://localhost:" + port + "/api/" + service + "/v3/api-docs"),
                        Path.of("target/openapi/" + service + "-service.json"));
        System.out.printf(
                "%s-service OpenAPI: %d errors, %d warnings %s%n",
                service, report.errors().size(), report.warnings().size(), report.countsByRule());
        return report;
    }

    /** Fetches the document a running service serves, keeps it at {@code document}, and lints it. */
    public Report lintServed(URI url, Path document) {
        try {
            HttpResponse<Path> response = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(url).build(),
                            HttpResponse.BodyHandlers.ofFile(
                                    Files.createDirectories(
                                                    document.toAbsolutePath().getParent())
                                            .resolve(document.getFileName()),
                                    StandardOpenOption.CREATE,
                                    StandardOpenOption.WRITE,
                                    StandardOpenOption.TRUNCATE_EXISTING));
            if (response.statusCode() != 200) {
                throw new IllegalStateException(url + " answered " + response.statusCode());
            }
            return lint(response.body());
        } catch (IOException e) {
            throw new IllegalStateException("Could not fetch " + url, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while fetching " + url, e);
        }
    }

    /** Lints one OpenAPI document (JSON or YAML). */
    public Report lint(Path document) {
        try {
            Path out = document.resolveSibling(document.getFileName() + ".spectral.json");
            Path log = document.resolveSibling(document.getFileName() + ".spectral.log");
            Process process = new ProcessBuilder(
                            spectral.toString(),
                            "lint",
                            "--quiet",
                            "--ruleset",
                            ruleset.toString(),
                            "--format",
                            "json",
                            "--output",
                            out.toString(),
                            "--fail-severity",
                            "hint",
                            document.toString())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            if (!process.waitFor(5, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IllegalStateException("Spectral did not finish in 5 minutes");
            }
            // Exit 0: nothing found; 1: findings (the output lists them); anything else: Spectral itself failed.
            if (process.exitValue() > 1 || !Files.exists(out)) {
                throw new IllegalStateException(
                        "Spectral failed (exit " + process.exitValue() + "):\n" + Files.readString(log));
            }
            List<Finding> findings = new ArrayList<>();
            for (JsonNode result : JsonMapper.shared().readTree(out.toFile())) {
                List<String> path = new ArrayList<>();
                result.path("path").forEach(p -> path.add(p.asString()));
                findings.add(new Finding(
                        result.path("code").asString(),
                        SEVERITIES[result.path("severity").asInt()],
                        String.join(".", path),
                        result.path("message").asString()));
            }
            return new Report(List.copyOf(findings));
        } catch (IOException e) {
            throw new IllegalStateException("Could not lint " + document, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while linting " + document, e);
        }
    }

    private static Path projectRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isRegularFile(dir.resolve("deploy/local/install-spectral.sh"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("deploy/local/install-spectral.sh not found above "
                    + Path.of("").toAbsolutePath());
        }
        return dir;
    }
}
