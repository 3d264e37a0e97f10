package dev.rallypoint.matchmaker.connection;

import dev.rallypoint.common.auth.SessionKeys;
import dev.rallypoint.common.players.PresenceKeys;
import dev.rallypoint.common.redis.PipelinedRedis;
import dev.rallypoint.matchmaker.replica.Replica;
import dev.rallypoint.matchmaker.room.Member;
import dev.rallypoint.matchmaker.room.RoomEvents;
import dev.rallypoint.matchmaker.room.RoomScripts;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Command;
import jakarta.annotation.Priority;
import jakarta.inject.Singleton;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The sockets whose {@code @OnClose} has not run yet, and who may keep one open:
 * <ul>
 * <li>One socket per player, on any replica: {@code mm:socket:<playerId>} names the newest
 * ("{@code <replicaId>/<connectionId>}") while it is open, which also tells friends the player is
 * online. A new socket takes the player's seat first, then has
 * the one it replaces closed (4001): by this replica, or by the replica that holds it, told on
 * its channel {@code mm:replica:<id>:signals}. The old socket no longer holds the seat, so its
 * close changes nothing in the room.</li>
 * <li>A revoked session (logout) closes its sockets at once (4003): save-service publishes the
 * token's hash on {@link SessionKeys#REVOKED_CHANNEL}.</li>
 * <li>A stopping replica waits for its sockets: their {@code @OnClose} drops seats and must run
 * while the beans it uses are still there. The HTTP server closes the sockets as the stop begins
 * (1000); one still open then is closed here with 1001 (going away). Either way clients
 * reconnect, to another replica, and get their seats back within the grace period.</li>
 * </ul>
 */
@Singleton
class OpenSockets {

    private static final Logger LOG = Logger.getLogger(OpenSockets.class);
    private static final Duration WAIT = Duration.ofSeconds(5);
    // As long as a session can live unused: a socket that old has been replaced or closed.
    private static final Duration NEWEST_TTL = Duration.ofDays(7);
    private static final CloseReason STOPPING = new CloseReason(WebSocketCloseStatus.ENDPOINT_UNAVAILABLE.code(), "Server stopping");
    static final CloseReason REPLACED = new CloseReason(4001, "Replaced by a newer connection of this player");
    static final CloseReason LOGGED_OUT = new CloseReason(4003, "The session was revoked");

    private final Map<String, WebSocketConnection> open = new ConcurrentHashMap<>();
    private final PipelinedRedis redis;
    private final RoomEvents events;
    private final Replica replica;

    OpenSockets(PipelinedRedis redis, RoomEvents events, Replica replica) {
        this.redis = redis;
        this.events = events;
        this.replica = replica;
    }

    void listen(@Observes StartupEvent event) {
        events.listen(signals(replica.id()), connectionId -> close(open.get(connectionId), REPLACED))
                .subscribe().with(done -> { }, failure -> LOG.debugf("Signals: %s", failure.getMessage()));
        events.listen(SessionKeys.REVOKED_CHANNEL, this::loggedOut)
                .subscribe().with(done -> { }, failure -> LOG.debugf("Revocations: %s", failure.getMessage()));
    }

    void opened(WebSocketConnection connection) {
        open.put(connection.id(), connection);
    }

    /**
     * Called last in {@code @OnClose}. The player goes offline for its friends, unless a newer
     * socket of the player already took its place.
     */
    void closed(WebSocketConnection connection) {
        open.remove(connection.id());
        String playerId = connection.userData().get(SessionUpgradeCheck.PLAYER_ID);
        RoomScripts.RELEASE.run(redis, List.of(newest(playerId)), List.of(replica.id() + "/" + connection.id()))
                .subscribe().with(done -> { }, failure -> LOG.debugf("Releasing the socket of %s: %s", playerId, failure.getMessage()));
    }

    /**
     * Makes the member's socket the player's one socket and has the one before it closed. A socket
     * that closed meanwhile gives the place up again, so that the player does not look online.
     */
    Uni<Void> takeOver(Member member) {
        return redis.execute(Command.SET, newest(member.playerId()), member.conn(), "GET", "PX", NEWEST_TTL.toMillis())
                .call(() -> member.isOpen() ? Uni.createFrom().voidItem()
                        : RoomScripts.RELEASE.run(redis, List.of(newest(member.playerId())), List.of(member.conn())))
                .chain(previous -> {
                    String[] old = previous == null ? null : previous.toString().split("/", 2);
                    if (old == null || old.length != 2 || previous.toString().equals(member.conn())) {
                        return Uni.createFrom().voidItem();
                    }
                    if (old[0].equals(replica.id())) {
                        close(open.get(old[1]), REPLACED);
                        return Uni.createFrom().voidItem();
                    }
                    return redis.execute(Command.PUBLISH, signals(old[0]), old[1]).replaceWithVoid();
                });
    }

    private void loggedOut(String sessionHash) {
        for (WebSocketConnection connection : open.values()) {
            if (sessionHash.equals(connection.userData().get(SessionUpgradeCheck.SESSION))) {
                close(connection, LOGGED_OUT);
            }
        }
    }

    private static void close(WebSocketConnection connection, CloseReason reason) {
        if (connection != null && !connection.isClosed()) {
            connection.close(reason).subscribe().with(done -> { },
                    failure -> LOG.debugf("Closing %s: %s", connection.id(), failure));
        }
    }

    private static String newest(String playerId) {
        return PresenceKeys.socket(playerId);
    }

    private static String signals(String replicaId) {
        return "mm:replica:" + replicaId + ":signals";
    }

    // After Seats (default priority 2500) has dropped the seats: a closing socket then has none.
    void closeAll(@Observes @Priority(3000) ShutdownEvent event) throws InterruptedException {
        List<WebSocketConnection> closing = List.copyOf(open.values());
        for (WebSocketConnection connection : closing) {
            close(connection, STOPPING);
        }
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!open.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        if (!closing.isEmpty()) {
            LOG.debugf("Closed %d WebSocket connections on the way out; %d did not close in time", closing.size(), open.size());
        }
    }
}
