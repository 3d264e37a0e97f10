package dev.rallypoint.matchmaker.party;

import dev.rallypoint.common.redis.LuaScript;
import dev.rallypoint.common.redis.PipelinedRedis;
import dev.rallypoint.matchmaker.invite.InviteCodes;
import dev.rallypoint.matchmaker.mode.MatchmakerConfig;
import dev.rallypoint.matchmaker.protocol.Json;
import dev.rallypoint.matchmaker.protocol.MatchException;
import dev.rallypoint.matchmaker.room.Member;
import dev.rallypoint.matchmaker.room.RoomEvents;
import dev.rallypoint.matchmaker.room.RoomService;
import dev.rallypoint.matchmaker.room.Seats;
import dev.rallypoint.matchmaker.pairing.PairingProperties;
import dev.rallypoint.matchmaker.room.RoomScripts;
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
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

import static io.quarkus.scheduler.Scheduled.ConcurrentExecution.SKIP;

/**
 * Parties: players who play together. A party lives in Redis ({@code party-lib.lua}); a player is
 * in at most one ({@code mm:party-of:<playerId>}, claimed before a join); its invite code is
 * {@code mm:party-code:<code>}. Its events reach every replica with a member in it on the
 * party's channel. A member whose socket closes keeps its place for the grace period and gets
 * the party back on any replica; then it leaves ({@code timeout}).
 */
@Singleton
public class Parties {

    private static final Logger LOG = Logger.getLogger(Parties.class);
    private static final String DIR = "lua/matchmaker/";
    private static final LuaScript CREATE = load("party-create.lua");
    private static final LuaScript JOIN = load("party-join.lua");
    private static final LuaScript LEAVE = load("party-leave.lua");
    private static final LuaScript AWAY = load("party-away.lua");
    private static final LuaScript BACK = load("party-back.lua");
    private static final LuaScript PAIRED = load("party-paired.lua");
    static final String AWAY_SET = "mm:parties:away";

    private final PipelinedRedis redis;
    private final RoomEvents events;
    private final MatchmakerConfig config;
    // The members on this replica of each party, and the party of each of them.
    private final Map<String, Set<Member>> local = new ConcurrentHashMap<>();
    private final Map<Member, String> partyOf = new ConcurrentHashMap<>();
    private final Map<String, String> codes = new ConcurrentHashMap<>();
    private final RoomService rooms;
    private final Seats seats;
    private final Json json;

    Parties(PipelinedRedis redis, RoomEvents events, MatchmakerConfig config, RoomService rooms, Seats seats, Json json) {
        this.redis = redis;
        this.rooms = rooms;
        this.seats = seats;
        this.events = events;
        this.config = config;
        this.json = json;
    }

    public Uni<Void> create(Member member) {
        String partyId = UUID.randomUUID().toString();
        String code = InviteCodes.generate();
        // Only a claim made here is given back when a later step fails.
        return claim(member, partyId).chain(() -> redis.execute(Command.SET, codeKey(code), partyId, "NX", "PX", ttl())
                        .chain(fresh -> fresh != null ? Uni.createFrom().voidItem()
                                : Uni.createFrom().failure(new MatchException("internal", "Invite code collision; try again.")))
                        .chain(() -> CREATE.run(redis, List.of(key(partyId)), List.of(partyId, code, member.playerId(),
                                member.name(), member.conn(), Long.toString(System.currentTimeMillis()), Long.toString(ttl()))))
                        .onFailure().call(() -> release(member.playerId(), partyId)))
                .chain(party -> enter(member, partyId, party.toString()));
    }

    public Uni<Void> join(Member member, String typedCode) {
        String code = InviteCodes.normalize(typedCode);
        if (code == null) {
            return Uni.createFrom().failure(notFound());
        }
        return redis.execute(Command.GET, codeKey(code)).chain(found -> {
            if (found == null) {
                return Uni.createFrom().failure(notFound());
            }
            String partyId = found.toString();
            return claim(member, partyId)
                    .chain(() -> JOIN.run(redis, List.of(key(partyId)), List.of(member.playerId(), member.name(), member.conn(),
                                    Integer.toString(config.party().maxSize()), Long.toString(ttl())))
                            .onFailure().transform(Parties::refusal)
                            .onFailure().call(() -> release(member.playerId(), partyId)))
                    .chain(party -> enter(member, partyId, party.toString()));
        });
    }

