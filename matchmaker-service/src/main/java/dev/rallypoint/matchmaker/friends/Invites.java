package dev.rallypoint.matchmaker.friends;

import dev.rallypoint.common.auth.PlayerIds;
import dev.rallypoint.common.players.FriendKeys;
import dev.rallypoint.common.players.PresenceKeys;
import dev.rallypoint.common.redis.PipelinedRedis;
import dev.rallypoint.matchmaker.party.Parties;
import dev.rallypoint.matchmaker.protocol.Json;
import dev.rallypoint.matchmaker.protocol.MatchException;
import dev.rallypoint.matchmaker.protocol.ServerFrames;
import dev.rallypoint.matchmaker.replica.Replica;
import dev.rallypoint.matchmaker.room.Member;
import dev.rallypoint.matchmaker.room.Members;
import dev.rallypoint.matchmaker.room.Room;
import dev.rallypoint.matchmaker.room.RoomEvents;
import dev.rallypoint.matchmaker.room.RoomRef;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Response;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

/**
 * The {@code invite} frame: a player in a private room that recruits asks a friend to join it, or
 * else a player in a party asks a friend to join the party. The friend, on whatever replica its
 * socket is, gets {@code invited} with the room's code or the party's. The
 * friendship is save-service's (see {@link FriendKeys}): only friends invite each other, and a
 * block either way ends the friendship, so it stops invites. The invitation goes to the friend's replica on its channel
 * {@code mm:replica:<id>:invites} as "{@code <connectionId>|<frame>}".
 */
@Singleton
public class Invites {

    private static final Logger LOG = Logger.getLogger(Invites.class);

    private final PipelinedRedis redis;
    private final RoomEvents events;
    private final Replica replica;
    private final Members members;
    private final Parties parties;
    private final Json json;

    Invites(PipelinedRedis redis, RoomEvents events, Replica replica, Members members, Parties parties, Json json) {
        this.parties = parties;
        this.redis = redis;
        this.events = events;
        this.replica = replica;
        this.members = members;
        this.json = json;
    }

    void listen(@Observes StartupEvent event) {
        events.listen(channel(replica.id()), this::deliver)
                .subscribe().with(done -> { }, failure -> LOG.debugf("Invites: %s", failure.getMessage()));
    }

    public Uni<Void> invite(Member member, String to) {
        if (!PlayerIds.isValid(to) || to.equals(member.playerId())) {
            throw new MatchException("invalid_field", "'to' must be the playerId of a friend.");
        }
        // Invites reach other players, as chat does, and share its limit.
        if (!member.tryChat()) {
            throw new MatchException("rate_limited", "Too many chat messages and invites; slow down.");
        }
        RoomRef room = member.room();
        String partyCode = parties.codeOf(member);
        if (room == null && partyCode == null) {
            throw new MatchException("not_invitable", "Invite friends to a private room or to your party.");
        }
        return Uni.combine().all().unis(
                        redis.execute(Command.HMGET, FriendKeys.pair(member.playerId(), to), "state",
                                "blocked:" + member.playerId(), "blocked:" + to),
                        room == null ? Uni.createFrom().<Response>nullItem() : redis.execute(Command.GET, room.key()),
                        redis.execute(Command.GET, PresenceKeys.socket(to)))
                .asTuple()
                .chain(found -> {
                    // A block ends a friendship, so a blocked pair is never friends; the answer does not
                    // tell a player that the other blocked it.
                    Response friendship = found.getItem1();
                    if (friendship.get(0) == null || !"friends".equals(friendship.get(0).toString())
                            || friendship.get(1) != null || friendship.get(2) != null) {
                        throw new MatchException("not_friends", "Only friends invite each other; send a friend request first.");
                    }
                    Room stored = found.getItem2() == null ? null : json.read(found.getItem2().toString(), Room.class);
                    boolean roomTakesThem = stored != null && stored.code() != null && "recruiting".equals(stored.state())
                            && stored.players().size() < stored.capacity() && !stored.codeExpired(System.currentTimeMillis());
                    if (!roomTakesThem && partyCode == null) {
                        throw new MatchException("not_invitable", "Invite friends to a private room that still has a free seat, or to your party.");
                    }
                    String[] socket = found.getItem3() == null ? null : found.getItem3().toString().split("/", 2);
                    if (socket == null || socket.length != 2) {
                        throw new MatchException("offline", "That friend is not connected.");
                    }
                    String frame = json.write(roomTakesThem
                            ? ServerFrames.Invited.toRoom(member.playerId(), member.name(), stored.mode(), stored.id(), stored.code())
                            : ServerFrames.Invited.toParty(member.playerId(), member.name(), partyCode));
                    return redis.execute(Command.PUBLISH, channel(socket[0]), socket[1] + "|" + frame)
                            .invoke(receivers -> {
                                // Nobody listens on the channel of a replica that is gone.
                                if (receivers.toLong() == 0) {
                                    throw new MatchException("offline", "That friend is not connected.");
                                }
                            })
                            .replaceWithVoid();
                });
    }

    /** An invitation for a socket of this replica: sent, unless the socket closed meanwhile. */
    private void deliver(String message) {
        int bar = message.indexOf('|');
        Member member = bar < 0 ? null : members.get(message.substring(0, bar));
        if (member != null) {
            member.send(message.substring(bar + 1));
        }
    }

    private static String channel(String replicaId) {
        return "mm:replica:" + replicaId + ":invites";
    }
}
