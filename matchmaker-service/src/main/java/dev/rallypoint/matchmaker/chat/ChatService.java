package dev.rallypoint.matchmaker.chat;

import dev.rallypoint.matchmaker.protocol.Json;
import dev.rallypoint.matchmaker.protocol.MatchException;
import dev.rallypoint.matchmaker.protocol.ServerFrames;
import dev.rallypoint.matchmaker.room.Member;
import dev.rallypoint.matchmaker.room.RoomEvents;
import dev.rallypoint.matchmaker.room.RoomRef;
import dev.rallypoint.matchmaker.room.RoomService;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Singleton;

/**
 * Room chat: published on the room's channel to every member on every replica, the sender
 * included. Not stored, and outside the room's event sequence (seq 0).
 */
@Singleton
public class ChatService {

    static final int MAX_LENGTH = 500;

    private final RoomEvents events;
    private final RoomService rooms;
    private final Json json;

    ChatService(RoomEvents events, RoomService rooms, Json json) {
        this.events = events;
        this.rooms = rooms;
        this.json = json;
    }

    public Uni<Void> send(Member member, String text) {
        RoomRef room = rooms.requireRoom(member);
        String clean = withoutControlCharacters(text);
        int length = clean.codePointCount(0, clean.length());
        if (length < 1 || length > MAX_LENGTH || clean.isBlank()) {
            throw new MatchException("invalid_field", "A chat text has 1 to " + MAX_LENGTH + " characters.");
        }
        if (!member.tryChat()) {
            throw new MatchException("rate_limited", "Too many chat messages; slow down.");
        }
        var frame = new ServerFrames.Chat(room.id(), member.playerId(), member.name(), clean, System.currentTimeMillis());
        return events.publish(room, "0||chat|" + json.write(frame));
    }

    static String withoutControlCharacters(String text) {
        StringBuilder clean = new StringBuilder(text.length());
        text.codePoints().filter(c -> !Character.isISOControl(c)).forEach(clean::appendCodePoint);
        return clean.toString();
    }
}