    /**
     * A player alone pairs alone. A party's leader pairs the whole party: every member is seated
     * with it in one team of one room, or none is. Each member's replica then takes its seat
     * ({@code party_paired}). A member pairs only through its leader.
     */
    public Uni<Void> pair(Member member, String mode, PairingProperties properties) {
        String partyId = partyOf.get(member);
        if (partyId == null) {
            return rooms.pair(member, mode, properties, List.of()).replaceWithVoid();
        }
        return redis.execute(Command.GET, key(partyId)).chain(stored -> {
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
            return rooms.pair(member, mode, properties, mates).chain(room -> mates.isEmpty() ? Uni.createFrom().voidItem()
                    : PAIRED.run(redis, List.of(key(partyId)), List.of(member.playerId(), room.mode(), room.id(),
                            Long.toString(ttl()))).replaceWithVoid());
        });
    }

    public Uni<Void> leave(Member member) {
        String partyId = requireParty(member);
        exit(member, partyId);
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
        return redis.execute(Command.GET, partyOfKey(member.playerId())).chain(found -> {
            if (found == null) {
                return Uni.createFrom().voidItem();
            }
            String partyId = found.toString();
            return BACK.run(redis, List.of(key(partyId)), List.of(member.playerId(), member.conn(), Long.toString(ttl())))
                    .onFailure().transform(Parties::refusal)
                    .chain(party -> enter(member, partyId, party.toString()))
                    .onFailure(failure -> MatchException.is(failure, "not_in_party"))
                    .recoverWithUni(() -> release(member.playerId(), partyId));
        });
    }

    /** A socket closed: its member is away from its party for the grace period. */
    public Uni<Void> closed(Member member) {
        String partyId = partyOf.get(member);
        if (partyId == null) {
            return Uni.createFrom().voidItem();
        }
        exit(member, partyId);
        long until = System.currentTimeMillis() + config.gracePeriod().toMillis();
        return AWAY.run(redis, List.of(key(partyId)), List.of(member.playerId(), member.conn(), Long.toString(until), Long.toString(ttl())))
                .chain(away -> away.toLong() == 1
                        ? redis.execute(Command.ZADD, AWAY_SET, until, partyId + " " + member.playerId()).replaceWithVoid()
                        : Uni.createFrom().voidItem());
    }

