package org.trustgov.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.trustgov.deploy.Kustomization.list;
import static org.trustgov.deploy.Kustomization.map;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/** deploy/compose: the single-VM deployment parses, has every part, and gives each application only what it reads. */
class ComposeFileTest {

    private static final Path COMPOSE = Platform.ROOT.resolve("deploy/compose");
    private static final Pattern INTERPOLATION = Pattern.compile("\\$\\{([A-Z_]+)(:\\?)?}");

    private final Map<String, Object> compose = new Yaml().load(Platform.read(COMPOSE.resolve("compose.yaml")));
    private final Map<String, Object> services = map(compose.get("services"));

    @Test
    void everyPartOfTheDeploymentIsThere() {
        assertThat(services.keySet())
                .containsAll(Platform.APPLICATIONS)
                .contains(
                        "keycloak",
                        "postgres",
                        "mongo1",
                        "mongo2",
                        "mongo3",
                        "mongo-init",
                        "redis",
                        "prometheus",
                        "grafana");
        for (String application : Platform.APPLICATIONS) {
            Map<String, Object> service = map(services.get(application));
            assertThat(map(service.get("environment"))).as(application).containsEntry("SPRING_PROFILES_ACTIVE", "prod");
            assertThat(service.get("read_only")).as(application).isEqualTo(true);
            assertThat(list(service.get("cap_drop"))).as(application).containsExactly("ALL");
            assertThat(String.valueOf(service.get("user"))).as(application).doesNotStartWith("0");
        }
        for (String file : List.of(
                "prometheus.yml", "mongo-init.sh", ".env.example", "grafana-provisioning/datasources/prometheus.yml")) {
            assertThat(Files.exists(COMPOSE.resolve(file))).as(file).isTrue();
        }
    }

    @Test
    void eachApplicationIsGivenOnlyVariablesItReadsAndNoSecretValue() {
        List<String> checked = new ArrayList<>();
        for (String application : Platform.APPLICATIONS) {
            for (Map.Entry<String, Object> variable :
                    map(map(services.get(application)).get("environment")).entrySet()) {
                assertThat(Platform.reads(application, variable.getKey()))
                        .as("%s reads %s", application, variable.getKey())
                        .isTrue();
                checked.add(variable.getKey());
                if (Platform.secret(variable.getKey())) {
                    assertThat(String.valueOf(variable.getValue()))
                            .as("%s of %s comes from .env", variable.getKey(), application)
                            .containsPattern("\\$\\{[A-Z_]+:\\?}");
                }
            }
        }
        assertThat(checked).contains("MONGODB_URI", "REDIS_URL", "GATEWAY_CLIENT_SECRET", "TRUSTGOV_WITNESS_LOG_KEY");
        String text = Platform.read(COMPOSE.resolve("compose.yaml"));
        assertThat(text).doesNotContain("-secret").doesNotContain("Trust-Demo-2026");
    }

    @Test
    void everyVariableTheFileNeedsIsInTheExampleAndRequired() {
        String text = Platform.read(COMPOSE.resolve("compose.yaml"));
        Set<String> needed = new HashSet<>();
        Matcher interpolations = INTERPOLATION.matcher(text);
        while (interpolations.find()) {
            assertThat(interpolations.group(2))
                    .as("${%s} must be required (:?), never silently empty", interpolations.group(1))
                    .isNotNull();
            needed.add(interpolations.group(1));
        }
        Set<String> example = new HashSet<>();
        for (String line : Platform.read(COMPOSE.resolve(".env.example")).split("\n")) {
            if (!line.isBlank() && !line.startsWith("#")) {
                example.add(line.substring(0, line.indexOf('=')));
            }
        }
        assertThat(example).containsAll(needed);
    }

    @Test
    void publishedPortsAreUniqueAndOnlyOnLoopback() {
        Set<String> published = new HashSet<>();
        for (Map.Entry<String, Object> service : services.entrySet()) {
            for (Object port : list(map(service.getValue()).get("ports"))) {
                String mapping = String.valueOf(port);
                assertThat(mapping)
                        .as(service.getKey() + ": behind the TLS proxy, never on every address")
                        .startsWith("127.0.0.1:");
                assertThat(published.add(mapping.split(":")[1]))
                        .as("host port of " + service.getKey())
                        .isTrue();
            }
        }
        assertThat(published).contains("8080", "8180");
    }

    @Test
    void theAlertRulesAndDashboardUseTheMetricsThePlatformPublishes() {
        String rules = Platform.read(Platform.ROOT.resolve("deploy/observability/alert-rules.yml"));
        Map<String, Object> parsed = new Yaml().load(rules);
        List<String> alerts = new ArrayList<>();
        for (Object group : list(parsed.get("groups"))) {
            for (Object rule : list(map(group).get("rules"))) {
                alerts.add((String) map(rule).get("alert"));
                assertThat(String.valueOf(map(rule).get("expr"))).isNotBlank();
            }
        }
        assertThat(alerts)
                .contains("AuditOutboxBacklogOld", "CircuitBreakerOpen", "AuditLogInconsistent", "HighErrorRate");
        String dashboard = Platform.read(Platform.ROOT.resolve("deploy/observability/grafana-dashboard.json"));
        // Each trustgov_ metric named in the rules or the dashboard is one the code registers.
        Matcher metric = Pattern.compile("trustgov_[a-z_]+").matcher(rules + dashboard);
        String sources = sources();
        while (metric.find()) {
            String name = metric.group().replaceAll("(_(total|seconds|bucket|count))+$", "");
            assertThat(sources.contains("\"" + name.replace('_', '.') + "\""))
                    .as("%s is registered in the code", metric.group())
                    .isTrue();
        }
    }

    /** The platform's Java sources, where its meters are registered. */
    private static String sources() {
        StringBuilder all = new StringBuilder();
        try (var files = Files.walk(Platform.ROOT)) {
            files.filter(f -> f.toString().endsWith(".java") && f.toString().contains("/src/main/"))
                    .forEach(f -> all.append(Platform.read(f)));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return all.toString();
    }
}
