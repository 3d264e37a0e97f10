package dev.rallypoint.matchmaker.room;

import dev.rallypoint.common.problem.RedisUnavailable;
import dev.rallypoint.matchmaker.invite.InviteCodes;
import dev.rallypoint.matchmaker.mode.MatchmakerConfig;
import dev.rallypoint.matchmaker.mode.Modes;
import dev.rallypoint.matchmaker.pairing.PairingProperties;
import dev.rallypoint.matchmaker.pairing.PlayerRatings;
import dev.rallypoint.matchmaker.protocol.Json;
import dev.rallypoint.matchmaker.protocol.MatchException;
import dev.rallypoint.common.redis.PipelinedRedis;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Response;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

import java.security.SecureRandom;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * What players ask of rooms: one script on the room's hash slot each, then the local
 * bookkeeping. Order matters: Redis first (the truth), then this replica's seat, then the
 * player's binding.
 */
@Singleton
public class RoomService {

    private static final Logger LOG = Logger.getLogger(RoomService.class);

    private final PipelinedRedis redis;
    private final RoomScripts scripts;
    private final Modes modes;
    private final MatchmakerConfig config;
    private final Bindings bindings;
    private final Seating seating;
    private final Json json;
    private final MatchResults results;
    private final PlayerRatings ratings;
    // Made when the bean is, at run time: never in a native image's heap.
    private final SecureRandom random = new SecureRandom();

    RoomService(PipelinedRedis redis, RoomScripts scripts, Modes modes, MatchmakerConfig config,
                Bindings bindings, Seating seating, MatchResults results, PlayerRatings ratings, Json json) {
        this.ratings = ratings;
        this.redis = redis;
        this.scripts = scripts;
        this.modes = modes;
        this.config = config;
        this.bindings = bindings;
        this.seating = seating;
        this.json = json;
        this.results = results;
    }

    /**
     * Seats the member in a public room of the mode whose players asked for the same properties:
     * the pool's open room, or in a mode that pairs by rating the room of the pool's lobby nearest
     * the player's rating that the player fits.
     */
    public Uni<Void> pair(Member member, String mode, PairingProperties properties) {
        MatchmakerConfig.Mode settings = modes.require(mode);
        member.markPairing();
        if (settings.matching() == MatchmakerConfig.Matching.FIRST) {
            return join(member, () -> scripts.run(RoomScripts.PAIR, List.of(RoomKeys.open(mode, properties.pool())),
                    newRoomId(), member.playerId(), member.name(), settings.capacity(), settings.minReady(), now(),
                    ttl(), mode, member.conn(), newSeed(), properties.pool(), properties.json()));
        }
        MatchmakerConfig.Window window = settings.window();
        return join(member, () -> ratings.of(mode, member.playerId()).chain(rating -> scripts.run(RoomScripts.PAIR_RATED,
                List.of(RoomKeys.lobby(mode, properties.pool())), newRoomId(), member.playerId(), member.name(),
                settings.capacity(), settings.minReady(), now(), ttl(), mode, member.conn(), newSeed(), properties.pool(),
                properties.json(), rating, window.start(), window.growth(), window.max())));
    }

    public Uni<Void> createPrivate(Member member, String mode) {
        MatchmakerConfig.Mode settings = modes.require(mode);
        String roomId = newRoomId();
        String code = InviteCodes.generate();
        RoomRef room = new RoomRef(mode, roomId);
        long codeExpiresAt = now() + config.inviteTtl().toMillis();
        return join(member, () -> redis.execute(Command.SET, RoomKeys.invite(code), room, "NX", "PX", config.inviteTtl().toMillis())
                .chain(fresh -> fresh != null ? Uni.createFrom().voidItem()
                        : Uni.createFrom().failure(new MatchException("internal", "Invite code collision; try again.")))
                .chain(() -> scripts.run(RoomScripts.CREATE_PRIVATE, List.of(room.key()), roomId, member.playerId(),
                        member.name(), settings.capacity(), settings.minReady(), now(), ttl(), mode, code,
                        codeExpiresAt, member.conn(), newSeed())));
    }

