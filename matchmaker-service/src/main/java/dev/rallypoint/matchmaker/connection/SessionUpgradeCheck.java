package dev.rallypoint.matchmaker.connection;

import dev.rallypoint.common.auth.JwtPlayers;
import dev.rallypoint.common.auth.SessionKeys;
import dev.rallypoint.common.auth.Sessions;
import dev.rallypoint.common.auth.SessionTokens;
import dev.rallypoint.common.problem.RedisUnavailable;
import io.quarkus.websockets.next.HttpUpgradeCheck;
import io.quarkus.websockets.next.UserData;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

/**
 * Lets a WebSocket upgrade through only with a live session or a JWT of the studio's identity
 * provider (header, {@code sid} cookie or {@code ?token=}): 401 without one, 503 while Redis
 * cannot tell.
 */
@Singleton
public class SessionUpgradeCheck implements HttpUpgradeCheck {

    static final UserData.TypedKey<String> PLAYER_ID = UserData.TypedKey.forString("rallypoint.playerId");
    static final UserData.TypedKey<String> NAME = UserData.TypedKey.forString("rallypoint.name");
    /** sha256 of the token, to close the socket when its session is revoked. */
    static final UserData.TypedKey<String> SESSION = UserData.TypedKey.forString("rallypoint.session");

    private static final Logger LOG = Logger.getLogger(SessionUpgradeCheck.class);

    private final Sessions sessions;
    private final JwtPlayers jwtPlayers;

    SessionUpgradeCheck(Sessions sessions, JwtPlayers jwtPlayers) {
        this.sessions = sessions;
        this.jwtPlayers = jwtPlayers;
    }

    @Override
    public Uni<CheckResult> perform(HttpUpgradeContext context) {
        String token = SessionTokens.find(context.httpRequest());
        if (token == null) {
            return CheckResult.rejectUpgrade(401);
        }
        if (SessionTokens.isJwt(token)) {
            return jwtPlayers.verify(token).map(found -> found.map(player -> {
                context.userData().put(PLAYER_ID, player.playerId());
                context.userData().put(NAME, player.name() == null ? player.playerId() : player.name());
                return CheckResult.permitUpgradeSync();
            }).orElseGet(() -> CheckResult.rejectUpgradeSync(401)));
        }
        return sessions.touch(token)
                .map(found -> found.map(session -> {
                    context.userData().put(PLAYER_ID, session.playerId());
                    context.userData().put(NAME, session.name());
                    context.userData().put(SESSION, SessionKeys.sha256(token));
                    return CheckResult.permitUpgradeSync();
                }).orElseGet(() -> CheckResult.rejectUpgradeSync(401)))
                .onFailure(RedisUnavailable::is).recoverWithItem(failure -> {
                    LOG.warnf("Redis unavailable: %s", failure.toString());
                    return CheckResult.rejectUpgradeSync(503);
                });
    }
}
