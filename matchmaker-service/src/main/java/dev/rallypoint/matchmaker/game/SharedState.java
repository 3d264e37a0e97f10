package dev.rallypoint.matchmaker.game;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.rallypoint.common.redis.PipelinedRedis;
import dev.rallypoint.matchmaker.mode.MatchmakerConfig;
import dev.rallypoint.matchmaker.mode.Modes;
import dev.rallypoint.matchmaker.protocol.ClientFrame;
import dev.rallypoint.matchmaker.protocol.Json;
import dev.rallypoint.matchmaker.protocol.MatchException;
import dev.rallypoint.matchmaker.protocol.ServerFrames;
import dev.rallypoint.matchmaker.room.MatchResults;
import dev.rallypoint.matchmaker.room.Member;
import dev.rallypoint.matchmaker.room.Room;
import dev.rallypoint.matchmaker.room.RoomKeys;
import dev.rallypoint.matchmaker.room.RoomRef;
import dev.rallypoint.matchmaker.room.RoomScripts;
import dev.rallypoint.matchmaker.room.RoomService;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Response;
import jakarta.inject.Singleton;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A room's shared state: one JSON object, kept in Redis with the room, changed by the players'
 * {@code state_set} with a merge patch, and sent to everyone as {@code state}. The replica applies
 * the patch to the state it read and the room's script stores the result only if nobody changed
 * the state in between (set-state.lua): a change that names a {@code version} fails with
 * {@code version_mismatch} then, one that names none is made again from the newer state.
 */
@Singleton
public class SharedState {

    private final PipelinedRedis redis;
    private final RoomService rooms;
    private final RoomScripts scripts;
    private final MatchResults results;
    private final Modes modes;
    private final MatchmakerConfig config;
    private final Json json;

    SharedState(PipelinedRedis redis, RoomService rooms, RoomScripts scripts, MatchResults results, Modes modes,
                MatchmakerConfig config, Json json) {
        this.redis = redis;
        this.rooms = rooms;
        this.scripts = scripts;
        this.results = results;
        this.modes = modes;
        this.config = config;
        this.json = json;
    }

    public Uni<Void> set(Member member, ClientFrame frame) {
        RoomRef room = rooms.requireRoom(member);
        JsonNode patch = frame.body().get("patch");
        if (patch == null || patch.isNull()) {
            throw new MatchException("missing_field", "'state_set' needs the field 'patch'.");
        }
        if (!patch.isObject()) {
            throw new MatchException("invalid_field", "'patch' must be a JSON object (a merge patch of the state).");
        }
        Long version = version(frame.body().get("version"));
        MatchmakerConfig.Mode mode = modes.require(room.mode());
        String winner = mode.resultField().map(patch::get).filter(JsonNode::isTextual).map(JsonNode::asText).orElse("");
        if (!member.tryMessage()) {
            throw new MatchException("rate_limited", "Too many game messages; slow down.");
        }
        Change change = new Change(member.playerId(), room, patch, version, winner, mode);
        return attempt(change, config.state().attempts()).chain(results::recordIfEnded);
    }

    private record Change(String playerId, RoomRef room, JsonNode patch, Long version, String winner,
                          MatchmakerConfig.Mode mode) {
    }

    private Uni<Response> attempt(Change change, int attemptsLeft) {
        String key = change.room().key();
        return redis.execute(Command.MGET, key, RoomKeys.state(key)).chain(stored -> {
            if (stored.get(0) == null) {
                return Uni.createFrom().failure(new MatchException("not_in_room", RoomScripts.describe("not_in_room")));
            }
            long current = json.read(stored.get(0).toString(), Room.class).stateVersion();
            if (change.version() != null && change.version() != current) {
                return Uni.createFrom().failure(versionMismatch());
            }
            JsonNode state = stored.get(1) == null ? JsonNodeFactory.instance.objectNode()
                    : json.read(stored.get(1).toString(), JsonNode.class);
            String updated = json.write(MergePatch.apply(state, change.patch()));
            int size = updated.getBytes(StandardCharsets.UTF_8).length;
            if (size > config.state().maxSize()) {
                return Uni.createFrom().failure(new MatchException("too_large", "A room's state has at most "
                        + config.state().maxSize() + " bytes as JSON; this change would make it " + size + "."));
            }
            String frame = json.write(new ServerFrames.State(change.room().id(), change.playerId(), change.patch()));
            // The script closes the frame with the new version and the event's seq.
            String unsequenced = frame.substring(0, frame.length() - 1);
            return scripts.run(RoomScripts.SET_STATE, List.of(key), change.playerId(),
                            change.mode().gameWhileRecruiting() ? 1 : 0, current, updated, unsequenced, change.winner(),
                            System.currentTimeMillis(), config.roomTtl().toMillis(), config.endedRoomTtl().toMillis(),
                            change.mode().resultWindow().toMillis())
                    .onFailure(failure -> change.version() == null && attemptsLeft > 1
                            && MatchException.is(failure, "version_mismatch"))
                    .recoverWithUni(() -> attempt(change, attemptsLeft - 1));
        });
    }

    private static Long version(JsonNode version) {
        if (version == null || version.isNull()) {
            return null;
        }
        if (!version.isIntegralNumber() || !version.canConvertToLong() || version.longValue() < 0) {
            throw new MatchException("invalid_field", "'version' must be the state's version: an integer from 0.");
        }
        return version.longValue();
    }

    private static MatchException versionMismatch() {
        return new MatchException("version_mismatch", RoomScripts.describe("version_mismatch"));
    }
}
