package dev.rallypoint.matchmaker.protocol;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.inject.Singleton;

/**
 * JSON for frames and for what the room scripts return. What the server writes and what its
 * own scripts wrote always parse, so a failure here is a bug and is unchecked.
 */
@Singleton
public class Json {

    private final ObjectMapper mapper;

    Json(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    public String write(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public <T> T read(String text, Class<T> type) {
        try {
            return mapper.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable " + type.getSimpleName(), e);
        }
    }

    /** The mapper itself, for parsing what clients send. */
    public ObjectMapper mapper() {
        return mapper;
    }
}
