package dev.rallypoint.matchmaker.room;

import dev.rallypoint.common.redis.PipelinedRedis;
import dev.rallypoint.matchmaker.mode.Modes;
import dev.rallypoint.matchmaker.protocol.Json;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Response;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.List;

/**
 * The rooms of a mode that have not ended, oldest first, for game servers: the ids from
 * {@code mm:{<mode>}:rooms}, then the rooms themselves in one MGET (one hash slot). An id whose
 * room expired unended is dropped from the list on the way.
 */
@Singleton
class RoomDirectory {

    private final PipelinedRedis redis;
    private final Modes modes;
    private final Json json;

    RoomDirectory(PipelinedRedis redis, Modes modes, Json json) {
        this.redis = redis;
        this.modes = modes;
        this.json = json;
    }

    Uni<List<Room.Listed>> list(String mode, int offset, int count) {
        modes.require(mode);
        return redis.execute(Command.ZRANGE, RoomKeys.rooms(mode), offset, offset + count - 1).chain(ids -> {
            if (ids.size() == 0) {
                return Uni.createFrom().item(List.<Room.Listed>of());
            }
            List<Object> keys = new ArrayList<>();
            for (Response id : ids) {
                keys.add(RoomKeys.room(mode, id.toString()));
            }
            return redis.execute(Command.MGET, keys.toArray()).chain(rooms -> {
                List<Room.Listed> listed = new ArrayList<>();
                List<Object> gone = new ArrayList<>(List.of(RoomKeys.rooms(mode)));
                for (int i = 0; i < ids.size(); i++) {
                    Response room = rooms.get(i);
                    if (room == null) {
                        gone.add(ids.get(i).toString());
                    } else {
                        listed.add(json.read(room.toString(), Room.class).listed());
                    }
                }
                return gone.size() == 1 ? Uni.createFrom().item(listed)
                        : redis.execute(Command.ZREM, gone.toArray()).replaceWith(listed);
            });
        });
    }
}
