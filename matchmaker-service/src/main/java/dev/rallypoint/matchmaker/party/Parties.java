package dev.rallypoint.matchmaker.party;

import dev.rallypoint.common.redis.LuaScript;
import dev.rallypoint.common.redis.PipelinedRedis;
import dev.rallypoint.matchmaker.invite.InviteCodes;
import dev.rallypoint.matchmaker.mode.MatchmakerConfig;
import dev.rallypoint.matchmaker.pairing.PairingProperties;
import dev.rallypoint.matchmaker.protocol.Json;
import dev.rallypoint.matchmaker.protocol.MatchException;
import dev.rallypoint.matchmaker.replica.SocketsOfDeadReplicas;
import dev.rallypoint.matchmaker.room.Member;
import dev.rallypoint.matchmaker.room.RedisRetry;
import dev.rallypoint.matchmaker.room.RoomRef;
import dev.rallypoint.matchmaker.room.RoomScripts;
import dev.rallypoint.matchmaker.room.RoomService;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Response;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

import static io.quarkus.scheduler.Scheduled.ConcurrentExecution.SKIP;

/**
 * Parties: players who play together. A party lives in Redis ({@code party-lib.lua}); a player is
 * in at most one ({@code mm:party-of:<playerId>}, claimed before a join); its invite code is
 * {@code mm:party-code:<code>}. Its events reach every replica with a member in it on the
 * party's channel. A member whose socket closes keeps its place for the grace period and gets
 * the party back on any replica; then it leaves ({@code timeout}). The members on this replica
 * are {@link PartyMembersHere}'s.
 */
@Singleton
public class Parties implements SocketsOfDeadReplicas {

    private static final Logger LOG = Logger.getLogger(Parties.class);
    private static final String DIR = "lua/matchmaker/";
    private static final LuaScript CREATE = load("party-create.lua");
    private static final LuaScript JOIN = load("party-join.lua");
    private static final LuaScript LEAVE = load("party-leave.lua");
    private static final LuaScript AWAY = load("party-away.lua");
    private static final LuaScript BACK = load("party-back.lua");
    private static final LuaScript PAIRED = load("party-paired.lua");

    private final PipelinedRedis redis;
    private final MatchmakerConfig config;
    private final PartyMembersHere here;
    private final RoomService rooms;
    private final Json json;

    Parties(PipelinedRedis redis, MatchmakerConfig config, PartyMembersHere here, RoomService rooms, Json json) {
        this.redis = redis;
        this.config = config;
        this.here = here;
        this.rooms = rooms;
        this.json = json;
    }

    public Uni<Void> create(Member member) {
        String partyId = UUID.randomUUID().toString();
        String code = InviteCodes.generate();
        // Only a claim made here is given back when a later step fails.
        return claim(member, partyId).chain(() -> redis.execute(Command.SET, PartyKeys.code(code), partyId, "NX", "PX", ttl())
                        .chain(fresh -> fresh != null ? Uni.createFrom().voidItem()
                                : Uni.createFrom().failure(new MatchException("internal", "Invite code collision; try again.")))
                        .chain(() -> taking(member, partyId, () -> CREATE.run(redis, List.of(PartyKeys.party(partyId)),
                                List.of(partyId, code, member.playerId(), member.name(), member.conn(),
                                        Long.toString(System.currentTimeMillis()), Long.toString(ttl())))))
                        .onFailure().call(() -> release(member.playerId(), partyId)))
                .invoke(party -> enter(member, partyId, party.toString()))
                .replaceWithVoid();
    }

    public Uni<Void> join(Member member, String typedCode) {
        String code = InviteCodes.normalize(typedCode);
        if (code == null) {
            return Uni.createFrom().failure(notFound());
        }
        return redis.execute(Command.GET, PartyKeys.code(code)).chain(found -> {
            if (found == null) {
                return Uni.createFrom().failure(notFound());
            }
            String partyId = found.toString();
            return claim(member, partyId)
                    .chain(() -> taking(member, partyId, () -> JOIN.run(redis, List.of(PartyKeys.party(partyId)),
                                    List.of(member.playerId(), member.name(), member.conn(),
                                            Integer.toString(config.party().maxSize()), Long.toString(ttl()))))
                            .onFailure().call(() -> release(member.playerId(), partyId)))
                    .invoke(party -> enter(member, partyId, party.toString()))
                    .replaceWithVoid();
        });
    }

