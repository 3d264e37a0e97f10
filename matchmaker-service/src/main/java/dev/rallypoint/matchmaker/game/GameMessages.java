package dev.rallypoint.matchmaker.game;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rallypoint.matchmaker.mode.MatchmakerConfig;
import dev.rallypoint.matchmaker.mode.Modes;
import dev.rallypoint.matchmaker.protocol.ClientFrame;
import dev.rallypoint.matchmaker.protocol.Json;
import dev.rallypoint.matchmaker.protocol.MatchException;
import dev.rallypoint.matchmaker.protocol.ServerFrames;
import dev.rallypoint.matchmaker.room.Member;
import dev.rallypoint.matchmaker.room.RoomRef;
import dev.rallypoint.matchmaker.room.RoomScripts;
import dev.rallypoint.matchmaker.room.RoomService;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Singleton;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Game messages: a player's {@code send} becomes a {@code message} to the others in the room, on
 * every replica, numbered and ordered by the room's script (send.lua). The data is the game's
 * own and is passed on as it came, within a size limit; the server only says who sent it.
 */
@Singleton
public class GameMessages {

    /** Recipients one message may name: more than any room seats. */
    private static final int MAX_RECIPIENTS = 64;
    // Ids travel in the message's envelope (see Envelope), whose separators they must not contain.
    private static final Pattern PLAYER_ID = Pattern.compile("[^|,>\\s]{1,128}");

    private final RoomService rooms;
    private final RoomScripts scripts;
    private final Modes modes;
    private final MatchmakerConfig config;
    private final Json json;

    GameMessages(RoomService rooms, RoomScripts scripts, Modes modes, MatchmakerConfig config, Json json) {
        this.rooms = rooms;
        this.scripts = scripts;
        this.modes = modes;
        this.config = config;
        this.json = json;
    }

    public Uni<Void> send(Member member, ClientFrame frame) {
        RoomRef room = rooms.requireRoom(member);
        JsonNode data = frame.body().get("data");
        if (data == null) {
            throw new MatchException("missing_field", "'send' needs the field 'data'.");
        }
        String dataJson = json.write(data);
        int size = dataJson.getBytes(StandardCharsets.UTF_8).length;
        if (size > config.messages().maxSize()) {
            throw new MatchException("too_large", "A message's data has at most " + config.messages().maxSize()
                    + " bytes as JSON; this one has " + size + ".");
        }
        Integer op = op(frame.body().get("op"));
        List<String> to = recipients(frame.body().get("to"));
        if (!member.tryMessage()) {
            throw new MatchException("rate_limited", "Too many game messages; slow down.");
        }
        String subject = to == null ? member.playerId() : member.playerId() + ">" + String.join(",", to);
        String message = json.write(new ServerFrames.Message(room.id(), member.playerId(), op, dataJson));
        // The script numbers the message: it closes the object with its seq.
        String unsequenced = message.substring(0, message.length() - 1);
        boolean whileRecruiting = modes.require(room.mode()).gameWhileRecruiting();
        return scripts.run(RoomScripts.SEND, List.of(room.key()), member.playerId(), whileRecruiting ? 1 : 0,
                subject, unsequenced).replaceWithVoid();
    }

    private static Integer op(JsonNode op) {
        if (op == null || op.isNull()) {
            return null;
        }
        if (!op.isIntegralNumber() || !op.canConvertToInt()) {
            throw new MatchException("invalid_field", "'op' must be an integer.");
        }
        return op.intValue();
    }

    /** The players a message names, or null for everyone else in the room. */
    private static List<String> recipients(JsonNode to) {
        if (to == null || to.isNull()) {
            return null;
        }
        if (!to.isArray() || to.isEmpty() || to.size() > MAX_RECIPIENTS) {
            throw new MatchException("invalid_field", "'to' must be a list of 1 to " + MAX_RECIPIENTS + " playerIds.");
        }
        List<String> ids = new ArrayList<>(to.size());
        for (JsonNode id : to) {
            if (!id.isTextual() || !PLAYER_ID.matcher(id.asText()).matches()) {
                throw new MatchException("invalid_field", "'to' must be a list of playerIds.");
            }
            ids.add(id.asText());
        }
        return ids;
    }
}
