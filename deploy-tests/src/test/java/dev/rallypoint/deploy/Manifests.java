package dev.rallypoint.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The objects `helm template` rendered, found by kind and name. */
record Manifests(List<Map<String, Object>> objects) {

    private static final Set<String> WORKLOADS = Set.of("Deployment", "StatefulSet");

    static Manifests parse(String rendered) {
        return new Manifests(Yaml.documents(rendered));
    }

    List<Map<String, Object>> ofKind(String kind) {
        return objects.stream().filter(object -> kind.equals(object.get("kind"))).toList();
    }

    /** The one object of that kind and name; fails the test when there is none or several. */
    Map<String, Object> get(String kind, String name) {
        List<Map<String, Object>> found = ofKind(kind).stream()
                .filter(object -> name.equals(Yaml.at(object, "metadata", "name")))
                .toList();
        assertEquals(1, found.size(), () -> kind + " " + name + " in " + names());
        return found.get(0);
    }

    boolean has(String kind, String name) {
        return ofKind(kind).stream().anyMatch(object -> name.equals(Yaml.at(object, "metadata", "name")));
    }

    /** Deployments and StatefulSets. */
    List<Map<String, Object>> workloads() {
        return objects.stream().filter(object -> WORKLOADS.contains(object.get("kind"))).toList();
    }

    /** Every container (init containers too) of a workload. */
    static List<Map<String, Object>> containers(Map<String, Object> workload) {
        List<Map<String, Object>> containers = new ArrayList<>(Yaml.list(workload, "spec", "template", "spec", "initContainers"));
        containers.addAll(Yaml.list(workload, "spec", "template", "spec", "containers"));
        return containers;
    }

    List<String> names() {
        return objects.stream().map(object -> object.get("kind") + "/" + Yaml.at(object, "metadata", "name")).toList();
    }
}
