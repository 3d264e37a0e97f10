package dev.rallypoint.matchmaker.room;

import dev.rallypoint.matchmaker.replica.Replica;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The seats this replica holds, and the one way in and out of them. A seat here is three things:
 * the member among the room's members on this replica, the replica's subscription to the room's
 * events (while any member here is seated), and a hold of the player by this replica (so that
 * another replica drops the seat if this one dies). {@link #hold}, {@link #enter} and
 * {@link #exit} keep the three together; the room's events and game messages reach its members
 * through {@link #deliver}.
 * <p>
 * The subscription changes inside the room's entry of the map, so a member entering just as the
 * last one leaves cannot lose the room's events to a late unsubscribe.
 */
@Singleton
public class Seating implements RoomEvents.Delivery {

    private static final Logger LOG = Logger.getLogger(Seating.class);

    private final Map<String, Set<Member>> byRoom = new ConcurrentHashMap<>();
    // The game messages of each room in byRoom, kept and dropped with its entry there.
    private final Map<String, MessageLine> messages = new ConcurrentHashMap<>();
    private final RoomEvents events;
    private final Replica replica;
    private final Timer pairToStart;

    Seating(RoomEvents events, Replica replica, MeterRegistry registry) {
        this.events = events;
        this.replica = replica;
        this.pairToStart = Timer.builder("rallypoint.matchmaker.pair.to.start")
                .description("From a pair request to the start of the game")
                .publishPercentileHistogram()
                .register(registry);
        registry.gaugeMapSize("rallypoint.matchmaker.local.rooms", List.of(), byRoom);
        events.deliverTo(this);
    }

    /**
     * Puts the player in this replica's set before a script can seat it, so that no seat is ever
     * held by a socket of a replica that would not be known to hold it if it died. Every hold ends
     * in {@link #enter} or {@link #release}.
     */
    Uni<Void> hold(Member member) {
        return replica.hold(member.playerId());
    }

    /** A hold that seated nobody: the script refused, or failed. */
    void release(Member member) {
        replica.release(member.playerId());
    }

    /**
     * Seats a held member here with the frame that shows its room (and, on a reconnect, the
     * events it missed), follows the room's events, then sends what it may have missed meanwhile.
     */
    Uni<Void> enter(Member member, RoomRef room, long seq, String roomFrame, List<String> missed) {
        member.enter(room, seq, roomFrame, missed);
        AtomicReference<Uni<Void>> subscribed = new AtomicReference<>(Uni.createFrom().voidItem());
        byRoom.compute(room.key(), (key, members) -> {
            Set<Member> set = members;
            if (set == null) {
                set = ConcurrentHashMap.newKeySet();
                messages.put(key, new MessageLine(message -> pass(key, message), line -> fill(room, line)));
                subscribed.set(events.follow(room));
            }
            set.add(member);
            return set;
        });
        return subscribed.get().chain(() -> events.catchUp(room));
    }

    /**
     * Moves a seated member from one room to another that a script already seated it in, with the
     * frame that shows the new room. The player stays in this replica's set throughout. False,
     * and seated nowhere here, when the member had left {@code from} meanwhile (its socket closed).
     */
    Uni<Boolean> move(Member member, RoomRef from, RoomRef to, long seq, String roomFrame) {
        // Held for the new seat before the old one lets go, so the player never leaves the replica's set.
        Uni<Void> held = replica.hold(member.playerId());
        if (!exit(member, from)) {
            replica.release(member.playerId());
            return held.replaceWith(false);
        }
        return held.chain(() -> enter(member, to, seq, roomFrame, List.of())).replaceWith(true);
    }

    /** Takes the member out of its seat in {@code room} here; false, and nothing done, when it is not seated there. */
    boolean exit(Member member, RoomRef room) {
        if (!member.leave(room)) {
            return false;
        }
        byRoom.computeIfPresent(room.key(), (key, members) -> {
            members.remove(member);
            if (members.isEmpty()) {
                events.unfollow(room);
                messages.remove(key);
                return null;
            }
            return members;
        });
        replica.release(member.playerId());
        return true;
    }

    /** Takes the member out of whatever room it is in here; returns that room, or null. */
    RoomRef exit(Member member) {
        RoomRef room = member.room();
        if (room != null) {
            exit(member, room);
        }
        return room;
    }

    /** The members seated here, in rooms of any mode. */
    List<Member> seated() {
        return byRoom.values().stream().flatMap(Set::stream).toList();
    }

    /** Routes one event of a room to its members here, in sequence order; a gap sends for the log. */
    @Override
    public void deliver(RoomRef room, Envelope event, boolean replay) {
        if (event.isMessage()) {
            MessageLine line = messages.get(room.key());
            if (line != null) {
                line.accept(event);
            }
            return;
        }
        Set<Member> members = byRoom.get(room.key());
        if (members == null) {
            return;
        }
        boolean gap = false;
        for (Member member : List.copyOf(members)) {
            boolean isSubject = member.playerId().equals(event.subject());
            if (event.seq() == 0) {
                member.send(event.frame());
            } else if (member.deliver(room, event.seq(), isSubject, event.frame(), replay)) {
                afterDelivery(member, room, event.type(), isSubject);
            } else {
                gap = true;
            }
        }
        if (gap) {
            // Logged before it was published, so the log holds this event and the ones missed.
            events.catchUp(room).subscribe().with(done -> { }, failure -> LOG.debugf("Catch-up %s: %s", room, failure.getMessage()));
        }
    }

    @Override
    public void resumed(RoomRef room) {
        MessageLine line = messages.get(room.key());
        if (line != null) {
            line.resumed();
        }
    }

    /** A game message to the members here it addresses. */
    private void pass(String roomKey, Envelope message) {
        Set<Member> members = byRoom.get(roomKey);
        if (members != null) {
            for (Member member : members) {
                if (message.addresses(member.playerId())) {
                    member.send(message.frame());
                }
            }
        }
    }

    private void fill(RoomRef room, MessageLine line) {
        events.messageLog(room).subscribe().with(line::filled, failure -> {
            LOG.debugf("Message log of %s: %s", room, failure.getMessage());
            line.filled(List.of());
        });
    }

    private void afterDelivery(Member member, RoomRef room, String type, boolean isSubject) {
        if ("game_started".equals(type)) {
            long pairedAt = member.takePairedAtNanos();
            if (pairedAt != 0) {
                pairToStart.record(Duration.ofNanos(System.nanoTime() - pairedAt));
            }
        }
        boolean over = switch (type) {
            case "game_ended" -> true;
            case "player_left" -> isSubject;
            default -> false;
        };
        if (over) {
            exit(member, room);
        }
    }
}
