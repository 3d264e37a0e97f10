package dev.rallypoint.matchmaker.room;

import java.util.List;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * One room's game messages as this replica passes them on: each once, in the room's order. A
 * message that comes after a gap (the replica's subscription was lost for a while) waits, with
 * the ones after it, until the gap is filled from the room's message log; what the log no longer
 * holds stays a gap, which the receivers see in {@code seq}. Delivery happens under this line's
 * lock, so live messages and those from the log never overtake each other.
 */
final class MessageLine {

    private final Consumer<Envelope> delivery;
    private final Consumer<MessageLine> fill;
    // The last seq passed on; 0 before the first message since this replica followed the room.
    private long last;
    private boolean filling;
    private final TreeMap<Long, Envelope> held = new TreeMap<>();

    /** @param fill asks for the room's message log, to be handed to this line's {@link #filled} */
    MessageLine(Consumer<Envelope> delivery, Consumer<MessageLine> fill) {
        this.delivery = delivery;
        this.fill = fill;
    }

    synchronized void accept(Envelope message) {
        if (message.seq() <= last) {
            return;
        }
        if (filling || (last != 0 && message.seq() > last + 1)) {
            held.put(message.seq(), message);
            fillOnce();
            return;
        }
        pass(message);
    }

    /** The subscription came back: what was sent meanwhile is in the log. */
    synchronized void resumed() {
        if (last != 0) {
            fillOnce();
        }
    }

    /** The room's message log, oldest first (or nothing, when it could not be read). */
    synchronized void filled(List<Envelope> log) {
        for (Envelope message : log) {
            held.putIfAbsent(message.seq(), message);
        }
        for (Envelope message : held.values()) {
            if (message.seq() > last) {
                pass(message);
            }
        }
        held.clear();
        filling = false;
    }

    private void fillOnce() {
        if (!filling) {
            filling = true;
            fill.accept(this);
        }
    }

    private void pass(Envelope message) {
        last = message.seq();
        delivery.accept(message);
    }
}
