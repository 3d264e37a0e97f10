package dev.rallypoint.save.friends;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rallypoint.common.players.PresenceKeys;
import dev.rallypoint.common.redis.PipelinedRedis;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Command;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;

/**
 * Whether a player is connected to a matchmaker replica, and the room it is in while that room
 * has a free seat, as the matchmaker keeps them in Redis (see {@link PresenceKeys}).
 */
@ApplicationScoped
public class Presence {

    /** A friend's presence: online, and a room it may be joined in (null when none). */
    public record Seen(boolean online, FriendList.Room room) {
        static final Seen OFFLINE = new Seen(false, null);
    }

    private final PipelinedRedis redis;
    private final ObjectMapper json;

    Presence(PipelinedRedis redis, ObjectMapper json) {
        this.redis = redis;
        this.json = json;
    }

    public Uni<Seen> of(String playerId) {
        return redis.execute(Command.GET, PresenceKeys.socket(playerId)).chain(socket -> {
            String[] replicaAndConnection = socket == null ? null : socket.toString().split("/", 2);
            if (replicaAndConnection == null || replicaAndConnection.length != 2) {
                return Uni.createFrom().item(Seen.OFFLINE);
            }
            return redis.execute(Command.EXISTS, PresenceKeys.heartbeat(replicaAndConnection[0])).chain(alive -> alive.toLong() == 0
                    ? Uni.createFrom().item(Seen.OFFLINE)
                    : room(playerId).map(room -> new Seen(true, room)));
        });
    }

    /**
     * The player's room while it recruits with a free seat. Never a private room's code: the room
     * may be another player's, who may have blocked the one asking; a friend gets in by invite.
     */
    private Uni<FriendList.Room> room(String playerId) {
        return redis.execute(Command.GET, PresenceKeys.room(playerId)).chain(binding -> {
            String roomKey = binding == null ? null : PresenceKeys.roomKey(binding.toString());
            if (roomKey == null) {
                return Uni.createFrom().nullItem();
            }
            return redis.execute(Command.GET, roomKey).map(stored -> stored == null ? null : joinable(stored.toString()));
        });
    }

    private FriendList.Room joinable(String stored) {
        try {
            JsonNode room = json.readTree(stored);
            JsonNode players = room.path("players");
            boolean recruiting = "recruiting".equals(room.path("state").asText())
                    && (players.isArray() ? players.size() : 0) < room.path("capacity").asInt();
            if (!recruiting) {
                return null;
            }
            return new FriendList.Room(room.path("mode").asText(), room.path("id").asText());
        } catch (IOException e) {
            return null;
        }
    }
}