    /**
     * A player alone pairs alone. A party's leader pairs the whole party: every member is seated
     * with it in one team of one room, or none is. Each member's replica then takes its seat
     * ({@code party_paired}). A member pairs only through its leader.
     */
    public Uni<Void> pair(Member member, String mode, PairingProperties properties) {
        String partyId = here.partyOf(member);
        if (partyId == null) {
            return rooms.pair(member, mode, properties, List.of()).replaceWithVoid();
        }
        return redis.execute(Command.GET, PartyKeys.party(partyId)).chain(stored -> {
            PartyView party = stored == null ? null : json.read(stored.toString(), PartyView.class);
            if (party == null || !party.has(member.playerId())) {
                return Uni.createFrom().failure(new MatchException("not_in_party", "The player is not in a party."));
            }
            if (!party.leader().equals(member.playerId())) {
                return Uni.createFrom().failure(new MatchException("not_leader",
                        "Only the party's leader pairs the party; party_leave to pair alone."));
            }
            List<RoomService.Mate> mates = new ArrayList<>();
            for (PartyView.PartyMember mate : party.members()) {
                if (!mate.playerId().equals(member.playerId())) {
                    if (!mate.connected()) {
                        return Uni.createFrom().failure(new MatchException("party_member_away",
                                mate.name() + " is away; the party pairs once every member is connected."));
                    }
                    mates.add(new RoomService.Mate(mate.playerId(), mate.name()));
                }
            }
            return rooms.pair(member, mode, properties, mates)
                    .invoke(room -> {
                        if (!mates.isEmpty()) {
                            announce(member, partyId, room);
                        }
                    })
                    .replaceWithVoid();
        });
    }

    /**
     * Tells the party that its leader seated it, so that each member's replica takes the member's
     * seat. The party is seated whatever Redis does next, so this goes on until Redis answers.
     */
    private void announce(Member leader, String partyId, RoomRef room) {
        RedisRetry.untilRedisAnswers(() -> PAIRED.run(redis, List.of(PartyKeys.party(partyId)),
                        List.of(leader.playerId(), room.mode(), room.id(), Long.toString(ttl()))).replaceWithVoid())
                .subscribe().with(done -> { }, failure -> LOG.warnf("Telling party %s of its room failed: %s", partyId,
                        failure.getMessage()));
    }

    public Uni<Void> leave(Member member) {
        String partyId = requireParty(member);
        here.leave(member, partyId);
        return leave(member.playerId(), partyId, "left", member.playerId());
    }

    public Uni<Void> kick(Member leader, String playerId) {
        String partyId = requireParty(leader);
        if (playerId.equals(leader.playerId())) {
            throw new MatchException("invalid_field", "A leader leaves with party_leave, not by kicking itself.");
        }
        return leave(playerId, partyId, "kicked", leader.playerId());
    }

    /** A new socket of a player in a party takes its place back and gets the party frame. */
    public Uni<Void> resume(Member member) {
        return redis.execute(Command.GET, PartyKeys.of(member.playerId())).chain(found -> {
            if (found == null) {
                return Uni.createFrom().voidItem();
            }
            String partyId = found.toString();
            return taking(member, partyId, () -> BACK.run(redis, List.of(PartyKeys.party(partyId)),
                            List.of(member.playerId(), member.conn(), Long.toString(ttl()))))
                    .invoke(party -> enter(member, partyId, party.toString()))
                    .replaceWithVoid()
                    .onFailure(failure -> MatchException.is(failure, "not_in_party"))
                    .recoverWithUni(() -> release(member.playerId(), partyId));
        });
    }

    /** A socket closed: its member is away from its party for the grace period. */
    public Uni<Void> closed(Member member) {
        String partyId = here.partyOf(member);
        if (partyId == null || !here.leave(member, partyId)) {
            return Uni.createFrom().voidItem();
        }
        return away(member.playerId(), partyId, member.conn());
    }

    /** A dead replica's socket held the player's place in its party: the member is away, as if the socket had closed. */
    @Override
    public Uni<Void> drop(String playerId, String replicaId) {
        return redis.execute(Command.GET, PartyKeys.of(playerId)).chain(found -> found == null ? Uni.createFrom().voidItem()
                : away(playerId, found.toString(), replicaId + "/"));
    }

    private Uni<Void> away(String playerId, String partyId, String conn) {
        long until = System.currentTimeMillis() + config.gracePeriod().toMillis();
        return AWAY.run(redis, List.of(PartyKeys.party(partyId)), List.of(playerId, conn, Long.toString(until), Long.toString(ttl())))
                .chain(away -> away.toLong() == 1
                        ? redis.execute(Command.ZADD, PartyKeys.AWAY, until, partyId + " " + playerId).replaceWithVoid()
                        : Uni.createFrom().voidItem());
    }

    /** Takes the member's place here (see {@link PartyMembersHere#take}) before the script that gives it runs; a refusal lets go. */
    private Uni<Response> taking(Member member, String partyId, Supplier<Uni<Response>> script) {
        return here.take(member, partyId).chain(script::get)
                .onFailure().transform(Parties::refusal)
                .onFailure().invoke(() -> here.leave(member, partyId));
    }

