package dev.rallypoint.matchmaker.room;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rallypoint.common.redis.LuaScript;
import dev.rallypoint.matchmaker.invite.InviteCodes;
import dev.rallypoint.matchmaker.mode.MatchmakerConfig;
import dev.rallypoint.matchmaker.mode.Modes;
import dev.rallypoint.matchmaker.protocol.MatchException;
import dev.rallypoint.matchmaker.protocol.ServerFrames;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Response;
import io.vertx.redis.client.ResponseType;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Every change to a room: one script on the room's hash slot, then the local bookkeeping.
 * Order matters: Redis first (the truth), then this replica's members, then the binding.
 */
@ApplicationScoped
public class RoomService {

    private final ReactiveRedisDataSource redis;
    private final Modes modes;
    private final MatchmakerConfig config;
    private final Bindings bindings;
    private final Members members;
    private final RoomEvents events;
    private final MatchResults results;
    private final ObjectMapper json;
    private final MeterRegistry registry;

    RoomService(ReactiveRedisDataSource redis, Modes modes, MatchmakerConfig config, Bindings bindings, Members members,
                RoomEvents events, MatchResults results, ObjectMapper json, MeterRegistry registry) {
        this.redis = redis;
        this.modes = modes;
        this.config = config;
        this.bindings = bindings;
        this.members = members;
        this.events = events;
        this.results = results;
        this.json = json;
        this.registry = registry;
    }

    public Uni<Void> pair(Member member, String mode) {
        MatchmakerConfig.Mode settings = modes.require(mode);
        member.markPairing();
        return join(member, () -> run(RoomScripts.PAIR, List.of(RoomKeys.open(mode)),
                newRoomId(), member.playerId(), member.name(), settings.capacity(), settings.minReady(), now(),
                ttl(), mode));
    }

    public Uni<Void> createPrivate(Member member, String mode) {
        MatchmakerConfig.Mode settings = modes.require(mode);
        String roomId = newRoomId();
        String code = InviteCodes.generate();
        RoomRef room = new RoomRef(mode, roomId);
        long codeExpiresAt = now() + config.inviteTtl().toMillis();
        return join(member, () -> redis.value(String.class)
                .setnx(RoomKeys.invite(code), room.toString())
                .chain(fresh -> fresh ? redis.key().pexpire(RoomKeys.invite(code), config.inviteTtl())
                        : Uni.createFrom().failure(new MatchException("internal", "Invite code collision; try again.")))
                .chain(() -> run(RoomScripts.CREATE_PRIVATE, List.of(room.key()), roomId, member.playerId(),
                        member.name(), settings.capacity(), settings.minReady(), now(), ttl(), mode, code,
                        codeExpiresAt)));
    }

    public Uni<Void> joinPrivate(Member member, String typedCode) {
        String code = InviteCodes.normalize(typedCode);
        if (code == null) {
            return Uni.createFrom().failure(roomNotFound());
        }
        return redis.value(String.class).get(RoomKeys.invite(code)).chain(value -> {
            RoomRef room = value == null ? null : RoomRef.parse(value);
            if (room == null) {
                return Uni.createFrom().failure(roomNotFound());
            }
            return join(member, () -> run(RoomScripts.JOIN_PRIVATE, List.of(room.key()), code, member.playerId(),
                    member.name(), now(), ttl()));
        });
    }

    public Uni<Void> ready(Member member) {
        RoomRef room = requireRoom(member);
        return run(RoomScripts.READY, List.of(room.key(), RoomKeys.open(room.mode())), member.playerId(), now(), ttl())
                .replaceWithVoid();
    }

    /** Leaves the member's room; the member stops getting its events at once. */
    public Uni<Void> leave(Member member, String reason) {
        RoomRef room = requireRoom(member);
        if (members.leave(member, room)) {
            events.unfollow(room);
        }
        return run(RoomScripts.LEAVE, List.of(room.key(), RoomKeys.open(room.mode())), member.playerId(), reason,
                now(), ttl(), config.endedRoomTtl().toMillis())
                .chain(reply -> reply.type() == ResponseType.BULK
                        ? results.record(reply.toString()).replaceWithVoid()
                        : Uni.createFrom().voidItem())
                .chain(() -> bindings.release(member.playerId()));
    }

