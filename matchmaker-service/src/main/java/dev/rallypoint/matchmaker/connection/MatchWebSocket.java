package dev.rallypoint.matchmaker.connection;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rallypoint.common.problem.RedisUnavailable;
import dev.rallypoint.matchmaker.chat.ChatService;
import dev.rallypoint.matchmaker.game.GameMessages;
import dev.rallypoint.matchmaker.game.SharedState;
import dev.rallypoint.matchmaker.hotpath.WithoutContextPropagation;
import dev.rallypoint.matchmaker.friends.Invites;
import dev.rallypoint.matchmaker.pairing.PairingProperties;
import dev.rallypoint.matchmaker.party.Parties;
import dev.rallypoint.matchmaker.protocol.ClientFrame;
import dev.rallypoint.matchmaker.protocol.Json;
import dev.rallypoint.matchmaker.protocol.MatchException;
import dev.rallypoint.matchmaker.protocol.ServerFrames;
import dev.rallypoint.matchmaker.room.Member;
import dev.rallypoint.matchmaker.room.Members;
import dev.rallypoint.matchmaker.room.RoomService;
import dev.rallypoint.matchmaker.room.Seats;
import dev.rallypoint.matchmaker.room.Verdicts;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.OnBinaryMessage;
import io.quarkus.websockets.next.OnClose;
import io.quarkus.websockets.next.OnError;
import io.quarkus.websockets.next.OnOpen;
import io.quarkus.websockets.next.OnTextMessage;
import io.quarkus.websockets.next.WebSocket;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * {@code /ws}: one JSON object per frame. Every client frame gets one reply, {@code ack} or
 * {@code error}, echoing its {@code id}; a bad frame never closes the connection. Only what breaks
 * the WebSocket protocol closes it: a message over {@code max-message-size} with 1009.
 */
@WebSocket(path = "/ws")
public class MatchWebSocket {

    private static final Logger LOG = Logger.getLogger(MatchWebSocket.class);
    // Metric tags stay bounded: unknown types are counted together.
    private static final List<String> FRAME_TYPES = List.of("pair", "create_private", "join_private", "ready", "leave",
            "chat", "send", "state_set", "game_over", "invite", "party_create", "party_join", "party_leave", "party_kick",
            "ping", "unknown");
    private static final CloseReason TOO_MANY_FRAMES = new CloseReason(WebSocketCloseStatus.POLICY_VIOLATION.code(),
            "Too many frames");

    private final Members members;
    private final RoomService rooms;
    private final Verdicts verdicts;
    private final Seats seats;
    private final ChatService chat;
    private final GameMessages messages;
    private final Invites invites;
    private final Parties parties;
    private final SharedState state;
    private final Json json;
    private final Map<String, Counter> framesIn;
    private final OpenSockets sockets;
    private final CloseReason tooBig;

    MatchWebSocket(Members members, RoomService rooms, Verdicts verdicts, Seats seats, ChatService chat,
                   GameMessages messages, SharedState state, Invites invites, Parties parties, Json json, MeterRegistry registry,
                   OpenSockets sockets, @ConfigProperty(name = "quarkus.websockets-next.server.max-message-size") int maxMessageSize) {
        this.members = members;
        this.invites = invites;
        this.parties = parties;
        this.rooms = rooms;
        this.verdicts = verdicts;
        this.seats = seats;
        this.chat = chat;
        this.messages = messages;
        this.state = state;
        this.json = json;
        this.framesIn = FRAME_TYPES.stream().collect(Collectors.toUnmodifiableMap(type -> type,
                type -> registry.counter("rallypoint.matchmaker.frames.in", "type", type)));
        this.sockets = sockets;
        this.tooBig = new CloseReason(WebSocketCloseStatus.MESSAGE_TOO_BIG.code(), "Messages end at " + maxMessageSize + " bytes");
    }

    /** Welcome; a player who still has a seat (back within the grace period) gets its room back. */
    @OnOpen
    public Uni<Void> onOpen(WebSocketConnection connection) {
        String playerId = connection.userData().get(SessionUpgradeCheck.PLAYER_ID);
        String name = connection.userData().get(SessionUpgradeCheck.NAME);
        sockets.opened(connection);
        Member member = members.open(connection, playerId, name);
        member.send(json.write(new ServerFrames.Welcome(playerId, name)));
        return seats.resume(member).chain(() -> parties.resume(member)).chain(() -> sockets.takeOver(member))
                .onFailure().recoverWithUni(failure -> reply(member, null, failure));
    }

    @OnTextMessage
    public Uni<Void> onMessage(WebSocketConnection connection, String text) {
        return WithoutContextPropagation.call(() -> handle(connection, text));
    }

