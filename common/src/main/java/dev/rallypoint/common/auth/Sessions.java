package dev.rallypoint.common.auth;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.value.GetExArgs;
import io.quarkus.redis.datasource.value.ReactiveValueCommands;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Looks sessions up by token, renewing their expiry: the one read every service does per
 * request. A found session is remembered for a moment ({@code rallypoint.session.cache}, at most
 * a quarter of the TTL), so a busy client costs one Redis read per moment, not per request; a
 * revoked token therefore keeps working on other instances for at most that moment.
 */
@ApplicationScoped
public class Sessions {

    // Past this many remembered sessions the memory is dropped whole: simple, and bounded.
    private static final int MAX_CACHED = 100_000;

    private final ReactiveValueCommands<String, String> values;
    private final ObjectMapper json;
    private final SessionConfig config;
    private final long cacheNanos;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    private record Cached(StoredSession session, long untilNanos) {
    }

    public Sessions(ReactiveRedisDataSource redis, ObjectMapper json, SessionConfig config) {
        this.values = redis.value(String.class);
        this.json = json;
        this.config = config;
        this.cacheNanos = Math.min(config.cache().toNanos(), config.ttl().toNanos() / 4);
    }

    /** The session of a token, its expiry pushed back by a full TTL; empty for an unknown or expired token. */
    public Uni<Optional<StoredSession>> touch(String token) {
        Cached cached = cache.get(token);
        if (cached != null && cached.untilNanos() - System.nanoTime() > 0) {
            return Uni.createFrom().item(Optional.of(cached.session()));
        }
        return values.getex(SessionKeys.session(token), new GetExArgs().px(config.ttl().toMillis()))
                .map(value -> Optional.ofNullable(value).map(this::decode))
                .invoke(found -> remember(token, found));
    }

    /** Forgets a token at once on this instance (logout). */
    public void forget(String token) {
        cache.remove(token);
    }

    private void remember(String token, Optional<StoredSession> found) {
        if (found.isEmpty() || cacheNanos <= 0) {
            cache.remove(token);
            return;
        }
        if (cache.size() >= MAX_CACHED) {
            cache.clear();
        }
        cache.put(token, new Cached(found.get(), System.nanoTime() + cacheNanos));
    }

    private StoredSession decode(String value) {
        try {
            return json.readValue(value, StoredSession.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable session value", e);
        }
    }
}
