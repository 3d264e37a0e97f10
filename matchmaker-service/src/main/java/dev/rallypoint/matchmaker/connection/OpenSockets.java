package dev.rallypoint.matchmaker.connection;

import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.WebSocketConnection;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The sockets whose {@code @OnClose} has not run yet. A stopping replica waits for them: their
 * {@code @OnClose} drops seats and must run while the beans it uses are still there. The HTTP
 * server closes the sockets as the stop begins (1000); one still open then is closed here with
 * 1001 (going away). Either way clients reconnect, to another replica, and get their seats back
 * within the grace period.
 */
@ApplicationScoped
class OpenSockets {

    private static final Logger LOG = Logger.getLogger(OpenSockets.class);
    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final CloseReason STOPPING = new CloseReason(WebSocketCloseStatus.ENDPOINT_UNAVAILABLE.code(), "Server stopping");

    private final Map<String, WebSocketConnection> open = new ConcurrentHashMap<>();

    void opened(WebSocketConnection connection) {
        open.put(connection.id(), connection);
    }

    /** Called last in {@code @OnClose}. */
    void closed(WebSocketConnection connection) {
        open.remove(connection.id());
    }

    // After Seats (default priority 2500) has dropped the seats: a closing socket then has none.
    void closeAll(@Observes @Priority(3000) ShutdownEvent event) throws InterruptedException {
        List<WebSocketConnection> closing = List.copyOf(open.values());
        for (WebSocketConnection connection : closing) {
            if (!connection.isClosed()) {
                connection.close(STOPPING).subscribe().with(done -> { },
                        failure -> LOG.debugf("Closing %s: %s", connection.id(), failure));
            }
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