    private Uni<Void> handle(WebSocketConnection connection, String text) {
        Member member = members.get(connection.id());
        if (!member.tryFrame()) {
            // Unread, so a flood costs no parsing; a client that sends on through the refusals is closed.
            if (!member.tryRefuse()) {
                LOG.debugf("Closing %s: frames over the limit", connection.id());
                return close(connection, TOO_MANY_FRAMES);
            }
            return reply(member, null, new MatchException("rate_limited", "Too many frames; slow down."));
        }
        ClientFrame frame;
        try {
            frame = ClientFrame.parse(json.mapper(), text);
        } catch (ClientFrame.BadFrame e) {
            return reply(member, e.id(), e);
        } catch (MatchException e) {
            return reply(member, null, e);
        }
        framesIn.getOrDefault(frame.type(), framesIn.get("unknown")).increment();
        Uni<Void> handled;
        try {
            handled = dispatch(member, frame);
        } catch (RuntimeException e) {
            handled = Uni.createFrom().failure(e);
        }
        return handled
                .invoke(() -> {
                    if (acknowledged(frame)) {
                        member.send(json.write(new ServerFrames.Ack(frame.id())));
                    }
                })
                .onFailure().recoverWithUni(failure -> reply(member, frame.id(), failure));
    }

    @OnClose
    public Uni<Void> onClose(WebSocketConnection connection) {
        try {
            Member member = members.get(connection.id());
            if (member != null) {
                parties.closed(member).subscribe().with(done -> { },
                        failure -> LOG.debugf("Leaving the party of %s away: %s", member.playerId(), failure.getMessage()));
            }
            // Not awaited: while Redis is away the seat's drop keeps retrying, long after this socket is gone.
            seats.closed(connection.id());
        } finally {
            sockets.closed(connection);
        }
        return Uni.createFrom().voidItem();
    }

    /** Frames are JSON text: a binary one gets an error, and the connection stays open. */
    @OnBinaryMessage
    public Uni<Void> onBinary(WebSocketConnection connection, Buffer data) {
        return reply(members.get(connection.id()), null,
                new MatchException("bad_frame", "A frame is one JSON object, sent as text."));
    }

    /**
     * A message over the limit sent in several frames: Vert.x refuses the frame that overflows it.
     * The client's doing, so a debug line; the connection closes with 1009 (message too big).
     */
    @OnError
    public Uni<Void> onOverflow(WebSocketConnection connection, IllegalStateException failure) {
        if (failure.getMessage() == null || !failure.getMessage().contains("max message size")) {
            // Not an overflow: what Quarkus does with any unhandled failure.
            LOG.error("Unexpected failure on a WebSocket connection", failure);
            return close(connection, new CloseReason(WebSocketCloseStatus.INTERNAL_SERVER_ERROR.code()));
        }
        LOG.debugf("Closing %s with 1009: %s", connection.id(), failure.getMessage());
        return close(connection, tooBig);
    }

    /**
     * A frame that breaks the protocol (over the frame limit, text that is not UTF-8, ...): Netty
     * has already answered with the matching close code (1009 for a frame too big) and closed.
     */
    @OnError
    public Uni<Void> onProtocolViolation(WebSocketConnection connection, CorruptedWebSocketFrameException violation) {
        LOG.debugf("Closing %s with %s: %s", connection.id(), violation.closeStatus(), violation.getMessage());
        return close(connection, new CloseReason(violation.closeStatus().code()));
    }

    private static Uni<Void> close(WebSocketConnection connection, CloseReason reason) {
        if (connection.isClosed()) {
            return Uni.createFrom().voidItem();
        }
        return connection.close(reason).onFailure().invoke(failure -> LOG.debugf("Closing %s: %s", connection.id(), failure))
                .onFailure().recoverWithNull();
    }

    private Uni<Void> dispatch(Member member, ClientFrame frame) {
        return switch (frame.type()) {
            case "pair" -> parties.pair(member, frame.text("mode"), PairingProperties.of(frame.body().get("properties")));
            case "create_private" -> rooms.createPrivate(member, frame.text("mode"));
            case "join_private" -> rooms.joinPrivate(member, frame.text("code"));
            case "ready" -> rooms.ready(member);
            case "leave" -> rooms.leave(member);
            case "chat" -> chat.send(member, frame.text("text"));
            case "send" -> messages.send(member, frame);
            case "state_set" -> state.set(member, frame);
            case "game_over" -> verdicts.report(member, frame.text("winner"));
            case "invite" -> invites.invite(member, frame.text("to"));
            case "party_create" -> parties.create(member);
            case "party_join" -> parties.join(member, frame.text("code"));
            case "party_leave" -> parties.leave(member);
            case "party_kick" -> parties.kick(member, frame.text("playerId"));
            case "ping" -> {
                member.send(json.write(new ServerFrames.Pong(frame.id())));
                yield Uni.createFrom().voidItem();
            }
            default -> throw new MatchException("unknown_type", "Unknown frame type '" + frame.type() + "'.");
        };
    }

    private Uni<Void> reply(Member member, JsonNode id, Throwable failure) {
        String code;
        String message;
        if (failure instanceof MatchException refusal) {
            code = refusal.code();
            message = refusal.getMessage();
        } else if (RedisUnavailable.is(failure)) {
            code = "unavailable";
            message = "The data store does not answer; retry shortly.";
        } else {
            LOG.error("Unexpected failure handling a frame", failure);
            code = "internal";
            message = "The failure was logged.";
        }
        member.send(json.write(new ServerFrames.Error(id, code, message)));
        return Uni.createFrom().voidItem();
    }

    /** A ping gets its pong; a game message, sent often, an ack only when it asks with an id. */
    private static boolean acknowledged(ClientFrame frame) {
        return switch (frame.type()) {
            case "ping" -> false;
            case "send" -> frame.id() != null;
            default -> true;
        };
    }
}
