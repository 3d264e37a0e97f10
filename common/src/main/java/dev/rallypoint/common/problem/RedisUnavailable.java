package dev.rallypoint.common.problem;

import io.vertx.core.http.ConnectionPoolTooBusyException;

import java.net.ConnectException;
import java.net.SocketException;
import java.nio.channels.ClosedChannelException;
import java.util.Set;
import java.util.concurrent.TimeoutException;

/**
 * Tells a Redis outage or overload (answer 503, the client may retry) from a bug (answer 500).
 * A full connection-pool queue, or a shared connection with a full queue of commands waiting for
 * their replies (Redis stalled under load), counts as overload: the request was never sent.
 */
public final class RedisUnavailable {

    /**
     * Error replies Redis gives while it cannot serve yet (starting, failing over, resharding),
     * and the Vert.x client's own error for a command in flight when its connection closed.
     */
    private static final Set<String> TRANSIENT_REPLIES =
            Set.of("LOADING", "MASTERDOWN", "CLUSTERDOWN", "TRYAGAIN", "BUSY", "CONNECTION_CLOSED");

    private RedisUnavailable() {
    }

    public static boolean is(Throwable failure) {
        if (failure instanceof io.smallrye.mutiny.CompositeException composite) {
            return composite.getCauses().stream().anyMatch(RedisUnavailable::is);
        }
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ConnectException || t instanceof ClosedChannelException
                    || t instanceof TimeoutException || t instanceof io.smallrye.mutiny.TimeoutException
                    || t instanceof ConnectionPoolTooBusyException || t instanceof SocketException) {
                return true;
            }
            String message = t.getMessage();
            // "Connection reset by peer", "Broken pipe": Redis went away mid-command, or just before
            // a write to it (on epoll an IOException, not a SocketException).
            if (message != null && (message.contains("Connection is closed") || message.contains("Connection refused")
                    || message.contains("Connection reset") || message.contains("Broken pipe")
                    || message.contains("Redis waiting queue is full")
                    || TRANSIENT_REPLIES.contains(firstWord(message)))) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }

    private static String firstWord(String message) {
        int space = message.indexOf(' ');
        return space < 0 ? message : message.substring(0, space);
    }
}
