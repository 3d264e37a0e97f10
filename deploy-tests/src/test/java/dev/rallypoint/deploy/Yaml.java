package dev.rallypoint.deploy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.yaml.snakeyaml.LoaderOptions;

/** Reading rendered YAML: documents as maps, and paths into them. */
final class Yaml {

    private Yaml() {
    }

    /** A parser that refuses duplicate keys, which Kubernetes would silently collapse. */
    private static org.yaml.snakeyaml.Yaml strict() {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        return new org.yaml.snakeyaml.Yaml(options);
    }

    /** Every non-empty document of a multi-document YAML text. */
    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> documents(String text) {
        List<Map<String, Object>> documents = new ArrayList<>();
        for (Object document : strict().loadAll(text)) {
            if (document != null) {
                documents.add((Map<String, Object>) document);
            }
        }
        return documents;
    }

    /** The one document of a YAML text. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> document(String text) {
        return (Map<String, Object>) strict().load(text);
    }

    /** The node at a path of map keys, or null where the path ends early. */
    static Object at(Object node, String... path) {
        Object current = node;
        for (String key : path) {
            if (!(current instanceof Map<?, ?> map)) {
                return null;
            }
            current = map.get(key);
        }
        return current;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object node, String... path) {
        return (Map<String, Object>) Objects.requireNonNull(at(node, path), () -> "missing " + String.join(".", path));
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> list(Object node, String... path) {
        Object found = at(node, path);
        return found == null ? List.of() : (List<Map<String, Object>>) found;
    }

    /** A deep copy of base with the maps of override merged in, as Helm merges values files. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> merge(Map<String, Object> base, Map<String, Object> override) {
        Map<String, Object> merged = new LinkedHashMap<>(base);
        override.forEach((key, value) -> {
            if (value instanceof Map<?, ?> overrideMap && merged.get(key) instanceof Map<?, ?> baseMap) {
                merged.put(key, merge((Map<String, Object>) baseMap, (Map<String, Object>) overrideMap));
            } else {
                merged.put(key, value);
            }
        });
        return merged;
    }
}
