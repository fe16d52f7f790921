package org.trustgov.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.Yaml;

/**
 * Builds a kustomization the way {@code kustomize build} does, for the features the platform's overlays use and no
 * others (a kustomization with any other field fails the build, so an overlay cannot silently use something this
 * does not apply): {@code resources} (files and directories), {@code namespace}, {@code labels} (metadata labels),
 * {@code images} ({@code newTag}), {@code replicas}, and {@code patches} with JSON 6902 {@code add}/{@code replace}
 * operations on a target kind and name. No cluster, no kustomize binary needed.
 */
final class Kustomization {

    private static final Set<String> SUPPORTED =
            Set.of("apiVersion", "kind", "resources", "namespace", "labels", "images", "replicas", "patches");
    /** Kinds that live in no namespace (none of the platform's so far). */
    private static final Set<String> CLUSTER_SCOPED =
            Set.of("Namespace", "ClusterRole", "ClusterRoleBinding", "CustomResourceDefinition");

    private Kustomization() {}

    static List<Map<String, Object>> build(Path directory) {
        Map<String, Object> kustomization =
                load(directory.resolve("kustomization.yaml")).get(0);
        for (String field : kustomization.keySet()) {
            if (!SUPPORTED.contains(field)) {
                throw new IllegalArgumentException(
                        directory + "/kustomization.yaml uses '" + field + "', which this build does not apply");
            }
        }
        List<Map<String, Object>> resources = new ArrayList<>();
        for (Object entry : list(kustomization.get("resources"))) {
            Path resource = directory.resolve((String) entry).normalize();
            resources.addAll(Files.isDirectory(resource) ? build(resource) : load(resource));
        }
        for (Object entry : list(kustomization.get("labels"))) {
            Map<String, Object> pairs = map(((Map<?, ?>) entry).get("pairs"));
            for (Map<String, Object> resource : resources) {
                map(metadata(resource).computeIfAbsent("labels", k -> new LinkedHashMap<>()))
                        .putAll(pairs);
            }
        }
        if (kustomization.get("namespace") instanceof String namespace) {
            resources.stream()
                    .filter(r -> !CLUSTER_SCOPED.contains(r.get("kind")))
                    .forEach(r -> metadata(r).put("namespace", namespace));
        }
        for (Object entry : list(kustomization.get("images"))) {
            Map<String, Object> image = map(entry);
            for (Map<String, Object> container : containers(resources)) {
                String current = (String) container.get("image");
                if (current.equals(image.get("name")) || current.startsWith(image.get("name") + ":")) {
                    container.put("image", image.get("name") + ":" + image.get("newTag"));
                }
            }
        }
        for (Object entry : list(kustomization.get("replicas"))) {
            Map<String, Object> replicas = map(entry);
            Map<String, Object> target = find(resources, "Deployment", (String) replicas.get("name"));
            map(target.get("spec")).put("replicas", replicas.get("count"));
        }
        for (Object entry : list(kustomization.get("patches"))) {
            Map<String, Object> patch = map(entry);
            Map<String, Object> target = map(patch.get("target"));
            List<Map<String, Object>> matched = resources.stream()
                    .filter(r -> r.get("kind").equals(target.get("kind"))
                            && (target.get("name") == null
                                    || target.get("name").equals(metadata(r).get("name"))))
                    .toList();
            if (matched.isEmpty()) {
                throw new IllegalArgumentException("A patch in " + directory + " matches nothing: " + target);
            }
            List<Object> operations = new Yaml().load((String) patch.get("patch"));
            for (Map<String, Object> resource : matched) {
                operations.forEach(operation -> apply(resource, map(operation)));
            }
        }
        return resources;
    }

    static List<Map<String, Object>> load(Path file) {
        try {
            List<Map<String, Object>> documents = new ArrayList<>();
            for (Object document : new Yaml().loadAll(Files.readString(file))) {
                if (document != null) {
                    documents.add(map(document));
                }
            }
            return documents;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** JSON 6902 add / replace at a JSON pointer (the only operations the overlays use). */
    private static void apply(Map<String, Object> resource, Map<String, Object> operation) {
        String op = (String) operation.get("op");
        String[] path = ((String) operation.get("path")).substring(1).split("/");
        Object parent = resource;
        for (int i = 0; i < path.length - 1; i++) {
            parent = parent instanceof List<?> list
                    ? list.get(Integer.parseInt(path[i]))
                    : map(parent).get(path[i]);
            if (parent == null) {
                throw new IllegalArgumentException("No " + operation.get("path") + " in "
                        + metadata(resource).get("name"));
            }
        }
        String last = path[path.length - 1];
        if (!"add".equals(op) && !"replace".equals(op)) {
            throw new IllegalArgumentException("Patch operation " + op + " is not applied by this build");
        }
        if ("replace".equals(op) && !map(parent).containsKey(last)) {
            throw new IllegalArgumentException("replace of a missing " + operation.get("path") + " in "
                    + metadata(resource).get("name"));
        }
        map(parent).put(last, operation.get("value"));
    }

    static Map<String, Object> find(List<Map<String, Object>> resources, String kind, String name) {
        return resources.stream()
                .filter(r ->
                        kind.equals(r.get("kind")) && name.equals(metadata(r).get("name")))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("No " + kind + " " + name));
    }

    static List<Map<String, Object>> containers(List<Map<String, Object>> resources) {
        List<Map<String, Object>> containers = new ArrayList<>();
        for (Map<String, Object> resource : resources) {
            if ("Deployment".equals(resource.get("kind"))) {
                list(podSpec(resource).get("containers")).forEach(c -> containers.add(map(c)));
            }
        }
        return containers;
    }

    static Map<String, Object> podSpec(Map<String, Object> deployment) {
        return map(map(map(deployment.get("spec")).get("template")).get("spec"));
    }

    static Map<String, Object> metadata(Map<String, Object> resource) {
        return map(resource.get("metadata"));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value) {
        return value == null ? new LinkedHashMap<>() : (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object value) {
        return value == null ? List.of() : (List<Object>) value;
    }
}
