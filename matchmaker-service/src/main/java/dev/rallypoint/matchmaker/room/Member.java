package dev.rallypoint.matchmaker.room;

import io.micrometer.core.instrument.Counter;
import io.quarkus.websockets.next.WebSocketConnection;
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
    private double chatTokens = -1;
    private long chatRefilledAtNanos;

    public Member(WebSocketConnection connection, String replicaId, String playerId, String name, Counter framesOut) {
        this.connection = connection;
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

    public synchronized void markPairing() {
        pairedAtNanos = System.nanoTime();
    }

    /** Enters a room with the frame that shows it; events up to {@code seq} are in that frame. */
    public synchronized void enter(RoomRef room, long seq, String roomFrame) {
        this.room = room;
        this.lastSeq = seq;
        send(roomFrame);
    }

    public synchronized void leave(RoomRef from) {
        if (from.equals(room)) {
            room = null;
            lastSeq = 0;
        }
    }

    /**
     * Enters a room the player already had a seat in (a reconnect): the room frame, then the
     * events it missed while away, marked as replayed, before any live event can go out.
     */
    public synchronized void resume(RoomRef room, long seq, String roomFrame, List<String> missed) {
        enter(room, seq, roomFrame);
        for (String frame : missed) {
            send("{\"replay\":true," + frame.substring(1));
        }
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

    /** A token bucket: {@code burst} messages at once, then {@code perSecond} over time. */
    public synchronized boolean tryChat(int burst, double perSecond) {
        long now = System.nanoTime();
        chatTokens = chatTokens < 0 ? burst
                : Math.min(burst, chatTokens + (now - chatRefilledAtNanos) / 1e9 * perSecond);
        chatRefilledAtNanos = now;
        if (chatTokens < 1) {
            return false;
        }
        chatTokens -= 1;
        return true;
    }

    /** Frames outside the room's sequence: replies, chat. */
    public synchronized void send(String frame) {
        // No isOpen() check first: during @OnOpen it can still say false. A closed socket fails the send instead.
        connection.sendText(frame).subscribe().with(
                sent -> framesOut.increment(),
                failure -> LOG.debugf("Frame to %s not sent: %s", connection.id(), failure.getMessage()));
    }
}
