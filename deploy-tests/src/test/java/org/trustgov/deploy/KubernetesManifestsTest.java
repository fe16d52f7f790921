package org.trustgov.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.trustgov.deploy.Kustomization.containers;
import static org.trustgov.deploy.Kustomization.find;
import static org.trustgov.deploy.Kustomization.list;
import static org.trustgov.deploy.Kustomization.map;
import static org.trustgov.deploy.Kustomization.metadata;
import static org.trustgov.deploy.Kustomization.podSpec;

import com.google.gson.Gson;
import com.google.gson.JsonElement;
import io.kubernetes.client.openapi.models.V1ConfigMap;
import io.kubernetes.client.openapi.models.V1Deployment;
import io.kubernetes.client.openapi.models.V1Ingress;
import io.kubernetes.client.openapi.models.V1NetworkPolicy;
import io.kubernetes.client.openapi.models.V1PodDisruptionBudget;
import io.kubernetes.client.openapi.models.V1Service;
import io.kubernetes.client.openapi.models.V2HorizontalPodAutoscaler;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * deploy/kubernetes: both overlays build; every resource is valid against the Kubernetes API models (a misspelt or
 * unknown field fails); and the platform's rules hold for every container and every application.
 */
class KubernetesManifestsTest {

    private static final Path KUBERNETES = Platform.ROOT.resolve("deploy/kubernetes");
    private static final Gson GSON = new Gson();

    @ParameterizedTest
    @ValueSource(strings = {"overlays/small", "overlays/large"})
    void everyResourceOfEachOverlayIsValidAgainstTheKubernetesApi(String overlay) {
        List<Map<String, Object>> resources = Kustomization.build(KUBERNETES.resolve(overlay));

        assertThat(resources)
                .extracting(r -> r.get("kind"))
                .contains(
                        "Deployment",
                        "Service",
                        "PodDisruptionBudget",
                        "HorizontalPodAutoscaler",
                        "NetworkPolicy",
                        "Ingress",
                        "ConfigMap",
                        "MongoDBCommunity");
        for (Map<String, Object> resource : resources) {
            validate(resource);
            assertThat(metadata(resource).get("namespace"))
                    .as("namespace of %s", name(resource))
                    .isEqualTo("trustgov");
        }
    }

    @Test
    void aMisspeltFieldAnywhereInAResourceFailsValidation() {
        Map<String, Object> deployment =
                find(Kustomization.build(KUBERNETES.resolve("overlays/small")), "Deployment", "gateway-service");
        Map<String, Object> container =
                map(list(podSpec(deployment).get("containers")).get(0));
        container.put("readinesProbe", container.remove("readinessProbe"));

        assertThatThrownBy(() -> validate(deployment)).hasMessageContaining("readinesProbe");
    }

    @Test
    void everyApplicationRunsAtLeastTwoReplicasWithABudgetAndAnAutoscaler() {
        for (String overlay : List.of("overlays/small", "overlays/large")) {
            List<Map<String, Object>> resources = Kustomization.build(KUBERNETES.resolve(overlay));
            for (String application : Platform.APPLICATIONS) {
                int replicas =
                        (Integer) map(find(resources, "Deployment", application).get("spec"))
                                .get("replicas");
                assertThat(replicas)
                        .as("%s replicas in %s", application, overlay)
                        .isGreaterThanOrEqualTo(2);
                assertThat((Integer) map(find(resources, "HorizontalPodAutoscaler", application)
                                        .get("spec"))
                                .get("minReplicas"))
                        .isEqualTo(replicas);
                find(resources, "PodDisruptionBudget", application);
            }
        }
        List<Map<String, Object>> large = Kustomization.build(KUBERNETES.resolve("overlays/large"));
        assertThat(map(find(large, "Deployment", "gateway-service").get("spec")).get("replicas"))
                .isEqualTo(4);
        assertThat(map(find(large, "HorizontalPodAutoscaler", "audit-service").get("spec"))
                        .get("maxReplicas"))
                .isEqualTo(12);
    }

