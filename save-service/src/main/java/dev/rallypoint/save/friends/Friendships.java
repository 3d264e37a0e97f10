package dev.rallypoint.save.friends;

import dev.rallypoint.common.players.FriendKeys;
import dev.rallypoint.common.players.PlayerKeys;
import dev.rallypoint.common.problem.ProblemException;
import dev.rallypoint.common.redis.LuaScript;
import dev.rallypoint.common.redis.PipelinedRedis;
import dev.rallypoint.save.document.SaveConfig;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Friendships, requests and blocks: each change is one script on the two players' friendship key
 * (see {@code friendship-lib.lua}), then the players' indexes follow what it left.
 */
@ApplicationScoped
public class Friendships {

    private static final String DIR = "lua/friends/";
    private static final LuaScript REQUEST = load("friend-request.lua");
    private static final LuaScript REMOVE = load("friend-remove.lua");
    private static final LuaScript BLOCK = load("friend-block.lua");
    private static final LuaScript UNBLOCK = load("friend-unblock.lua");

    private final PipelinedRedis redis;
    private final Presence presence;
    private final int max;

    Friendships(PipelinedRedis redis, Presence presence, SaveConfig config) {
        this.redis = redis;
        this.presence = presence;
        this.max = config.maxFriends();
    }

    /** Asks the other to be friends, or accepts its request; returns {@code requested} or {@code friends}. */
    public Uni<String> request(String me, String other) {
        return mayRelate(me, other, max)
                .chain(() -> change(REQUEST, me, other, Long.toString(System.currentTimeMillis())))
                .onFailure().transform(failure -> switch (refusal(failure)) {
                    case "blocked" -> ProblemException.forbidden("blocked", "This player does not take your requests.");
                    case "you_blocked" -> ProblemException.conflict("you-blocked", "You blocked this player; unblock them first.");
                    default -> failure;
                });
    }

    public Uni<Void> remove(String me, String other) {
        return change(REMOVE, me, other).replaceWithVoid();
    }

    /**
     * Blocks have room past the limit: a player whose list others filled with requests can still
     * block (and so stop) the senders.
     */
    public Uni<Void> block(String me, String other) {
        return mayRelate(me, other, 2 * max).chain(() -> change(BLOCK, me, other)).replaceWithVoid();
    }

    public Uni<Void> unblock(String me, String other) {
        return change(UNBLOCK, me, other).replaceWithVoid();
    }

    /** The caller's friends (with presence), its requests each way and the players it blocks, by name. */
    public Uni<FriendList> list(String me) {
        return redis.execute(Command.SMEMBERS, FriendKeys.index(me)).chain(members -> {
            List<String> others = new ArrayList<>();
            members.forEach(member -> others.add(member.toString()));
            if (others.isEmpty()) {
                return Uni.createFrom().item(new FriendList(List.of(), List.of(), List.of(), List.of()));
            }
            List<Uni<Entry>> entries = others.stream().map(other -> entry(me, other)).toList();
            return Uni.join().all(entries).andFailFast().call(found -> forgetStale(me, found)).map(Friendships::sorted);
        });
    }

    /** One player of the caller's index: the friendship as stored, the name, and for a friend its presence. */
    private Uni<Entry> entry(String me, String other) {
        return Uni.combine().all().unis(
                        redis.execute(Command.HMGET, FriendKeys.pair(me, other), "state", "from", "since", "blocked:" + me),
                        redis.execute(Command.HGET, PlayerKeys.profile(other), "name"))
                .asTuple()
                .chain(found -> {
                    Response pair = found.getItem1();
                    String name = found.getItem2() == null ? null : found.getItem2().toString();
                    String state = text(pair.get(0));
                    String since = text(pair.get(2));
                    Entry entry = new Entry(other, name, state, text(pair.get(1)), since == null ? null : Long.parseLong(since),
                            pair.get(3) != null, false, null);
                    return "friends".equals(state) ? presence.of(other).map(entry::withPresence) : Uni.createFrom().item(entry);
                });
    }

    /**
     * Takes out of the caller's index the players it no longer has anything with: the index
     * follows each script from outside it, so two changes at once may leave one behind.
     */
    private Uni<Void> forgetStale(String me, List<Entry> entries) {
        Object[] stale = entries.stream().filter(e -> e.state() == null && !e.blockedByMe()).map(Entry::playerId).toArray();
        if (stale.length == 0) {
            return Uni.createFrom().voidItem();
        }
        Object[] args = new Object[stale.length + 1];
        args[0] = FriendKeys.index(me);
        System.arraycopy(stale, 0, args, 1, stale.length);
        return redis.execute(Command.SREM, args).replaceWithVoid();
    }

