package dev.rallypoint.save.session;

import dev.rallypoint.common.auth.SessionKeys;
import dev.rallypoint.common.players.PlayerKeys;
import dev.rallypoint.common.problem.ProblemException;
import dev.rallypoint.common.redis.LuaScript;
import dev.rallypoint.common.redis.PipelinedRedis;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.UUID;

/**
 * Device logins. A deviceId is a secret the client keeps (at least {@value DeviceIds#MIN_LENGTH}
 * characters), stored only as its SHA-256: {@code device:<sha256>} holds the playerId it logs in
 * as, and the player's profile hash holds the SHA-256 of its one device, so that rotating or
 * revoking it can find the mapping to delete. The steps touch two hash slots, so each is one
 * command or script; a crash between them leaves at worst an old mapping that still logs in, until
 * the next rotation or revocation removes it.
 */
@ApplicationScoped
class Devices {

    private static final LuaScript SWAP = LuaScript.load("lua/save/device-swap.lua");
    private static final LuaScript RELEASE = LuaScript.load("lua/save/device-release.lua");

    private final PipelinedRedis redis;

    Devices(PipelinedRedis redis) {
        this.redis = redis;
    }

    /**
     * The player this device logs in as: claimed with SET NX for a new player (so two first
     * logins at once agree on one), recorded as the player's device if it had none.
     */
    Uni<String> playerFor(String deviceId) {
        String hash = SessionKeys.sha256(deviceId);
        String candidate = UUID.randomUUID().toString();
        return claim(hash, candidate)
                .flatMap(playerId -> redis.execute(Command.HSETNX, PlayerKeys.profile(playerId), "device", hash)
                        .replaceWith(playerId));
    }

    /** Makes {@code deviceId} the player's device; the old one no longer logs in. 409 when it is another player's. */
    Uni<Void> rotate(String playerId, String deviceId) {
        String hash = SessionKeys.sha256(deviceId);
        return claim(hash, playerId)
                .flatMap(owner -> {
                    if (!owner.equals(playerId)) {
                        throw ProblemException.conflict("device-id-taken", "This deviceId logs in as another player.");
                    }
                    return SWAP.run(redis, List.of(PlayerKeys.profile(playerId)), List.of(hash));
                })
                .flatMap(old -> release(old, hash, playerId));
    }

    /** The player's device no longer logs in; the player and their sessions stay. */
    Uni<Void> revoke(String playerId) {
        return SWAP.run(redis, List.of(PlayerKeys.profile(playerId)), List.of(""))
                .flatMap(old -> release(old, null, playerId));
    }

    /**
     * The player a studio's own account id logs in as ({@code custom:<sha256(customId)>}), claimed
     * like a device's; only a game server with the scope {@code sessions} logs players in this way.
     */
    Uni<String> playerForCustomId(String customId) {
        return claimKey("custom:" + SessionKeys.sha256(customId), UUID.randomUUID().toString());
    }

    /** The playerId the device maps to, after mapping it to {@code candidate} if it mapped to none. */
    private Uni<String> claim(String hash, String candidate) {
        return claimKey(key(hash), candidate);
    }

    private Uni<String> claimKey(String key, String candidate) {
        return redis.execute(Command.SET, key, candidate, "NX")
                .flatMap(set -> set != null ? Uni.createFrom().item(candidate)
                        : redis.execute(Command.GET, key).map(Response::toString));
    }

    private Uni<Void> release(Response old, String kept, String playerId) {
        if (old == null || old.toString().equals(kept)) {
            return Uni.createFrom().voidItem();
        }
        return RELEASE.run(redis, List.of(key(old.toString())), List.of(playerId)).replaceWithVoid();
    }

    private static String key(String hash) {
        return "device:" + hash;
    }
}
