package dev.rallypoint.matchmaker.room;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.quarkus.runtime.annotations.RegisterForReflection;

import java.util.List;
import java.util.Map;

/**
 * A room as the scripts store it (see {@code lua/matchmaker/room-lib.lua}); {@code seq} is the
 * number of the last event it contains. The joining scripts add its shared state as {@code gameState}.
 */
@RegisterForReflection
@JsonIgnoreProperties(ignoreUnknown = true)
public record Room(String id, String mode, String state, int capacity, Integer teams, String code, long seq,
                   List<Player> players, long createdAt, Long startedAt, JsonNode gameState, long stateVersion,
                   Map<String, String> properties, Long codeExpiresAt) {

    public Room {
        players = players == null ? List.of() : players;
        gameState = gameState == null ? JsonNodeFactory.instance.objectNode() : gameState;
    }

    public View view() {
        return new View(id, mode, state, capacity, teams, code, properties, players, gameState, stateVersion);
    }

    /** What a game server listing rooms is sent. */
    public Listed listed() {
        return new Listed(id, mode, state, capacity, code != null, players, createdAt, startedAt);
    }

    /** Whether the room's invite code has run out (a room without a code has none to run out). */
    public boolean codeExpired(long now) {
        return codeExpiresAt != null && now > codeExpiresAt;
    }

    public boolean has(String playerId) {
        return players.stream().anyMatch(p -> p.playerId().equals(playerId));
    }

    /** A seat: {@code team} (1, 2, ...) only in a mode with teams. */
    @RegisterForReflection
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Player(String playerId, String name, boolean ready, boolean connected, Integer team) {
    }

    /** The {@code room} frame: what a player who joins or comes back is sent. */
    @RegisterForReflection
    public record Frame(String type, View room) {
        public Frame(View room) {
            this("room", room);
        }
    }

    /** The room as its players see it, with its shared state as of version {@code stateVersion}. */
    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record View(String id, String mode, String state, int capacity, Integer teams, String code, Map<String, String> properties,
                       List<Player> players, JsonNode gameState, long stateVersion) {
    }

    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Listed(String id, String mode, String state, int capacity, boolean inviteOnly, List<Player> players,
                         long createdAt, Long startedAt) {
    }
}