    /** Ends the member's game with a winner; the first valid report wins. */
    public Uni<Void> gameOver(Member member, String winner) {
        RoomRef room = requireRoom(member);
        return run(RoomScripts.GAME_OVER, List.of(room.key()), member.playerId(), winner, now(),
                config.endedRoomTtl().toMillis())
                .chain(reply -> results.record(reply.toString()))
                .chain(match -> Uni.join().all(match.players().stream().map(bindings::release).toList())
                        .andCollectFailures())
                .invoke(() -> registry.counter("rallypoint.matchmaker.games.ended").increment())
                .replaceWithVoid();
    }

    /**
     * A replica that stops takes its players out of their rooms itself, while Redis and the
     * beans are still there, so the others see them leave at once.
     */
    void onShutdown(@Observes ShutdownEvent event) {
        List<Uni<Void>> leaves = members.closeAll().stream()
                .filter(member -> member.room() != null)
                .map(member -> leave(member, "disconnected").onFailure().recoverWithNull())
                .toList();
        if (!leaves.isEmpty()) {
            Uni.join().all(leaves).andCollectFailures().await().atMost(Duration.ofSeconds(5));
        }
    }

    public RoomRef requireRoom(Member member) {
        RoomRef room = member.room();
        if (room == null) {
            throw new MatchException("not_in_room", "The player is not in a room.");
        }
        return room;
    }

    /** Claims the player, runs the joining script, then shows the room and follows its events. */
    private Uni<Void> join(Member member, Supplier<Uni<Response>> script) {
        if (member.room() != null) {
            return Uni.createFrom().failure(new MatchException("already_in_room",
                    "The player is already in a room; leave it first."));
        }
        return bindings.claim(member.playerId())
                .chain(script::get)
                .onFailure().call(() -> bindings.release(member.playerId()))
                .chain(reply -> {
                    Room room = decode(reply.toString());
                    RoomRef ref = new RoomRef(room.mode(), room.id());
                    members.enter(member, ref, room.seq(), encode(new ServerFrames.RoomFrame(room.view())));
                    return bindings.bind(member.playerId(), ref, config.roomTtl()).chain(() -> events.follow(ref));
                });
    }

    private Uni<Response> run(LuaScript script, List<String> keys, Object... args) {
        return script.run(redis, keys, Arrays.stream(args).map(String::valueOf).toList())
                .onFailure(RoomService::isScriptRefusal)
                .transform(failure -> new MatchException(failure.getMessage().trim(), describe(failure.getMessage().trim())));
    }

    /** Scripts refuse with a bare lower-case code (redis.error_reply('room_full')). */
    private static boolean isScriptRefusal(Throwable failure) {
        String message = failure.getMessage();
        return message != null && message.trim().matches("[a-z_]+");
    }

    private static String describe(String code) {
        return switch (code) {
            case "already_in_room" -> "The player is already in a room; leave it first.";
            case "room_not_found" -> "No room has that invite code, or the code expired.";
            case "room_full" -> "The room is full.";
            case "not_recruiting" -> "The room is no longer recruiting.";
            case "not_playing" -> "The room is not playing.";
            case "not_in_room" -> "The player is not in that room.";
            case "invalid_winner" -> "The winner must be a player of the room.";
            default -> code;
        };
    }

    private static MatchException roomNotFound() {
        return new MatchException("room_not_found", describe("room_not_found"));
    }

    private Room decode(String raw) {
        try {
            return json.readValue(raw, Room.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable room from a script", e);
        }
    }

    private String encode(Object frame) {
        try {
            return json.writeValueAsString(frame);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private long ttl() {
        return config.roomTtl().toMillis();
    }

    private static long now() {
        return System.currentTimeMillis();
    }

    private static String newRoomId() {
        return UUID.randomUUID().toString();
    }
}