    @Test
    void everyContainerHasProbesLimitsAndALockedDownSecurityContext() {
        List<Map<String, Object>> resources = Kustomization.build(KUBERNETES.resolve("overlays/small"));
        for (Map<String, Object> deployment : resources.stream()
                .filter(r -> "Deployment".equals(r.get("kind")))
                .toList()) {
            Map<String, Object> pod = podSpec(deployment);
            Map<String, Object> podSecurity = map(pod.get("securityContext"));
            assertThat(podSecurity.get("runAsNonRoot"))
                    .as("runAsNonRoot in %s", name(deployment))
                    .isEqualTo(true);
            assertThat(map(podSecurity.get("seccompProfile")).get("type")).isEqualTo("RuntimeDefault");
            for (Object each : list(pod.get("containers"))) {
                Map<String, Object> container = map(each);
                String what = name(deployment) + "/" + container.get("name");
                assertThat(container).as(what).containsKeys("startupProbe", "livenessProbe", "readinessProbe");
                Map<String, Object> resourcesOf = map(container.get("resources"));
                assertThat(map(resourcesOf.get("requests"))).as(what).containsKeys("cpu", "memory");
                assertThat(map(resourcesOf.get("limits"))).as(what).containsKeys("cpu", "memory");
                Map<String, Object> security = map(container.get("securityContext"));
                assertThat(security.get("allowPrivilegeEscalation")).as(what).isEqualTo(false);
                assertThat(security.get("privileged")).as(what).isEqualTo(false);
                assertThat(list(map(security.get("capabilities")).get("drop")))
                        .as(what)
                        .containsExactly("ALL");
                // Keycloak's stock image rebuilds itself at start (see keycloak.yaml); every other container is
                // read-only.
                if (!"keycloak".equals(name(deployment))) {
                    assertThat(security.get("readOnlyRootFilesystem")).as(what).isEqualTo(true);
                }
                assertThat(String.valueOf(container.get("image"))).as(what).matches(".+:[0-9][^:]*");
            }
        }
    }

    @Test
    void everyVariableAnApplicationIsGivenIsOneItReadsAndNoSecretIsCommitted() {
        List<Map<String, Object>> resources = Kustomization.build(KUBERNETES.resolve("overlays/large"));
        assertThat(resources).extracting(r -> r.get("kind")).doesNotContain("Secret");
        List<String> checked = new ArrayList<>();
        for (Map<String, Object> deployment : resources.stream()
                .filter(r -> "Deployment".equals(r.get("kind")))
                .toList()) {
            for (Object each :
                    list(map(list(podSpec(deployment).get("containers")).get(0)).get("env"))) {
                Map<String, Object> variable = map(each);
                String name = (String) variable.get("name");
                if (Platform.APPLICATIONS.contains(name(deployment))) {
                    assertThat(Platform.reads(name(deployment), name))
                            .as("%s reads %s", name(deployment), name)
                            .isTrue();
                    checked.add(name);
                }
                if (Platform.secret(name)) {
                    assertThat(variable)
                            .as("%s in %s comes from a Secret", name, name(deployment))
                            .doesNotContainKey("value");
                    assertThat(map(variable.get("valueFrom"))).as(name).containsKey("secretKeyRef");
                }
            }
        }
        assertThat(checked)
                .contains(
                        "MONGODB_URI",
                        "REDIS_URL",
                        "KEYCLOAK_ISSUER_URI",
                        "SERVICE_CLIENT_SECRET",
                        "SPRING_PROFILES_ACTIVE");
        assertThat(Platform.reads("policy-service", "NO_SUCH_SETTING")).isFalse();
        for (Map<String, Object> container : containers(resources)) {
            for (Object each : list(container.get("env"))) {
                assertThat(String.valueOf(map(each).get("value")))
                        .doesNotContain("-secret")
                        .doesNotContain("Trust-Demo-2026");
            }
        }
    }

