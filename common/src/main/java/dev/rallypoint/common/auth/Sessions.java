package dev.rallypoint.common.auth;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rallypoint.common.cache.ExpiringCache;
import dev.rallypoint.common.redis.PipelinedRedis;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Request;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.Optional;

/**
 * Looks sessions up by token, renewing their expiry: the one read every service does per
 * request. A found session is remembered for a moment ({@code rallypoint.session.cache}, at most
 * a quarter of the TTL), so a busy client costs one Redis read per moment, not per request; a
 * revoked token therefore keeps working on other instances for at most that moment.
 */
@ApplicationScoped
public class Sessions {

    private static final int MAX_CACHED = 100_000;

    private final PipelinedRedis redis;
    private final ObjectMapper json;
    private final SessionConfig config;
    private final ExpiringCache<String, StoredSession> cache;

    public Sessions(PipelinedRedis redis, ObjectMapper json, SessionConfig config) {
        this.redis = redis;
        this.json = json;
        this.config = config;
        this.cache = new ExpiringCache<>(min(config.cache(), config.ttl().dividedBy(4)), MAX_CACHED);
    }

    /** The session of a token, its expiry pushed back by a full TTL; empty for an unknown or expired token. */
    public Uni<Optional<StoredSession>> touch(String token) {
        StoredSession cached = cache.get(token);
        if (cached != null) {
            return Uni.createFrom().item(Optional.of(cached));
        }
        return redis.send(Request.cmd(Command.GETEX).arg(SessionKeys.session(token)).arg("PX").arg(config.ttl().toMillis()))
                .map(value -> Optional.ofNullable(value).map(found -> decode(found.toString())))
                .invoke(found -> remember(token, found));
    }

    /** Forgets a token at once on this instance (logout). */
    public void forget(String token) {
        cache.remove(token);
    }

    private void remember(String token, Optional<StoredSession> found) {
        found.ifPresentOrElse(session -> cache.put(token, session), () -> cache.remove(token));
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private StoredSession decode(String value) {
        try {
            return json.readValue(value, StoredSession.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable session value", e);
        }
    }
}