    /** The members whose grace ran out leave their parties; any replica may, the script acts once. */
    @Scheduled(every = "1s", concurrentExecution = SKIP, skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> expireAway() {
        return redis.execute(Command.ZRANGEBYSCORE, AWAY_SET, "-inf", System.currentTimeMillis(), "LIMIT", 0, 100)
                .chain(due -> {
                    List<Uni<Void>> expiries = new ArrayList<>();
                    for (Response entry : due) {
                        String[] partyAndPlayer = entry.toString().split(" ", 2);
                        expiries.add(leave(partyAndPlayer[1], partyAndPlayer[0], "timeout", "")
                                .onFailure(failure -> MatchException.is(failure, "not_in_party")).recoverWithNull()
                                .chain(() -> redis.execute(Command.ZREM, AWAY_SET, entry.toString()).replaceWithVoid()));
                    }
                    return expiries.isEmpty() ? Uni.createFrom().voidItem()
                            : Uni.join().all(expiries).andCollectFailures().replaceWithVoid();
                })
                .onFailure().invoke(failure -> LOG.debugf("Party expiry sweep failed: %s", failure.getMessage()))
                .onFailure().recoverWithNull();
    }

    private Uni<Void> leave(String playerId, String partyId, String reason, String by) {
        return LEAVE.run(redis, List.of(key(partyId)), List.of(playerId, reason, by, Long.toString(System.currentTimeMillis()),
                        Long.toString(ttl())))
                .onFailure().transform(Parties::refusal)
                .chain(result -> {
                    long left = result.get(0).toLong();
                    if (left < 0) {
                        return Uni.createFrom().voidItem();
                    }
                    Uni<Void> released = release(playerId, partyId);
                    return left > 0 ? released
                            : released.chain(() -> redis.execute(Command.DEL, codeKey(result.get(1).toString())).replaceWithVoid());
                });
    }

    /** Follows the party here (subscribing with its first member here) and sends the member its party. */
    private Uni<Void> enter(Member member, String partyId, String party) {
        partyOf.put(member, partyId);
        codes.put(partyId, json.read(party, PartyView.class).code());
        AtomicBoolean first = new AtomicBoolean();
        local.compute(partyId, (id, members) -> {
            Set<Member> set = members == null ? ConcurrentHashMap.newKeySet() : members;
            first.set(members == null);
            set.add(member);
            return set;
        });
        member.send("{\"type\":\"party\",\"party\":" + party + "}");
        return first.get() ? events.listen(channel(partyId), event -> deliver(partyId, event)) : Uni.createFrom().voidItem();
    }

    /** The invite code of the member's party, or null when it is in none. */
    public String codeOf(Member member) {
        String partyId = partyOf.get(member);
        return partyId == null ? null : codes.get(partyId);
    }

    @RegisterForReflection
    @JsonIgnoreProperties(ignoreUnknown = true)
    record PartyView(String id, String code, String leader, List<PartyMember> members) {

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

    private void exit(Member member, String partyId) {
        partyOf.remove(member, partyId);
        local.computeIfPresent(partyId, (id, members) -> {
            members.remove(member);
            if (members.isEmpty()) {
                events.unlisten(channel(partyId));
                codes.remove(partyId);
                return null;
            }
            return members;
        });
    }

    /** "{@code <seq>|<subject>|<type>|<frame>}" to the party's members here; a member who went stops following it. */
    private void deliver(String partyId, String event) {
        String[] parts = event.split("\\|", 4);
        if (parts.length != 4) {
            return;
        }
        Set<Member> members = local.get(partyId);
        if (members == null) {
            return;
        }
        for (Member member : List.copyOf(members)) {
            if (member.playerId().equals(parts[1])) {
                continue;
            }
            member.send(parts[3]);
            if ("party_paired".equals(parts[2]) && member.room() == null) {
                // The leader's pair seated this member too: its seat waits for it here.
                seats.resume(member).subscribe().with(done -> { }, failure -> LOG.debugf("Taking the party seat of %s: %s",
                        member.playerId(), failure.getMessage()));
            }
            if ("party_member_left".equals(parts[2]) && parts[3].contains("\"playerId\":\"" + member.playerId() + "\"")) {
                exit(member, partyId);
            }
        }
    }

    private String requireParty(Member member) {
        String partyId = partyOf.get(member);
        if (partyId == null) {
            throw new MatchException("not_in_party", "The player is not in a party.");
        }
        return partyId;
    }

    /** The player's one party: claimed before it joins, so two sockets cannot join two parties. */
    private Uni<Void> claim(Member member, String partyId) {
        if (partyOf.containsKey(member)) {
            return Uni.createFrom().failure(new MatchException("already_in_party", "The player is in a party; leave it first."));
        }
        return redis.execute(Command.SET, partyOfKey(member.playerId()), partyId, "NX", "PX", ttl())
                .chain(claimed -> claimed != null ? Uni.createFrom().voidItem()
                        : Uni.createFrom().failure(new MatchException("already_in_party", "The player is in a party; leave it first.")));
    }

    private Uni<Void> release(String playerId, String partyId) {
        return RoomScripts.RELEASE.run(redis, List.of(partyOfKey(playerId)), List.of(partyId)).replaceWithVoid();
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

    static String key(String partyId) {
        return "mm:party:{" + partyId + "}";
    }

    private static String channel(String partyId) {
        return key(partyId) + ":events";
    }

    private static String codeKey(String code) {
        return "mm:party-code:" + code;
    }

    private static String partyOfKey(String playerId) {
        return "mm:party-of:" + playerId;
    }

    private static LuaScript load(String script) {
        return LuaScript.load(DIR + "party-lib.lua", DIR + script);
    }
}