    @Test
    void onlyTheIngressReachesTheGatewayAndEachServiceOnlyItsCallers() {
        List<Map<String, Object>> resources = Kustomization.build(KUBERNETES.resolve("overlays/small"));
        Map<String, Object> denyAll =
                map(find(resources, "NetworkPolicy", "default-deny-ingress").get("spec"));
        assertThat(map(denyAll.get("podSelector"))).isEmpty();
        assertThat(list(denyAll.get("policyTypes"))).containsExactly("Ingress");

        assertThat(sources(resources, "gateway-service", 8080)).containsExactly("namespace:ingress-nginx");
        assertThat(sources(resources, "policy-service", 8080))
                .containsExactlyInAnyOrder("gateway-service", "training-service", "audit-service");
        assertThat(sources(resources, "training-service", 8080))
                .containsExactlyInAnyOrder("gateway-service", "policy-service", "audit-service");
        assertThat(sources(resources, "audit-service", 8080))
                .containsExactlyInAnyOrder("gateway-service", "policy-service", "training-service");
        assertThat(sources(resources, "witness-service", 8080))
                .containsExactlyInAnyOrder("gateway-service", "audit-service");
        assertThat(sources(resources, "redis", 6379)).containsExactly("gateway-service");
        assertThat(sources(resources, "trustgov-mongodb", 27017))
                .contains("policy-service", "training-service", "audit-service", "witness-service")
                .doesNotContain("gateway-service");
        for (String application : Platform.APPLICATIONS) {
            assertThat(sources(resources, application, 9090)).containsExactly("namespace:monitoring");
        }
    }

    /** Who may reach the pods a NetworkPolicy named after them selects, on one port. */
    private static List<String> sources(List<Map<String, Object>> resources, String policy, int port) {
        List<String> sources = new ArrayList<>();
        for (Object rule :
                list(map(find(resources, "NetworkPolicy", policy).get("spec")).get("ingress"))) {
            if (list(map(rule).get("ports")).stream()
                    .noneMatch(p -> Integer.valueOf(port).equals(map(p).get("port")))) {
                continue;
            }
            for (Object from : list(map(rule).get("from"))) {
                Map<String, Object> peer = map(from);
                if (peer.containsKey("namespaceSelector")) {
                    sources.add("namespace:"
                            + map(map(peer.get("namespaceSelector")).get("matchLabels"))
                                    .get("kubernetes.io/metadata.name"));
                } else {
                    Map<String, Object> labels =
                            map(map(peer.get("podSelector")).get("matchLabels"));
                    sources.add(String.valueOf(labels.getOrDefault("app.kubernetes.io/name", labels.get("app"))));
                }
            }
        }
        return sources;
    }

    /** Checks one resource against the API model of its kind; the MongoDB operator's resource by its own rules. */
    private static void validate(Map<String, Object> resource) {
        JsonElement json = GSON.toJsonTree(resource);
        String kind = (String) resource.get("kind");
        String apiVersion = (String) resource.get("apiVersion");
        try {
            switch (kind) {
                case "Deployment" -> expect(apiVersion, "apps/v1", () -> V1Deployment.validateJsonElement(json));
                case "Service" -> expect(apiVersion, "v1", () -> V1Service.validateJsonElement(json));
                case "ConfigMap" -> expect(apiVersion, "v1", () -> V1ConfigMap.validateJsonElement(json));
                case "PodDisruptionBudget" ->
                    expect(apiVersion, "policy/v1", () -> V1PodDisruptionBudget.validateJsonElement(json));
                case "HorizontalPodAutoscaler" ->
                    expect(apiVersion, "autoscaling/v2", () -> V2HorizontalPodAutoscaler.validateJsonElement(json));
                case "NetworkPolicy" ->
                    expect(apiVersion, "networking.k8s.io/v1", () -> V1NetworkPolicy.validateJsonElement(json));
                case "Ingress" -> expect(apiVersion, "networking.k8s.io/v1", () -> V1Ingress.validateJsonElement(json));
                case "MongoDBCommunity" -> {
                    // A custom resource: not part of the Kubernetes API models; its operator validates it on apply.
                    assertThat(apiVersion).isEqualTo("mongodbcommunity.mongodb.com/v1");
                    assertThat(map(resource.get("spec")))
                            .containsEntry("members", 3)
                            .containsEntry("type", "ReplicaSet");
                }
                default -> throw new AssertionError("No validation for kind " + kind + " (" + name(resource) + ")");
            }
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    private interface Check {
        void run() throws java.io.IOException;
    }

    private static void expect(String apiVersion, String expected, Check check) throws java.io.IOException {
        assertThat(apiVersion).isEqualTo(expected);
        check.run();
    }

    private static String name(Map<String, Object> resource) {
        return (String) metadata(resource).get("name");
    }
}
