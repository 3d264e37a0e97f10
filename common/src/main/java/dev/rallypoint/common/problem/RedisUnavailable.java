package dev.rallypoint.common.problem;

import java.net.ConnectException;
import java.nio.channels.ClosedChannelException;
import java.util.Set;
import java.util.concurrent.TimeoutException;

/** Tells a Redis outage (answer 503, the client may retry) from a bug (answer 500). */
public final class RedisUnavailable {

    /** Error replies Redis gives while it cannot serve yet: starting, failing over, resharding. */
    private static final Set<String> TRANSIENT_REPLIES = Set.of("LOADING", "MASTERDOWN", "CLUSTERDOWN", "TRYAGAIN", "BUSY");

    private RedisUnavailable() {
    }

    public static boolean is(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ConnectException || t instanceof ClosedChannelException
                    || t instanceof TimeoutException || t instanceof io.smallrye.mutiny.TimeoutException) {
                return true;
            }
            String message = t.getMessage();
            if (message != null && (message.contains("Connection is closed") || message.contains("Connection refused")
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