    /** The members whose grace ran out leave their parties; any replica may, the script acts once. */
    @Scheduled(every = "1s", concurrentExecution = SKIP, skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> expireAway() {
        return redis.execute(Command.ZRANGEBYSCORE, PartyKeys.AWAY, "-inf", System.currentTimeMillis(), "LIMIT", 0, 100)
                .chain(due -> {
                    List<Uni<Void>> expiries = new ArrayList<>();
                    for (Response entry : due) {
                        String[] partyAndPlayer = entry.toString().split(" ", 2);
                        expiries.add(leave(partyAndPlayer[1], partyAndPlayer[0], "timeout", "")
                                .onFailure(failure -> MatchException.is(failure, "not_in_party")).recoverWithNull()
                                .chain(() -> redis.execute(Command.ZREM, PartyKeys.AWAY, entry.toString()).replaceWithVoid()));
                    }
                    return expiries.isEmpty() ? Uni.createFrom().voidItem()
                            : Uni.join().all(expiries).andCollectFailures().replaceWithVoid();
                })
                .onFailure().invoke(failure -> LOG.debugf("Party expiry sweep failed: %s", failure.getMessage()))
                .onFailure().recoverWithNull();
    }

    private Uni<Void> leave(String playerId, String partyId, String reason, String by) {
        return LEAVE.run(redis, List.of(PartyKeys.party(partyId)), List.of(playerId, reason, by, Long.toString(System.currentTimeMillis()),
                        Long.toString(ttl())))
                .onFailure().transform(Parties::refusal)
                .chain(result -> {
                    long left = result.get(0).toLong();
                    if (left < 0) {
                        return Uni.createFrom().voidItem();
                    }
                    Uni<Void> released = release(playerId, partyId);
                    return left > 0 ? released
                            : released.chain(() -> redis.execute(Command.DEL, PartyKeys.code(result.get(1).toString())).replaceWithVoid());
                });
    }

    /** The script gave the member its place: it gets the party frame, then the events after it. */
    private void enter(Member member, String partyId, String party) {
        PartyView view = json.read(party, PartyView.class);
        here.entered(member, partyId, view.code(), view.seq(), "{\"type\":\"party\",\"party\":" + party + "}");
    }

    /** The invite code of the member's party, or null when it is in none. */
    public String codeOf(Member member) {
        String partyId = here.partyOf(member);
        return partyId == null ? null : here.codeOf(partyId);
    }

    @RegisterForReflection
    @JsonIgnoreProperties(ignoreUnknown = true)
    record PartyView(String id, String code, String leader, long seq, List<PartyMember> members) {

        PartyView {
            members = members == null ? List.of() : members;
        }

        boolean has(String playerId) {
            return members.stream().anyMatch(m -> m.playerId().equals(playerId));
        }

        @RegisterForReflection
        @JsonIgnoreProperties(ignoreUnknown = true)
        record PartyMember(String playerId, String name, boolean connected) {
        }
    }

    private String requireParty(Member member) {
        String partyId = here.partyOf(member);
        if (partyId == null) {
            throw new MatchException("not_in_party", "The player is not in a party.");
        }
        return partyId;
    }

    /** The player's one party: claimed before it joins, so two sockets cannot join two parties. */
    private Uni<Void> claim(Member member, String partyId) {
        if (here.has(member)) {
            return Uni.createFrom().failure(new MatchException("already_in_party", "The player is in a party; leave it first."));
        }
        return redis.execute(Command.SET, PartyKeys.of(member.playerId()), partyId, "NX", "PX", ttl())
                .chain(claimed -> claimed != null ? Uni.createFrom().voidItem()
                        : Uni.createFrom().failure(new MatchException("already_in_party", "The player is in a party; leave it first.")));
    }

    private Uni<Void> release(String playerId, String partyId) {
        return RoomScripts.RELEASE.run(redis, List.of(PartyKeys.of(playerId)), List.of(partyId)).replaceWithVoid();
    }

    private static Throwable refusal(Throwable failure) {
        String message = failure.getMessage() == null ? "" : failure.getMessage().trim();
        String code = message.startsWith("ERR ") ? message.substring(4) : message;
        return switch (code) {
            case "party_not_found" -> notFound();
            case "party_full" -> new MatchException("party_full", "The party is full.");
            case "not_in_party" -> new MatchException("not_in_party", "That player is not in the party.");
            case "not_leader" -> new MatchException("not_leader", "Only the party's leader kicks.");
            default -> failure;
        };
    }

    private static MatchException notFound() {
        return new MatchException("party_not_found", "No party has that code.");
    }

    private long ttl() {
        return config.roomTtl().toMillis();
    }

    private static LuaScript load(String script) {
        return LuaScript.load(DIR + "party-lib.lua", DIR + script);
    }
}