    /** Friends by name, requests newest first, blocks by name; an index entry whose friendship is gone is left out. */
    private static FriendList sorted(List<Entry> entries) {
        Comparator<Entry> byName = Comparator.comparing(entry -> entry.name() == null ? entry.playerId() : entry.name(),
                String.CASE_INSENSITIVE_ORDER);
        Comparator<Entry> newest = Comparator.comparing(Entry::since, Comparator.nullsLast(Comparator.reverseOrder()));
        return new FriendList(
                entries.stream().filter(e -> "friends".equals(e.state())).sorted(byName)
                        .map(e -> new FriendList.Friend(e.playerId(), e.name(), e.online(), e.room(), e.since())).toList(),
                entries.stream().filter(e -> "requested".equals(e.state()) && e.playerId().equals(e.from())).sorted(newest)
                        .map(e -> new FriendList.Other(e.playerId(), e.name(), e.since())).toList(),
                entries.stream().filter(e -> "requested".equals(e.state()) && !e.playerId().equals(e.from())).sorted(newest)
                        .map(e -> new FriendList.Other(e.playerId(), e.name(), e.since())).toList(),
                entries.stream().filter(Entry::blockedByMe).sorted(byName)
                        .map(e -> new FriendList.Other(e.playerId(), e.name(), null)).toList());
    }

    /** One line of a list, before it is sorted into its place. */
    record Entry(String playerId, String name, String state, String from, Long since, boolean blockedByMe,
                 boolean online, FriendList.Room room) {
        Entry withPresence(Presence.Seen seen) {
            return new Entry(playerId, name, state, from, since, blockedByMe, seen.online(), seen.room());
        }
    }

    /** A friendship with oneself, or with a player nobody knows, is refused; so is one past either player's limit. */
    private Uni<Void> mayRelate(String me, String other, int limit) {
        if (me.equals(other)) {
            throw ProblemException.badRequest("self", "A player cannot befriend or block itself.");
        }
        return Uni.combine().all().unis(
                        redis.execute(Command.EXISTS, PlayerKeys.profile(other)),
                        redis.execute(Command.SCARD, FriendKeys.index(me)),
                        redis.execute(Command.SISMEMBER, FriendKeys.index(me), other),
                        redis.execute(Command.SCARD, FriendKeys.index(other)))
                .with((exists, mine, known, theirs) -> {
                    if (exists.toLong() == 0) {
                        throw ProblemException.notFound("no-such-player", "No player has that id.");
                    }
                    if (known.toLong() == 0 && (mine.toLong() >= limit || theirs.toLong() >= limit)) {
                        throw ProblemException.conflict("too-many-friends",
                                "A player has at most " + max + " friends, requests and blocks.");
                    }
                    return null;
                });
    }

    /** Runs a friendship script, then lists or unlists each player in the other's index as the script left them. */
    private Uni<String> change(LuaScript script, String me, String other, String... more) {
        if (me.equals(other)) {
            throw ProblemException.badRequest("self", "A player cannot befriend or block itself.");
        }
        List<String> args = new ArrayList<>(List.of(me, other));
        args.addAll(List.of(more));
        return script.run(redis, List.of(FriendKeys.pair(me, other)), args).chain(reply -> {
            String state = reply.get(0).toString();
            return Uni.combine().all().unis(
                            redis.execute(reply.get(1).toLong() == 1 ? Command.SADD : Command.SREM, FriendKeys.index(me), other),
                            redis.execute(reply.get(2).toLong() == 1 ? Command.SADD : Command.SREM, FriendKeys.index(other), me))
                    .discardItems()
                    .replaceWith(state);
        });
    }

    /** The code a script refused with (Redis 7 puts "ERR " before it, 6.2 does not), or "". */
    private static String refusal(Throwable failure) {
        String message = failure.getMessage() == null ? "" : failure.getMessage().trim();
        return message.startsWith("ERR ") ? message.substring(4) : message;
    }

    private static String text(Response value) {
        return value == null ? null : value.toString();
    }

    private static LuaScript load(String script) {
        return LuaScript.load(DIR + "friendship-lib.lua", DIR + script);
    }
}
