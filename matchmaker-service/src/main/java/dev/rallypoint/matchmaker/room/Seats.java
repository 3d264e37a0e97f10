package dev.rallypoint.matchmaker.room;

import dev.rallypoint.matchmaker.mode.MatchmakerConfig;
import dev.rallypoint.matchmaker.protocol.Json;
import dev.rallypoint.matchmaker.protocol.MatchException;
import dev.rallypoint.matchmaker.replica.SocketsOfDeadReplicas;
import dev.rallypoint.common.redis.PipelinedRedis;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Response;
import io.vertx.redis.client.ResponseType;
import jakarta.inject.Singleton;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static io.quarkus.scheduler.Scheduled.ConcurrentExecution.SKIP;

/**
 * Seats whose socket went away: dropped at once while recruiting, kept for the grace period
 * while playing, taken back by a reconnect on any replica, or given up when the grace runs out.
 */
@Singleton
public class Seats implements SocketsOfDeadReplicas {

    private static final Logger LOG = Logger.getLogger(Seats.class);
    /** disconnect.lua's reply when the seat is kept for the grace period. */
    private static final long KEPT = 2;
    private static final Duration SHUTDOWN_WAIT = Duration.ofSeconds(5);

    private final PipelinedRedis redis;
    private final RoomScripts scripts;
    private final MatchmakerConfig config;
    private final Bindings bindings;
    private final Members members;
    private final Seating seating;
    private final MatchResults results;
    private final Json json;
    // Seat drops of closed sockets still under way.
    private final Set<CompletableFuture<Void>> dropping = ConcurrentHashMap.newKeySet();

    Seats(PipelinedRedis redis, RoomScripts scripts, MatchmakerConfig config, Bindings bindings,
          Members members, Seating seating, MatchResults results, Json json) {
        this.redis = redis;
        this.scripts = scripts;
        this.config = config;
        this.bindings = bindings;
        this.members = members;
        this.seating = seating;
        this.results = results;
        this.json = json;
    }

