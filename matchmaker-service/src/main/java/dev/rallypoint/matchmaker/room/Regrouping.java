package dev.rallypoint.matchmaker.room;

import dev.rallypoint.matchmaker.mode.MatchmakerConfig;
import dev.rallypoint.matchmaker.mode.Modes;
import dev.rallypoint.matchmaker.protocol.Json;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.redis.client.ResponseType;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

import java.util.List;

import static io.quarkus.scheduler.Scheduled.ConcurrentExecution.SKIP;

/**
 * Moves the players of this replica who wait alone in a mode that pairs by rating to a room
 * they now fit, as the windows widen with waiting (regroup.lua): two lone players of a pool
 * never wait apart once they fit each other. A moved player gets the new room's frame.
 */
@Singleton
public class Regrouping {

    private static final Logger LOG = Logger.getLogger(Regrouping.class);

    private final RoomScripts scripts;
    private final Seating seating;
    private final Seats seats;
    private final Bindings bindings;
    private final Modes modes;
    private final MatchmakerConfig config;
    private final Json json;

    Regrouping(RoomScripts scripts, Seating seating, Seats seats, Bindings bindings, Modes modes,
               MatchmakerConfig config, Json json) {
        this.scripts = scripts;
        this.seating = seating;
        this.seats = seats;
        this.bindings = bindings;
        this.modes = modes;
        this.config = config;
        this.json = json;
    }

    @Scheduled(every = "${rallypoint.matchmaker.regroup-every:PT1S}", concurrentExecution = SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> tick() {
        if (!modes.anyRated()) {
            return Uni.createFrom().voidItem();
        }
        long waitedEnough = System.nanoTime() - config.regroupEvery().toNanos();
        List<Uni<Void>> moves = seating.seated().stream()
                .filter(member -> {
                    RoomRef room = member.room();
                    long since = member.waitingSinceNanos();
                    // A room of a mode no longer configured is left as it is.
                    MatchmakerConfig.Mode mode = room == null ? null : config.modes().get(room.mode());
                    return mode != null && mode.matching() == MatchmakerConfig.Matching.RATING
                            && since != 0 && since - waitedEnough <= 0;
                })
                .map(member -> regroup(member).onFailure()
                        .invoke(failure -> LOG.debugf("Regrouping %s failed: %s", member.playerId(), failure.getMessage()))
                        .onFailure().recoverWithNull())
                .toList();
        return moves.isEmpty() ? Uni.createFrom().voidItem() : Uni.join().all(moves).andCollectFailures().replaceWithVoid();
    }

    /** Moves the member if it waits alone and a room fits it now; nothing otherwise. */
    Uni<Void> regroup(Member member) {
        RoomRef from = member.room();
        if (from == null) {
            return Uni.createFrom().voidItem();
        }
        return scripts.run(RoomScripts.REGROUP, List.of(from.key()), member.playerId(), System.currentTimeMillis(),
                config.roomTtl().toMillis(), member.conn()).chain(reply -> {
            if (reply == null || reply.type() != ResponseType.BULK) {
                return Uni.createFrom().voidItem();
            }
            Room room = json.read(reply.toString(), Room.class);
            RoomRef to = new RoomRef(room.mode(), room.id());
            return bindings.bindSeated(member.playerId(), to, config.roomTtl())
                    .chain(() -> seating.move(member, from, to, room.seq(), json.write(new Room.Frame(room.view()))))
                    // A socket that closed during the move dropped the room it left, not this one.
                    .chain(moved -> !moved ? seats.drop(member.playerId(), to, member.conn())
                            : member.isOpen() ? Uni.createFrom().voidItem() : seats.drop(member));
        });
    }
}
