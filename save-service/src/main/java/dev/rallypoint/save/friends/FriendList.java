package dev.rallypoint.save.friends;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.runtime.annotations.RegisterForReflection;

import java.util.List;

/** What {@code GET /api/friends} answers: the caller's friends, requests each way, and the players it blocks. */
@RegisterForReflection
public record FriendList(List<Friend> friends, List<Other> incoming, List<Other> outgoing, List<Other> blocked) {

    /**
     * A friend; {@code online} while connected to a matchmaker replica, and {@code room} the room
     * it is in while that room recruits with a free seat.
     */
    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Friend(String playerId, String name, boolean online, Room room, long since) {
    }

    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Room(String mode, String roomId) {
    }

    /** A player of a request or a block, with when the request was made. */
    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Other(String playerId, String name, Long since) {
    }
}
