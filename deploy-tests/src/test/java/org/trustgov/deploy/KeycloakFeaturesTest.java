package org.trustgov.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.trustgov.deploy.Kustomization.find;
import static org.trustgov.deploy.Kustomization.list;
import static org.trustgov.deploy.Kustomization.map;
import static org.trustgov.deploy.Kustomization.podSpec;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.yaml.snakeyaml.Yaml;

/**
 * Keycloak runs without the deprecated features Keycloak 26.7 still turns on by default and the platform does not
 * use (the endpoint that hands an application an external identity provider's tokens, and the Twitter login), in
 * every recipe: the local start, compose and both Kubernetes overlays.
 */
class KeycloakFeaturesTest {

    static final List<String> DISABLED = List.of("identity-brokering-api", "twitter-broker");

    @Test
    void theLocalStartTurnsThemOff() {
        String start = Platform.read(Platform.ROOT.resolve("deploy/local/start.sh"));
        assertThat(start).contains("--features-disabled=" + String.join(",", DISABLED));
    }

    @Test
    void composeTurnsThemOff() {
        Map<String, Object> compose =
                new Yaml().load(Platform.read(Platform.ROOT.resolve("deploy/compose/compose.yaml")));
        Object disabled = map(map(map(compose.get("services")).get("keycloak")).get("environment"))
                .get("KC_FEATURES_DISABLED");
        assertThat(features(disabled)).containsAll(DISABLED);
    }

    @ParameterizedTest
    @ValueSource(strings = {"small", "large"})
    void kubernetesTurnsThemOff(String overlay) {
        List<Map<String, Object>> resources =
                Kustomization.build(Platform.ROOT.resolve("deploy/kubernetes/overlays/" + overlay));
        Map<String, Object> keycloak =
                map(list(podSpec(find(resources, "Deployment", "keycloak")).get("containers"))
                        .get(0));
        Object disabled = list(keycloak.get("env")).stream()
                .map(Kustomization::map)
                .filter(variable -> "KC_FEATURES_DISABLED".equals(variable.get("name")))
                .map(variable -> variable.get("value"))
                .findFirst()
                .orElse(null);
        assertThat(features(disabled)).containsAll(DISABLED);
    }

    private static List<String> features(Object value) {
        assertThat(value).as("KC_FEATURES_DISABLED").isInstanceOf(String.class);
        return Arrays.stream(((String) value).split(",")).map(String::trim).toList();
    }
}
