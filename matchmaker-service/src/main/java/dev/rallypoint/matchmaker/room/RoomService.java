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
import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Response;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

import java.security.SecureRandom;
import java.util.ArrayList;
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
     * Seats the member, with the party {@code mates} it leads if any, in one team of a public room
     * of the mode whose players asked for the same properties: the pool's oldest room with seats
     * for them all, or in a mode that pairs by rating the room of the pool's lobby nearest their
     * ratings that they fit. The mates' seats wait for them (their replicas take them back, see
     * {@link Seats#resume}); all of them are bound to the room before this completes. A party
     * larger than a team, or with a member in a room, is refused whole.
     */
    public Uni<RoomRef> pair(Member member, String mode, PairingProperties properties, List<Mate> mates) {
        MatchmakerConfig.Mode settings = modes.require(mode);
        int share = settings.capacity() / settings.teams();
        if (1 + mates.size() > share) {
            throw new MatchException("party_too_big", "A party of " + (1 + mates.size()) + " does not fit "
                    + (settings.teams() > 1 ? "a team" : "a room") + " of " + share + " in mode '" + mode + "'.");
        }
        member.markPairing();
        List<Mate> group = new ArrayList<>(mates.size() + 1);
        group.add(new Mate(member.playerId(), member.name()));
        group.addAll(mates);
        boolean rated = settings.matching() == MatchmakerConfig.Matching.RATING;
        Supplier<Uni<Response>> script = () -> (rated ? rate(mode, group) : Uni.createFrom().item(group)).chain(seats -> {
            List<Object> args = new ArrayList<>(List.of(newRoomId(), json.write(seats), settings.capacity(),
                    settings.minReady(), settings.teams(), now(), ttl(), mode, member.conn(), newSeed(), properties.pool(),
                    properties.json(), config.gracePeriod().toMillis()));
            if (!rated) {
                return scripts.run(RoomScripts.PAIR, List.of(RoomKeys.lobby(mode, properties.pool())), args.toArray());
            }
            MatchmakerConfig.Window window = settings.window();
            args.addAll(List.of(window.start(), window.growth(), window.max()));
            return scripts.run(RoomScripts.PAIR_RATED, List.of(RoomKeys.lobby(mode, properties.pool())), args.toArray());
        });
        return join(member, mates, script);
    }

    /** One of a group who pair together, as the pairing scripts take it: its rating only in a mode that pairs by rating. */
    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Mate(String playerId, String name, Double rating) {
        public Mate(String playerId, String name) {
            this(playerId, name, null);
        }
    }

    private Uni<List<Mate>> rate(String mode, List<Mate> group) {
        List<Uni<Mate>> rated = group.stream()
                .map(mate -> ratings.of(mode, mate.playerId()).map(rating -> new Mate(mate.playerId(), mate.name(), rating)))
                .toList();
        return Uni.join().all(rated).andFailFast();
    }

    public Uni<Void> createPrivate(Member member, String mode) {
        MatchmakerConfig.Mode settings = modes.require(mode);
        String roomId = newRoomId();
        String code = InviteCodes.generate();
        RoomRef room = new RoomRef(mode, roomId);
        long codeExpiresAt = now() + config.inviteTtl().toMillis();
        return join(member, List.of(), () -> redis.execute(Command.SET, RoomKeys.invite(code), room, "NX", "PX", config.inviteTtl().toMillis())
                .chain(fresh -> fresh != null ? Uni.createFrom().voidItem()
                        : Uni.createFrom().failure(new MatchException("internal", "Invite code collision; try again.")))
                .chain(() -> scripts.run(RoomScripts.CREATE_PRIVATE, List.of(room.key()), roomId, member.playerId(),
                        member.name(), settings.capacity(), settings.minReady(), now(), ttl(), mode, code,
                        codeExpiresAt, member.conn(), newSeed(), settings.teams()))).replaceWithVoid();
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
            return join(member, List.of(), () -> scripts.run(RoomScripts.JOIN_PRIVATE, List.of(room.key()), code,
                    member.playerId(), member.name(), now(), ttl(), member.conn())).replaceWithVoid();
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

    /**
     * Claims the player and its mates (all or none), holds a seat here, runs the joining script,
     * binds them all to the room, then seats the player here.
     */
    private Uni<RoomRef> join(Member member, List<Mate> mates, Supplier<Uni<Response>> script) {
        if (member.room() != null) {
            return Uni.createFrom().failure(new MatchException("already_in_room", RoomScripts.describe("already_in_room")));
        }
        List<String> mateIds = mates.stream().map(Mate::playerId).toList();
        // The hold is sent with the claim (PipelinedRedis sends a command when it is called), so
        // a join waits one round trip for both. Only a join that made the claims gives them back: a
        // refused claim is another join's, one of the same player on another connection, whose
        // room frame may already be out.
        Uni<Void> hold = seating.hold(member);
        return bindings.claimAll(member.playerId(), mateIds)
                .onFailure().invoke(() -> seating.release(member))
                .chain(() -> hold.chain(script::get)
                        .onFailure().call(() -> {
                            seating.release(member);
                            return bindings.releaseClaims(member.playerId(), mateIds);
                        }))
                .chain(reply -> {
                    Room room = json.read(reply.toString(), Room.class);
                    RoomRef ref = new RoomRef(room.mode(), room.id());
                    List<Uni<Void>> bound = new ArrayList<>();
                    bound.add(bindings.bindSeated(member.playerId(), ref, config.roomTtl()));
                    mateIds.forEach(mate -> bound.add(bindings.bindSeated(mate, ref, config.roomTtl())));
                    return Uni.join().all(bound).andCollectFailures()
                            .chain(() -> seating.enter(member, ref, room.seq(), json.write(new Room.Frame(room.view())), List.of()))
                            .replaceWith(ref);
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
