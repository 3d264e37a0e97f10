package dev.rallypoint.matchmaker.room;

import dev.rallypoint.matchmaker.protocol.Json;
import dev.rallypoint.matchmaker.protocol.MatchException;
import dev.rallypoint.common.redis.PipelinedRedis;
import io.vertx.mutiny.redis.client.Command;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Which room a player is in, across modes and replicas: {@code mm:player:<playerId>}. A room
 * script keeps one mode's rooms consistent; this key keeps a player out of two modes at once.
 * A player claims it (SET NX) before joining, so two joins of one player never both run. The
 * room is the truth: a binding whose room ended or no longer holds the player is stale and is
 * replaced.
 */
@Singleton
class Bindings {

    private static final Logger LOG = Logger.getLogger(Bindings.class);
    private static final String PENDING = "pending";
    // Long enough for one join to finish; a crashed join frees the player after it.
    private static final Duration CLAIM_TTL = Duration.ofSeconds(10);

    private final PipelinedRedis redis;
    private final Json json;
    private final RoomScripts scripts;

    Bindings(PipelinedRedis redis, Json json, RoomScripts scripts) {
        this.redis = redis;
        this.scripts = scripts;
        this.json = json;
    }

    Uni<Void> claim(String playerId) {
        return tryClaim(playerId).chain(claimed -> claimed ? Uni.createFrom().voidItem()
                : get(RoomKeys.binding(playerId)).chain(current -> current == null
                        ? retry(playerId)
                        : stale(playerId, current).chain(stale -> stale
                                ? release(playerId, current).chain(() -> retry(playerId))
                                : Uni.createFrom().failure(alreadyInRoom()))));
    }

    /**
     * Claims a player and the party mates it pairs with, all or none: when one claim is refused,
     * the others made here are given back. A mate's refusal is {@code member_in_room}.
     */
    Uni<Void> claimAll(String playerId, List<String> mates) {
        if (mates.isEmpty()) {
            return claim(playerId);
        }
        List<String> all = new ArrayList<>(mates.size() + 1);
        all.add(playerId);
        all.addAll(mates);
        List<Uni<Throwable>> attempts = all.stream()
                .map(id -> claim(id).onItemOrFailure().<Throwable>transform((claimed, refusal) -> refusal))
                .toList();
        return Uni.join().all(attempts).andFailFast().chain(refusals -> {
            List<String> claimed = new ArrayList<>();
            Throwable first = null;
            for (int i = 0; i < all.size(); i++) {
                Throwable refusal = refusals.get(i);
                if (refusal == null) {
                    claimed.add(all.get(i));
                } else if (first == null) {
                    first = i > 0 && MatchException.is(refusal, "already_in_room")
                            ? new MatchException("member_in_room", "Party member " + all.get(i)
                                    + " is in a room; the party pairs once every member is free.")
                            : refusal;
                }
            }
            if (first == null) {
                return Uni.createFrom().voidItem();
            }
            Throwable refused = first;
            return releaseClaims(claimed).chain(() -> Uni.createFrom().failure(refused));
        });
    }

    /** Frees the claims of a join of these players that failed. */
    Uni<Void> releaseClaims(String playerId, List<String> mates) {
        List<String> all = new ArrayList<>(mates.size() + 1);
        all.add(playerId);
        all.addAll(mates);
        return releaseClaims(all);
    }

    private Uni<Void> releaseClaims(List<String> playerIds) {
        if (playerIds.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return Uni.join().all(playerIds.stream().map(this::releaseClaim).toList()).andCollectFailures().replaceWithVoid();
    }

    Uni<Void> bind(String playerId, RoomRef room, Duration ttl) {
        return redis.execute(Command.SET, RoomKeys.binding(playerId), room, "PX", ttl.toMillis()).replaceWithVoid();
    }

    /**
     * Binds a player a script just seated, before its room frame goes out: a socket of the player
     * that opens once the frame is seen finds the room. The seat is taken either way, so a binding
     * Redis did not take is logged and lets the member in all the same (its claim runs out).
     */
    Uni<Void> bindSeated(String playerId, RoomRef room, Duration ttl) {
        return bind(playerId, room, ttl)
                .onFailure().invoke(failure -> LOG.warnf("Binding %s to %s failed: %s", playerId, room, failure.getMessage()))
                .onFailure().recoverWithNull();
    }

    Uni<RoomRef> find(String playerId) {
        return get(RoomKeys.binding(playerId))
                .map(value -> value == null || value.equals(PENDING) ? null : RoomRef.parse(value));
    }

    /** Frees the player's binding to this room; a binding to another room stays. */
    Uni<Void> release(String playerId, RoomRef room) {
        return release(playerId, room.toString());
    }

    /** Frees the claim of a join that failed; a binding the player already had stays. */
    Uni<Void> releaseClaim(String playerId) {
        return release(playerId, PENDING);
    }

    private Uni<Void> release(String playerId, String binding) {
        return scripts.run(RoomScripts.RELEASE, List.of(RoomKeys.binding(playerId)), binding).replaceWithVoid();
    }

    private Uni<Boolean> tryClaim(String playerId) {
        return redis.execute(Command.SET, RoomKeys.binding(playerId), PENDING, "NX", "PX", CLAIM_TTL.toMillis())
                .map(reply -> reply != null);
    }

    private Uni<Void> retry(String playerId) {
        return tryClaim(playerId).chain(claimed -> claimed ? Uni.createFrom().voidItem()
                : Uni.createFrom().failure(alreadyInRoom()));
    }

    private Uni<Boolean> stale(String playerId, String binding) {
        RoomRef ref = binding.equals(PENDING) ? null : RoomRef.parse(binding);
        if (ref == null) {
            return Uni.createFrom().item(false);
        }
        return get(ref.key()).map(raw -> {
            Room room = raw == null ? null : json.read(raw, Room.class);
            return room == null || "ended".equals(room.state()) || !room.has(playerId);
        });
    }

    private Uni<String> get(String key) {
        return redis.execute(Command.GET, key).map(value -> value == null ? null : value.toString());
    }

    private static MatchException alreadyInRoom() {
        return new MatchException("already_in_room", "The player is already in a room; leave it first.");
    }
}
