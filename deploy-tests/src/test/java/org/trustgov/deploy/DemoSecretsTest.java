package org.trustgov.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.trustgov.deploy.Kustomization.find;
import static org.trustgov.deploy.Kustomization.list;
import static org.trustgov.deploy.Kustomization.map;
import static org.trustgov.deploy.Kustomization.podSpec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

/**
 * No demo secret can reach a deployment that is not the local run: the realm file a trust imports has no client
 * secret of its own (each is a variable without a default) and no people; compose and Kubernetes pass every one of
 * those variables to Keycloak from the trust's own secrets; and no demo secret or demo password is written in any
 * file of deploy/compose, deploy/kubernetes or the realm. The demo people and secrets live in the local run alone.
 */
class DemoSecretsTest {

    /** Every secret and password the local demo run uses. */
    static final List<String> DEMO_SECRETS = List.of(
            "gateway-secret",
            "hr-system-secret",
            "policy-service-secret",
            "training-service-secret",
            "audit-service-secret",
            "Trust-Demo-2026");

    private static final Pattern PLACEHOLDER = Pattern.compile("\"secret\": \"\\$\\{([A-Z_]+)([^}]*)}\"");

    @TempDir
    Path dir;

    private static Set<String> realmSecretVariables() {
        String realm = Platform.read(Platform.ROOT.resolve("deploy/keycloak/nhs-trust-realm.json"));
        Set<String> variables = new LinkedHashSet<>();
        Matcher m = PLACEHOLDER.matcher(realm);
        while (m.find()) {
            assertThat(m.group(2))
                    .as("the realm's %s has no default", m.group(1))
                    .isEmpty();
            variables.add(m.group(1));
        }
        assertThat(realm.split("\"secret\":", -1))
                .as("every client secret is a variable")
                .hasSize(variables.size() + 1);
        return variables;
    }

    @Test
    void theRealmATrustImportsHasNoSecretOfItsOwnAndComposeAndKubernetesPassEveryOne() {
        Set<String> variables = realmSecretVariables();
        assertThat(variables)
                .contains(
                        "GATEWAY_CLIENT_SECRET",
                        "HR_SYSTEM_CLIENT_SECRET",
                        "POLICY_SERVICE_CLIENT_SECRET",
                        "TRAINING_SERVICE_CLIENT_SECRET",
                        "AUDIT_SERVICE_CLIENT_SECRET");

        Map<String, Object> compose =
                new Yaml().load(Platform.read(Platform.ROOT.resolve("deploy/compose/compose.yaml")));
        Map<String, Object> keycloak =
                map(map(map(compose.get("services")).get("keycloak")).get("environment"));
        String env = Platform.read(Platform.ROOT.resolve("deploy/compose/.env.example"));
        for (String variable : variables) {
            assertThat(keycloak.get(variable))
                    .as("compose gives Keycloak %s from .env", variable)
                    .isEqualTo("${" + variable + ":?}");
            assertThat(env).as(".env.example lists %s", variable).containsPattern("(?m)^" + variable + "=$");
        }

        for (String overlay : List.of("small", "large")) {
            List<Map<String, Object>> resources =
                    Kustomization.build(Platform.ROOT.resolve("deploy/kubernetes/overlays/" + overlay));
            Map<String, Object> container =
                    map(list(podSpec(find(resources, "Deployment", "keycloak")).get("containers"))
                            .get(0));
            for (String variable : variables) {
                Map<String, Object> entry = list(container.get("env")).stream()
                        .map(Kustomization::map)
                        .filter(e -> variable.equals(e.get("name")))
                        .findFirst()
                        .orElse(null);
                assertThat(entry)
                        .as("%s: Keycloak is given %s", overlay, variable)
                        .isNotNull();
                assertThat(map(map(entry.get("valueFrom")).get("secretKeyRef")).get("name"))
                        .as("%s from a Secret", variable)
                        .asString()
                        .startsWith("trustgov-");
            }
        }
    }

    @Test
    void noDemoSecretOrPasswordIsWrittenInAnyFileADeploymentReads() throws IOException {
        List<Path> files = new ArrayList<>();
        for (String folder : List.of("deploy/compose", "deploy/kubernetes")) {
            try (Stream<Path> walk = Files.walk(Platform.ROOT.resolve(folder))) {
                walk.filter(Files::isRegularFile).forEach(files::add);
            }
        }
        files.add(Platform.ROOT.resolve("deploy/keycloak/nhs-trust-realm.json"));
        for (Path file : files) {
            String text = Files.readString(file);
            for (String secret : DEMO_SECRETS) {
                assertThat(text)
                        .as("%s holds the demo secret %s", Platform.ROOT.relativize(file), secret)
                        .doesNotContain(secret);
            }
        }
        Map<String, Object> realm =
                new Yaml().load(Platform.read(Platform.ROOT.resolve("deploy/keycloak/nhs-trust-realm.json")));
        assertThat(list(realm.get("users")).stream().map(u -> String.valueOf(map(u).get("username"))))
                .as("no people in the realm a trust imports: only the services' accounts")
                .allMatch(u -> u.startsWith("service-account-"));
    }

    @Test
    void theLocalRunAloneAddsTheDemoPeopleToTheRealm() throws Exception {
        Path realm = dir.resolve("realm.json");
        Process process = new ProcessBuilder(
                        "bash",
                        Platform.ROOT.resolve("deploy/local/demo-realm.sh").toString(),
                        realm.toString())
                .redirectErrorStream(true)
                .start();
        assertThat(process.waitFor())
                .as(new String(process.getInputStream().readAllBytes()))
                .isZero();

        Map<String, Object> local = new Yaml().load(Files.readString(realm)); // JSON is YAML: a parse error fails here
        assertThat(list(local.get("users")).stream().map(u -> String.valueOf(map(u).get("username"))))
                .contains("alex.nurse", "morgan.governance", "taylor.auditor", "service-account-hr-system");
        String start = Platform.read(Platform.ROOT.resolve("deploy/local/start.sh"));
        assertThat(start)
                .contains("demo-realm.sh")
                .contains("HR_SYSTEM_CLIENT_SECRET=\"${HR_SYSTEM_CLIENT_SECRET:-hr-system-secret}\"");
    }
}
