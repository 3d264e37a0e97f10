package dev.rallypoint.matchmaker.room;

import dev.rallypoint.matchmaker.replica.Replica;
import io.micrometer.core.instrument.Counter;
import dev.rallypoint.common.ratelimit.Rate;
import dev.rallypoint.matchmaker.mode.MatchmakerConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.websockets.next.WebSocketConnection;
import jakarta.inject.Singleton;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The players connected to this replica, by connection (the rooms they sit in: {@link Seating}). */
@Singleton
public class Members {

    private final Map<String, Member> byConnection = new ConcurrentHashMap<>();
    private final Counter framesOut;
    private final Replica replica;
    private final Rate chat;
    private final Rate frames;
    private final Rate messages;

    Members(MeterRegistry registry, Replica replica, MatchmakerConfig config) {
        this.replica = replica;
        this.chat = new Rate(config.chat().burst(), config.chat().perSecond());
        this.frames = new Rate(config.frames().burst(), config.frames().perSecond());
        this.messages = new Rate(config.messages().burst(), config.messages().perSecond());
        this.framesOut = registry.counter("rallypoint.matchmaker.frames.out");
        registry.gaugeMapSize("rallypoint.matchmaker.connections", List.of(), byConnection);
    }

    public Member open(WebSocketConnection connection, String playerId, String name) {
        Member member = new Member(connection, replica.id(), playerId, name, framesOut, chat, frames, messages);
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
}
