package dev.rallypoint.matchmaker.room;

import dev.rallypoint.matchmaker.replica.Replica;
import io.micrometer.core.instrument.Counter;
import dev.rallypoint.common.ratelimit.Rate;
import dev.rallypoint.matchmaker.mode.MatchmakerConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.websockets.next.WebSocketConnection;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** The players connected to this replica, by connection and by the room they are in. */
@ApplicationScoped
public class Members {

    private final Map<String, Member> byConnection = new ConcurrentHashMap<>();
    private final Map<String, Set<Member>> byRoom = new ConcurrentHashMap<>();
    private final Counter framesOut;
    private final Replica replica;
    private final Rate chat;
    private final Rate frames;

    Members(MeterRegistry registry, Replica replica, MatchmakerConfig config) {
        this.replica = replica;
        this.chat = new Rate(config.chat().burst(), config.chat().perSecond());
        this.frames = new Rate(config.frames().burst(), config.frames().perSecond());
        this.framesOut = registry.counter("rallypoint.matchmaker.frames.out");
        registry.gaugeMapSize("rallypoint.matchmaker.connections", List.of(), byConnection);
        registry.gaugeMapSize("rallypoint.matchmaker.local.rooms", List.of(), byRoom);
    }

    public Member open(WebSocketConnection connection, String playerId, String name) {
        Member member = new Member(connection, replica.id(), playerId, name, framesOut, chat, frames);
        byConnection.put(connection.id(), member);
        return member;
    }

    public Member get(String connectionId) {
        return byConnection.get(connectionId);
    }

    public Member close(String connectionId) {
        return byConnection.remove(connectionId);
    }

    /** Forgets every member (the replica is stopping) and returns them. */
    public Collection<Member> closeAll() {
        List<Member> all = List.copyOf(byConnection.values());
        byConnection.clear();
        return all;
    }

    /** Seats a member locally; its room frame goes out before any event of the room can. */
    public void enter(Member member, RoomRef room, long seq, String roomFrame) {
        member.enter(room, seq, roomFrame);
        register(member, room);
    }

    /** Seats a member that reconnected, with the events it missed. */
    public void resume(Member member, RoomRef room, long seq, String roomFrame, List<String> missed) {
        member.resume(room, seq, roomFrame, missed);
        register(member, room);
    }

    private void register(Member member, RoomRef room) {
        byRoom.compute(room.key(), (key, members) -> {
            Set<Member> set = members == null ? ConcurrentHashMap.newKeySet() : members;
            set.add(member);
            return set;
        });
    }

    /** @return true when no member of this replica is left in the room */
    public boolean leave(Member member, RoomRef room) {
        member.leave(room);
        replica.unseated(member.playerId());
        Set<Member> left = byRoom.computeIfPresent(room.key(), (key, members) -> {
            members.remove(member);
            return members.isEmpty() ? null : members;
        });
        return left == null;
    }

    public Collection<Member> in(String roomKey) {
        Set<Member> members = byRoom.get(roomKey);
        return members == null ? List.of() : List.copyOf(members);
    }

    public Collection<String> rooms() {
        return List.copyOf(byRoom.keySet());
    }
}
