package dev.rallypoint.matchmaker.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonRawValue;
import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Frames the server writes itself. Room events (player_joined, game_started, ...) are built in
 * Redis by the script that changes the room and travel as text, so they have no type here; the
 * {@code room} frame is {@link dev.rallypoint.matchmaker.room.Room.Frame}.
 */
public final class ServerFrames {

    private ServerFrames() {
    }

    @RegisterForReflection
    public record Welcome(String type, String playerId, String name) {
        public Welcome(String playerId, String name) {
            this("welcome", playerId, name);
        }
    }

    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Ack(String type, JsonNode id) {
        public Ack(JsonNode id) {
            this("ack", id);
        }
    }

    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Pong(String type, JsonNode id) {
        public Pong(JsonNode id) {
            this("pong", id);
        }
    }

    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Error(String type, JsonNode id, String code, String message) {
        public Error(JsonNode id, String code, String message) {
            this("error", id, code, message);
        }
    }

    /**
     * A friend asks the player to join its private room ({@code mode}, {@code roomId}, {@code code})
     * or its party ({@code partyCode}).
     */
    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Invited(String type, String from, String name, String mode, String roomId, String code, String partyCode) {
        public static Invited toRoom(String from, String name, String mode, String roomId, String code) {
            return new Invited("invited", from, name, mode, roomId, code, null);
        }

        public static Invited toParty(String from, String name, String partyCode) {
            return new Invited("invited", from, name, null, null, null, partyCode);
        }
    }

    @RegisterForReflection
    public record Chat(String type, String roomId, String from, String name, String text, long ts) {
        public Chat(String roomId, String from, String name, String text, long ts) {
            this("chat", roomId, from, name, text, ts);
        }
    }

    /** A game message, its data as the sender's JSON; the room's script adds its {@code seq}. */
    @RegisterForReflection
    public record Message(String type, String roomId, String from, @JsonInclude(JsonInclude.Include.NON_NULL) Integer op,
                          @JsonRawValue String data) {
        public Message(String roomId, String from, Integer op, String data) {
            this("message", roomId, from, op, data);
        }
    }

    /** A change of a room's shared state; the room's script adds its {@code version} and {@code seq}. */
    @RegisterForReflection
    public record State(String type, String roomId, String from, JsonNode patch) {
        public State(String roomId, String from, JsonNode patch) {
            this("state", roomId, from, patch);
        }
    }
}
