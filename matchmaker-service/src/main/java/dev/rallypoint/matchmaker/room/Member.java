package dev.rallypoint.matchmaker.room;

import dev.rallypoint.matchmaker.hotpath.WithoutContextPropagation;
import io.micrometer.core.instrument.Counter;
import io.quarkus.websockets.next.WebSocketConnection;
import dev.rallypoint.common.ratelimit.Rate;
import dev.rallypoint.common.ratelimit.TokenBucket;
import org.jboss.logging.Logger;

import java.util.List;

/**
 * One connected player on this replica and the room it is in. Sends happen under the member's
 * lock, so frames leave in the order they were accepted and each room event at most once.
 */
public final class Member {

    private static final Logger LOG = Logger.getLogger(Member.class);

    private final WebSocketConnection connection;
    private final Counter framesOut;
    private final String playerId;
    private final String name;
    private final String conn;
    private RoomRef room;
    private long lastSeq;
    private long pairedAtNanos;
    private final TokenBucket chat;
    private final TokenBucket frames;
    private final TokenBucket messages;
    // Refusals of frames over the limit: a client that keeps sending through them is closed.
    private final TokenBucket refusals;

    public Member(WebSocketConnection connection, String replicaId, String playerId, String name, Counter framesOut,
                  Rate chat, Rate frames, Rate messages) {
        this.connection = connection;
        this.messages = new TokenBucket(messages);
        this.chat = new TokenBucket(chat);
        this.frames = new TokenBucket(frames);
        this.refusals = new TokenBucket(frames);
        this.conn = replicaId + "/" + connection.id();
        this.framesOut = framesOut;
        this.playerId = playerId;
        this.name = name;
    }

    public String playerId() {
        return playerId;
    }

    public String name() {
        return name;
    }

    /** "{@code <replicaId>/<connectionId>}": which socket holds this player's seat. */
    public String conn() {
        return conn;
    }

    public synchronized RoomRef room() {
        return room;
    }

    public synchronized long lastSeq() {
        return lastSeq;
    }

    /** When this member asked to be paired (0 when it did not), once: for the pair-to-start time. */
    public synchronized long takePairedAtNanos() {
        long pairedAt = pairedAtNanos;
        pairedAtNanos = 0;
        return pairedAt;
    }

    /** When this member asked to be paired, while its game has not started (0 otherwise). */
    public synchronized long waitingSinceNanos() {
        return pairedAtNanos;
    }

    public boolean isOpen() {
        return connection.isOpen();
    }

    public synchronized void markPairing() {
        pairedAtNanos = System.nanoTime();
    }

    /**
     * Enters a room with the frame that shows it, whose events up to {@code seq} are in it; on a
     * reconnect, then the events the player missed while away, marked as replayed. All of it goes
     * out before any live event of the room can.
     */
    synchronized void enter(RoomRef room, long seq, String roomFrame, List<String> missed) {
        this.room = room;
        this.lastSeq = seq;
        send(roomFrame);
        for (String frame : missed) {
            send("{\"replay\":true," + frame.substring(1));
        }
    }

    /** Leaves {@code from}; false when the member was not in it. */
    synchronized boolean leave(RoomRef from) {
        if (!from.equals(room)) {
            return false;
        }
        room = null;
        lastSeq = 0;
        return true;
    }

    /**
     * Sends a room event unless it was already sent; {@code skip} events only move the
     * sequence on (a player's own join is in the room frame it got).
     * @param allowGap true when replaying the room's log, whose older events may be trimmed
     * @return false when the event leaves a gap, so the caller must catch up from the log first
     */
    public synchronized boolean deliver(RoomRef from, long seq, boolean skip, String frame, boolean allowGap) {
        if (!from.equals(room) || seq <= lastSeq) {
            return true;
        }
        if (seq > lastSeq + 1 && !allowGap) {
            return false;
        }
        lastSeq = seq;
        if (!skip) {
            send(frame);
        }
        return true;
    }

    /** Whether the player may chat now: a burst, then so many a second. */
    public synchronized boolean tryChat() {
        return chat.tryTake();
    }

    /** Whether the player may send a game message now: a burst, then so many a second. */
    public synchronized boolean tryMessage() {
        return messages.tryTake();
    }

    /** Whether this frame is within the connection's rate; false while it is over. */
    public synchronized boolean tryFrame() {
        return frames.tryTake();
    }

    /** Counts one refused frame; false once the client has kept sending through as many refusals as its burst. */
    public synchronized boolean tryRefuse() {
        return refusals.tryTake();
    }

    /** Frames outside the room's sequence: replies, chat. */
    public synchronized void send(String frame) {
        // No isOpen() check first: during @OnOpen it can still say false. A closed socket fails the send instead.
        WithoutContextPropagation.run(() -> connection.sendText(frame).subscribe().with(
                sent -> framesOut.increment(),
                failure -> LOG.debugf("Frame to %s not sent: %s", connection.id(), failure.getMessage())));
    }
}
