package dev.rallypoint.save.session;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rallypoint.common.auth.SessionConfig;
import dev.rallypoint.common.auth.SessionKeys;
import dev.rallypoint.common.auth.StoredSession;
import dev.rallypoint.common.players.Names;
import dev.rallypoint.common.players.Profiles;
import dev.rallypoint.save.names.LegacyNames;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.keys.ReactiveKeyCommands;
import io.quarkus.redis.datasource.pubsub.ReactivePubSubCommands;
import io.quarkus.redis.datasource.value.ReactiveValueCommands;
import io.quarkus.redis.datasource.value.SetArgs;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.UUID;

/**
 * Creates and revokes sessions. Keys:
 * <ul>
 * <li>{@code device:<sha256(deviceId)>} and {@code custom:<sha256(customId)>}: the playerId a
 * device, or a studio's own account id, logs in as (see {@link Devices});</li>
 * <li>{@code player:{p<shard>}:<playerId>} (see {@code PlayerKeys}): a hash with the player's
 * {@code name}, changed together with the name index (see {@link Profiles});</li>
 * <li>{@code session:<sha256(token)>}: see {@link SessionKeys}.</li>
 * </ul>
 * Each step is one command or script on one slot, so the steps need no transaction and stay valid
 * on a Redis Cluster: a crash between them leaves at worst a device mapped to a player with no
 * session yet, which the next login completes.
 */
@ApplicationScoped
public class SessionService {

    private final ReactiveValueCommands<String, String> values;
    private final ReactiveKeyCommands<String> keys;
    private final ReactivePubSubCommands<String> revocations;
    private final ObjectMapper json;
    private final SessionConfig config;
    private final Profiles profiles;
    private final LegacyNames legacyNames;
    private final Devices devices;

    SessionService(ReactiveRedisDataSource redis, ObjectMapper json, SessionConfig config, Profiles profiles,
                   LegacyNames legacyNames, Devices devices) {
        this.devices = devices;
        this.profiles = profiles;
        this.legacyNames = legacyNames;
        this.values = redis.value(String.class);
        this.keys = redis.key();
        this.revocations = redis.pubsub(String.class);
        this.json = json;
        this.config = config;
    }

    public Uni<SessionView> create(SessionRequest request) {
        String name = request.name() == null ? null : Names.validate(request.name());
        String deviceId = request.deviceId() == null ? null : DeviceIds.validate(request.deviceId());
        Uni<String> player = request.customId() != null ? devices.playerForCustomId(request.customId())
                : deviceId != null ? devices.playerFor(deviceId)
                : Uni.createFrom().item(UUID.randomUUID().toString());
        return player
                .flatMap(playerId -> fallbackName(playerId, name)
                        .chain(fallback -> profiles.rename(playerId, name, fallback))
                        .map(chosen -> new StoredSession(playerId, chosen)))
                .flatMap(this::store);
    }

    /** For a player who gives no name: the one from before sharding, if any, else a new one. */
    private Uni<String> fallbackName(String playerId, String requested) {
        return requested != null ? Uni.createFrom().item(Names.generated()) : legacyNames.nameOr(playerId, Names.generated());
    }

    /** Deletes the session, then tells the matchmaker replicas, which close its WebSockets. */
    Uni<Void> revoke(String token) {
        return keys.del(SessionKeys.session(token))
                .chain(() -> revocations.publish(SessionKeys.REVOKED_CHANNEL, SessionKeys.sha256(token)));
    }

    Instant expiryFromNow() {
        return Instant.now().plus(config.ttl());
    }

    private Uni<SessionView> store(StoredSession session) {
        String token = SessionKeys.newToken();
        return values.set(SessionKeys.session(token), encode(session), new SetArgs().px(config.ttl().toMillis()))
                .replaceWith(() -> new SessionView(session.playerId(), session.name(), token, expiryFromNow()));
    }

    private String encode(StoredSession session) {
        try {
            return json.writeValueAsString(session);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
