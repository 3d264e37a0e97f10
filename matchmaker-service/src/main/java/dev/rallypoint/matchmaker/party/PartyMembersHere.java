package dev.rallypoint.matchmaker.party;

import dev.rallypoint.matchmaker.replica.Replica;
import dev.rallypoint.matchmaker.room.Member;
import dev.rallypoint.matchmaker.room.RoomEvents;
import dev.rallypoint.matchmaker.room.Seats;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The members of parties on this replica, and the one way in and out of a party here. A place
 * here is three things: the member among its party's members on this replica, the replica's
 * subscription to the party's channel (while any member here is in it), and a hold of the player
 * by this replica (so that another replica leaves the member away if this one dies).
 * {@link #take} makes all three before the script that gives the place runs, so no event after
 * the member's join can be missed; events that come before its party frame wait, and those the
 * frame already shows are dropped by their {@code seq}.
 */
@Singleton
class PartyMembersHere {

    private static final Logger LOG = Logger.getLogger(PartyMembersHere.class);

    private final Map<String, Set<Member>> byParty = new ConcurrentHashMap<>();
    private final Map<Member, Place> places = new ConcurrentHashMap<>();
    private final Map<String, String> codes = new ConcurrentHashMap<>();
    private final RoomEvents events;
    private final Replica replica;
    private final Seats seats;

    PartyMembersHere(RoomEvents events, Replica replica, Seats seats) {
        this.events = events;
        this.replica = replica;
        this.seats = seats;
    }

    /** Whether the member has, or is taking, a place in a party here. */
    boolean has(Member member) {
        return places.containsKey(member);
    }

    /** The party the member is in here, or null. */
    String partyOf(Member member) {
        Place place = places.get(member);
        return place == null ? null : place.partyId;
    }

    String codeOf(String partyId) {
        return codes.get(partyId);
    }

    /**
     * Holds the member and follows its party here, ahead of the script that gives it a place;
     * every take ends in {@link #entered} or {@link #leave}.
     */
    Uni<Void> take(Member member, String partyId) {
        places.put(member, new Place(partyId));
        Uni<Void> held = replica.hold(member.playerId());
        AtomicReference<Uni<Void>> followed = new AtomicReference<>(Uni.createFrom().voidItem());
        byParty.compute(partyId, (id, members) -> {
            Set<Member> set = members;
            if (set == null) {
                set = ConcurrentHashMap.newKeySet();
                followed.set(events.listen(PartyKeys.channel(partyId), event -> deliver(partyId, event)));
            }
            set.add(member);
            return set;
        });
        return held.chain(followed::get);
    }

    /** The script gave the place: the member gets its party frame, then the events after it. */
    void entered(Member member, String partyId, String code, long seq, String partyFrame) {
        Place place = places.get(member);
        if (place == null || !place.partyId.equals(partyId)) {
            return;
        }
        codes.put(partyId, code);
        for (String[] event : place.enter(member, seq, partyFrame)) {
            after(member, partyId, event);
        }
    }

    /** The member is no longer in the party here; false when it was not. */
    boolean leave(Member member, String partyId) {
        Place place = places.get(member);
        if (place == null || !place.partyId.equals(partyId) || !places.remove(member, place)) {
            return false;
        }
        replica.release(member.playerId());
        byParty.computeIfPresent(partyId, (id, members) -> {
            members.remove(member);
            if (members.isEmpty()) {
                events.unlisten(PartyKeys.channel(partyId));
                codes.remove(partyId);
                return null;
            }
            return members;
        });
        return true;
    }

    /** "{@code <seq>|<subject>|<type>|<frame>}" to the party's members here, each once and in order. */
    private void deliver(String partyId, String message) {
        String[] event = message.split("\\|", 4);
        Set<Member> members = byParty.get(partyId);
        if (event.length != 4 || members == null) {
            return;
        }
        long seq;
        try {
            seq = Long.parseLong(event[0]);
        } catch (NumberFormatException e) {
            return;
        }
        for (Member member : List.copyOf(members)) {
            Place place = places.get(member);
            if (place != null && !member.playerId().equals(event[1]) && place.deliver(member, seq, event)) {
                after(member, partyId, event);
            }
        }
    }

    /** What a member's replica does on an event besides sending it. */
    private void after(Member member, String partyId, String[] event) {
        String type = event[2];
        if ("party_paired".equals(type) && member.room() == null) {
            // The leader's pair seated this member too: its seat waits for it here.
            seats.resume(member).subscribe().with(done -> { }, failure -> LOG.debugf("Taking the party seat of %s: %s",
                    member.playerId(), failure.getMessage()));
        } else if ("party_member_left".equals(type) && event[3].contains("\"playerId\":\"" + member.playerId() + "\"")) {
            leave(member, partyId);
        }
    }

    /** A member's place in a party here: the seq of the last event it was sent, -1 until its party frame is out. */
    private static final class Place {

        final String partyId;
        private long seq = -1;
        private List<String[]> early = new ArrayList<>();

        Place(String partyId) {
            this.partyId = partyId;
        }

        /** Sends the party frame and the events that came before it but happened after; returns those events. */
        synchronized List<String[]> enter(Member member, long frameSeq, String partyFrame) {
            seq = frameSeq;
            member.send(partyFrame);
            List<String[]> sent = new ArrayList<>();
            for (String[] event : early) {
                long eventSeq = Long.parseLong(event[0]);
                if (eventSeq > seq) {
                    seq = eventSeq;
                    member.send(event[3]);
                    sent.add(event);
                }
            }
            early = null;
            return sent;
        }

        /** True when the event went out now; one before the party frame waits for it. */
        synchronized boolean deliver(Member member, long eventSeq, String[] event) {
            if (early != null) {
                early.add(event);
                return false;
            }
            if (eventSeq <= seq) {
                return false;
            }
            seq = eventSeq;
            member.send(event[3]);
            return true;
        }
    }
}
