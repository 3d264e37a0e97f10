package dev.rallypoint.common.auth;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.value.GetExArgs;
import io.quarkus.redis.datasource.value.ReactiveValueCommands;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Optional;

/** Looks sessions up by token, renewing their expiry: the one read every service does per request. */
@ApplicationScoped
public class Sessions {

    private final ReactiveValueCommands<String, String> values;
    private final ObjectMapper json;
    private final SessionConfig config;

    public Sessions(ReactiveRedisDataSource redis, ObjectMapper json, SessionConfig config) {
        this.values = redis.value(String.class);
        this.json = json;
        this.config = config;
    }

    /** The session of a token, its expiry pushed back by a full TTL; empty for an unknown or expired token. */
    public Uni<Optional<StoredSession>> touch(String token) {
        return values.getex(SessionKeys.session(token), new GetExArgs().px(config.ttl().toMillis()))
                .map(value -> Optional.ofNullable(value).map(this::decode));
    }

    private StoredSession decode(String value) {
        try {
            return json.readValue(value, StoredSession.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable session value", e);
        }
    }
}
