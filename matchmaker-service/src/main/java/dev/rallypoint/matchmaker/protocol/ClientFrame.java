package dev.rallypoint.matchmaker.protocol;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** One frame from a client: a JSON object with a {@code type} and perhaps an {@code id} to echo. */
public record ClientFrame(String type, JsonNode id, JsonNode body) {

    /** Frames larger than this are refused with an error; the connection stays open. */
    public static final int MAX_BYTES = 16 * 1024;

    public static ClientFrame parse(ObjectMapper json, String text) {
        if (text.length() > MAX_BYTES) {
            throw new MatchException("too_large", "A frame has at most " + MAX_BYTES + " bytes.");
        }
        JsonNode node;
        try {
            node = json.readTree(text);
        } catch (JsonProcessingException e) {
            throw new MatchException("bad_frame", "A frame is one JSON object.");
        }
        if (node == null || !node.isObject()) {
            throw new MatchException("bad_frame", "A frame is one JSON object.");
        }
        JsonNode id = node.get("id");
        if (id != null && !id.isValueNode()) {
            throw new MatchException("bad_frame", "An id is a string or a number.");
        }
        JsonNode type = node.get("type");
        if (type == null || !type.isTextual()) {
            throw new BadFrame(id, "missing_field", "A frame needs a string 'type'.");
        }
        return new ClientFrame(type.asText(), id, node);
    }

    /** A text field that must be present and a non-empty string. */
    public String text(String field) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            throw new MatchException("missing_field", "'" + type + "' needs the field '" + field + "'.");
        }
        if (!value.isTextual() || value.asText().isEmpty()) {
            throw new MatchException("invalid_field", "'" + field + "' must be a non-empty string.");
        }
        return value.asText();
    }

    /** A refusal that already knows the id of the frame it answers. */
    public static final class BadFrame extends MatchException {
        private final transient JsonNode id;

        public BadFrame(JsonNode id, String code, String message) {
            super(code, message);
            this.id = id;
        }

        public JsonNode id() {
            return id;
        }
    }
}
