package dev.rallypoint.matchmaker.pairing;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rallypoint.matchmaker.protocol.MatchException;

import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * What a {@code pair} asks its room to match exactly, e.g. {@code {"region": "eu", "version":
 * "1.4"}}: players pair only with players who asked for the same. {@code pool} is the canonical
 * form ({@code region=eu,version=1.4}, empty for none) that names the pool's Redis keys, and
 * {@code json} the object the room shows (empty for none).
 */
public record PairingProperties(String pool, String json) {

    public static final PairingProperties NONE = new PairingProperties("", "");

    static final int MAX_PROPERTIES = 8;
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,32}");
    private static final Pattern VALUE = Pattern.compile("[A-Za-z0-9_.:-]{1,64}");

    /** The properties of a {@code pair} frame's {@code properties} field; absent or null is none. */
    public static PairingProperties of(JsonNode properties) {
        if (properties == null || properties.isNull()) {
            return NONE;
        }
        if (!properties.isObject() || properties.size() > MAX_PROPERTIES) {
            throw invalid();
        }
        Map<String, String> sorted = new TreeMap<>();
        for (Map.Entry<String, JsonNode> property : properties.properties()) {
            JsonNode value = property.getValue();
            if (!NAME.matcher(property.getKey()).matches() || !value.isTextual() || !VALUE.matcher(value.asText()).matches()) {
                throw invalid();
            }
            sorted.put(property.getKey(), value.asText());
        }
        if (sorted.isEmpty()) {
            return NONE;
        }
        // Names and values are of characters that need no escaping in JSON or in a key.
        return new PairingProperties(
                sorted.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(",")),
                sorted.entrySet().stream().map(e -> "\"" + e.getKey() + "\":\"" + e.getValue() + "\"")
                        .collect(Collectors.joining(",", "{", "}")));
    }

    private static MatchException invalid() {
        return new MatchException("invalid_field", "'properties' is an object of at most " + MAX_PROPERTIES
                + " names (1-32 of A-Z a-z 0-9 _ -) with string values (1-64 of A-Z a-z 0-9 _ . : -).");
    }
}