    public Uni<Void> joinPrivate(Member member, String typedCode) {
        String code = InviteCodes.normalize(typedCode);
        if (code == null) {
            return Uni.createFrom().failure(roomNotFound());
        }
        return redis.execute(Command.GET, RoomKeys.invite(code)).chain(value -> {
            RoomRef room = value == null ? null : RoomRef.parse(value.toString());
            if (room == null) {
                return Uni.createFrom().failure(roomNotFound());
            }
            return join(member, () -> scripts.run(RoomScripts.JOIN_PRIVATE, List.of(room.key()), code,
                    member.playerId(), member.name(), now(), ttl(), member.conn()));
        });
    }

    public Uni<Void> ready(Member member) {
        RoomRef room = requireRoom(member);
        return scripts.run(RoomScripts.READY, List.of(room.key()), member.playerId(),
                now(), ttl()).replaceWithVoid();
    }

    /**
     * Leaves the member's room; the member stops getting its events at once. A player who asked
     * to go never keeps the seat: while Redis is away the frame gets {@code unavailable}, and the
     * leave goes on in the background until Redis answers, like the drop of a closed socket.
     */
    public Uni<Void> leave(Member member) {
        RoomRef room = requireRoom(member);
        seating.exit(member, room);
        Supplier<Uni<Void>> leave = () -> scripts.run(RoomScripts.LEAVE, List.of(room.key()), member.playerId(), now(),
                        ttl(), config.endedRoomTtl().toMillis())
                .chain(results::recordIfEnded)
                .chain(() -> bindings.release(member.playerId(), room));
        return leave.get().onFailure(RedisUnavailable::is).recoverWithUni(() -> {
            RedisRetry.untilRedisAnswers(leave)
                    // An earlier attempt took the player out after all, or the room is gone: nothing left to do.
                    .onFailure(failure -> MatchException.is(failure, "not_in_room")).recoverWithNull()
                    .subscribe().with(done -> { }, failure -> LOG.warnf("Leaving the room of %s failed: %s",
                            member.playerId(), failure.getMessage()));
            return Uni.createFrom().failure(new MatchException("unavailable",
                    "The data store does not answer; the leave completes once it is back."));
        });
    }

    public RoomRef requireRoom(Member member) {
        RoomRef room = member.room();
        if (room == null) {
            throw new MatchException("not_in_room", "The player is not in a room.");
        }
        return room;
    }

    /** Claims the player, holds a seat here, runs the joining script, then seats the player here. */
    private Uni<Void> join(Member member, Supplier<Uni<Response>> script) {
        if (member.room() != null) {
            return Uni.createFrom().failure(new MatchException("already_in_room", RoomScripts.describe("already_in_room")));
        }
        // The hold is sent with the claim (PipelinedRedis sends a command when it is called), so
        // a join waits one round trip for both. Only a join that made the claim gives it back: a
        // refused claim is another join's, one of the same player on another connection, whose
        // room frame may already be out.
        Uni<Void> hold = seating.hold(member);
        return bindings.claim(member.playerId())
                .onFailure().invoke(() -> seating.release(member))
                .chain(() -> hold.chain(script::get)
                        .onFailure().call(() -> {
                            seating.release(member);
                            return bindings.releaseClaim(member.playerId());
                        }))
                .chain(reply -> {
                    Room room = json.read(reply.toString(), Room.class);
                    RoomRef ref = new RoomRef(room.mode(), room.id());
                    return bindings.bindSeated(member.playerId(), ref, config.roomTtl())
                            .chain(() -> seating.enter(member, ref, room.seq(), json.write(new Room.Frame(room.view())), List.of()));
                });
    }

    private static MatchException roomNotFound() {
        return new MatchException("room_not_found", RoomScripts.describe("room_not_found"));
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

    /** A game's shared randomness, from 0 to 2^32 - 1 (exact in Lua and JavaScript numbers). */
    private long newSeed() {
        return Integer.toUnsignedLong(random.nextInt());
    }
}
