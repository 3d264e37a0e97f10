package dev.rallypoint.matchmaker.room;

import dev.rallypoint.matchmaker.mode.MatchmakerConfig;
import dev.rallypoint.matchmaker.mode.Modes;
import dev.rallypoint.matchmaker.protocol.MatchException;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Response;
import dev.rallypoint.common.redis.PipelinedRedis;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.List;

import static io.quarkus.scheduler.Scheduled.ConcurrentExecution.SKIP;

/**
 * How games end: the players' reports under a mode's {@code consensus} policy (see judge in
 * {@code room-lib.lua}), and a trusted game server's report under any policy. A majority's
 * result that waits for silent players is settled by a sweep that any replica may run.
 */
@Singleton
public class Verdicts {

    private static final Logger LOG = Logger.getLogger(Verdicts.class);
    private static final int SWEEP_BATCH = 100;

    private final PipelinedRedis redis;
    private final RoomScripts scripts;
    private final Modes modes;
    private final MatchmakerConfig config;
    private final RoomService rooms;
    private final MatchResults results;

    Verdicts(PipelinedRedis redis, RoomScripts scripts, Modes modes, MatchmakerConfig config, RoomService rooms,
             MatchResults results) {
        this.redis = redis;
        this.scripts = scripts;
        this.modes = modes;
        this.config = config;
        this.rooms = rooms;
        this.results = results;
    }

    @Scheduled(every = "1s", concurrentExecution = SKIP, skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> tick() {
        return settleDue()
                .onFailure().invoke(failure -> LOG.debugf("Result sweep failed: %s", failure.getMessage()))
                .onFailure().recoverWithNull();
    }

    /** A player's {@code game_over}: counts towards the result, or is refused where only a server reports. */
    public Uni<Void> report(Member member, String winner) {
        RoomRef room = rooms.requireRoom(member);
        if (modes.require(room.mode()).results() == MatchmakerConfig.ResultsPolicy.SERVER) {
            throw new MatchException("forbidden", "Results of mode '" + room.mode() + "' come from the game server.");
        }
        return report(room, member.playerId(), winner);
    }

    /** A trusted game server's result: ends the game at once; an empty winner ends it without one. */
    public Uni<Void> reportAsServer(RoomRef room, String winner) {
        modes.require(room.mode());
        return report(room, "", winner == null ? "" : winner);
    }

    private Uni<Void> report(RoomRef room, String reporter, String winner) {
        MatchmakerConfig.Mode mode = modes.require(room.mode());
        return scripts.run(RoomScripts.GAME_OVER, List.of(room.key()), reporter, winner, now(),
                        config.endedRoomTtl().toMillis(), config.roomTtl().toMillis(), mode.resultWindow().toMillis())
                .chain(results::recordIfEnded);
    }

    /** Settles the rooms whose majority result has waited out its window. */
    Uni<Void> settleDue() {
        return all(config.modes().keySet().stream().map(this::settleDue).toList());
    }

    private Uni<Void> settleDue(String mode) {
        return redis.execute(Command.ZRANGEBYSCORE, RoomKeys.verdicts(mode), "-inf", now(), "LIMIT", 0, SWEEP_BATCH)
                .chain(due -> {
                    List<Uni<Void>> settles = new ArrayList<>();
                    for (Response roomId : due) {
                        settles.add(scripts.run(RoomScripts.SETTLE_RESULT, List.of(RoomKeys.room(mode, roomId.toString())),
                                        now(), config.endedRoomTtl().toMillis(), config.roomTtl().toMillis())
                                .chain(results::recordIfEnded));
                    }
                    return all(settles);
                });
    }

    private static Uni<Void> all(List<Uni<Void>> steps) {
        return steps.isEmpty() ? Uni.createFrom().voidItem() : Uni.join().all(steps).andCollectFailures().replaceWithVoid();
    }

    private static long now() {
        return System.currentTimeMillis();
    }
}