    @Scheduled(every = "1s", concurrentExecution = SKIP, skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> tick() {
        return expireDue().onFailure().invoke(failure -> LOG.debugf("Seat expiry sweep failed: %s", failure.getMessage()))
                .onFailure().recoverWithNull();
    }

    /**
     * A replica that stops drops its players' seats itself, while Redis and the beans are still
     * there: players of a game keep their seat for the grace period and can reconnect elsewhere.
     * It also waits for the drops of sockets that closed just before. What Redis does not answer
     * within {@link #SHUTDOWN_WAIT} is left to the other replicas, which drop the seats of a
     * replica whose heartbeat stopped.
     */
    void onShutdown(@Observes ShutdownEvent event) {
        List<CompletableFuture<Void>> drops;
        synchronized (dropping) {
            // From here on a closing socket finds no member: every drop to wait for is known.
            drops = new ArrayList<>(dropping);
            members.closeAll().stream()
                    .filter(member -> member.room() != null)
                    .map(member -> drop(member).onFailure().recoverWithNull().subscribeAsCompletionStage())
                    .forEach(drops::add);
        }
        // Each drop counts as settled when it ends, however it ends: a failed one is logged by itself.
        CompletableFuture<?>[] settled = drops.stream().map(drop -> drop.handle((done, failure) -> null))
                .toArray(CompletableFuture[]::new);
        try {
            CompletableFuture.allOf(settled).get(SHUTDOWN_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            long left = drops.stream().filter(drop -> !drop.isDone()).count();
            drops.forEach(drop -> drop.cancel(false));
            LOG.warnf("%d seats not dropped within %d s on the way out; the other replicas drop them", left,
                    SHUTDOWN_WAIT.toSeconds());
        } catch (ExecutionException e) {
            throw new IllegalStateException("a settled drop cannot fail", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * A socket closed: its member leaves this replica, and the seat is dropped even if Redis is
     * away now (see {@link #dropSurely}). Nobody waits for the drop but a stop of this replica.
     * websockets-next handles a close only once the socket's frame under way is done, so a join
     * still running has its seat by now (PairingRaceTest holds Redis still to check it).
     */
    public void closed(String connectionId) {
        synchronized (dropping) {
            Member member = members.close(connectionId);
            if (member == null) {
                return;
            }
            CompletableFuture<Void> drop = dropSurely(member).subscribeAsCompletionStage();
            dropping.add(drop);
            drop.whenComplete((done, failure) -> {
                dropping.remove(drop);
                if (failure != null && !(failure instanceof CancellationException)) {
                    LOG.warnf("Dropping the seat of %s failed: %s", member.playerId(), failure.getMessage());
                }
            });
        }
    }

    /** The member's socket closed. */
    public Uni<Void> drop(Member member) {
        RoomRef room = seating.exit(member);
        return room == null ? Uni.createFrom().voidItem() : drop(member.playerId(), room, member.conn());
    }

    /**
     * The seat of a closed socket, dropped even if Redis is away now (see {@link RedisRetry}).
     * The script drops only this socket's seat: a retry after the player came back changes nothing.
     */
    public Uni<Void> dropSurely(Member member) {
        RoomRef room = seating.exit(member);
        return room == null ? Uni.createFrom().voidItem()
                : RedisRetry.untilRedisAnswers(() -> drop(member.playerId(), room, member.conn()));
    }

    @Override
    public Uni<Void> drop(String playerId, String replicaId) {
        return bindings.find(playerId).chain(room -> room == null ? Uni.createFrom().voidItem()
                : drop(playerId, room, replicaId + "/"));
    }

    Uni<Void> drop(String playerId, RoomRef room, String conn) {
        return scripts.run(RoomScripts.DISCONNECT, List.of(room.key()), playerId, conn, now(),
                        config.gracePeriod().toMillis(), config.roomTtl().toMillis(), config.endedRoomTtl().toMillis())
                .chain(reply -> afterSeatChange(playerId, room, reply))
                .onFailure(failure -> MatchException.is(failure, "not_in_room")).recoverWithNull();
    }

    /** A player's new socket takes back the seat it still has, on whichever replica it landed. */
    public Uni<Void> resume(Member member) {
        return bindings.find(member.playerId()).chain(room -> room == null ? Uni.createFrom().voidItem()
                : seating.hold(member)
                        .chain(() -> scripts.run(RoomScripts.RECONNECT, List.of(room.key()), member.playerId(), member.conn(),
                                config.roomTtl().toMillis()))
                        .chain(reply -> redis.execute(Command.LRANGE, RoomKeys.log(room.key()), 0, -1)
                                .map(log -> Comeback.of(json, member, reply, log)))
                        .onFailure().invoke(() -> seating.release(member))
                        .invoke(comeback -> {
                            // A seat taken back while the room recruits still waits: regrouping may move it.
                            if ("recruiting".equals(comeback.room().state())) {
                                member.markPairing();
                            }
                        })
                        .chain(comeback -> seating.enter(member, room, comeback.room().seq(),
                                json.write(new Room.Frame(comeback.room().view())), comeback.missed()))
                        .onFailure(failure -> MatchException.is(failure, "not_in_room")).recoverWithNull());
    }

    /** The room as the reconnect script returned it, and the events of its log the player missed while away. */
    private record Comeback(Room room, List<String> missed) {

        static Comeback of(Json json, Member member, Response reply, Response log) {
            Room room = json.read(reply.get(0).toString(), Room.class);
            long seen = reply.get(1).toLong();
            List<String> missed = new ArrayList<>();
            for (Response entry : log) {
                Envelope envelope = Envelope.parse(entry.toString());
                // The room frame holds the state as of its seq: the state changes before it are in it.
                if (envelope.seq() > seen && envelope.seq() <= room.seq() && !envelope.subject().equals(member.playerId())
                        && !"state".equals(envelope.type())) {
                    missed.add(envelope.frame());
                }
            }
            return new Comeback(room, missed);
        }
    }

    /** Gives up the seats whose grace period ran out; any replica may, the script acts once. */
    Uni<Void> expireDue() {
        Collection<String> modes = config.modes().keySet();
        List<Uni<Void>> sweeps = modes.stream().map(this::expireDue).toList();
        return Uni.join().all(sweeps).andCollectFailures().replaceWithVoid();
    }

    private Uni<Void> expireDue(String mode) {
        return redis.execute(Command.ZRANGEBYSCORE, RoomKeys.grace(mode), "-inf", now(), "LIMIT", 0, 100)
                .chain(due -> {
                    List<Uni<Void>> expiries = new ArrayList<>();
                    for (Response entry : due) {
                        String[] roomAndPlayer = entry.toString().split(" ", 2);
                        RoomRef room = new RoomRef(mode, roomAndPlayer[0]);
                        expiries.add(scripts.run(RoomScripts.EXPIRE_SEAT, List.of(room.key()), roomAndPlayer[1], now(),
                                        config.roomTtl().toMillis(), config.endedRoomTtl().toMillis())
                                .chain(reply -> afterSeatChange(roomAndPlayer[1], room, reply)));
                    }
                    return expiries.isEmpty() ? Uni.createFrom().voidItem()
                            : Uni.join().all(expiries).andCollectFailures().replaceWithVoid();
                });
    }

    /** After a seat script: record a game it ended, and free the player unless the seat is kept. */
    private Uni<Void> afterSeatChange(String playerId, RoomRef room, Response reply) {
        boolean unchanged = reply.type() == ResponseType.NUMBER && (reply.toLong() == 0 || reply.toLong() == KEPT);
        if (unchanged) {
            return Uni.createFrom().voidItem();
        }
        return results.recordIfEnded(reply).chain(() -> bindings.release(playerId, room));
    }

    private static long now() {
        return System.currentTimeMillis();
    }
}
