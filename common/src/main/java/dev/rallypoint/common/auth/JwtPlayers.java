package dev.rallypoint.common.auth;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.util.Optional;

/**
 * Players of a studio's own identity provider: a JWT that Quarkus verified against the configured
 * issuer, audience and keys ({@code mp.jwt.verify.*}) is the player its {@code sub} names, with
 * the name in {@code rallypoint.jwt.name-claim}, and gets the role {@code player}, as a session
 * does. A {@code sub} that cannot be a Rallypoint player id (see {@link PlayerIds}) is refused.
 */
@ApplicationScoped
public class JwtPlayers implements SecurityIdentityAugmentor {

    private final JWTParser parser;
    private final String nameClaim;

    JwtPlayers(JWTParser parser, @ConfigProperty(name = "rallypoint.jwt.name-claim", defaultValue = "name") String nameClaim) {
        this.parser = parser;
        this.nameClaim = nameClaim;
    }

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (!(identity.getPrincipal() instanceof JsonWebToken token)) {
            return Uni.createFrom().item(identity);
        }
        Player player = player(token);
        return Uni.createFrom().item(QuarkusSecurityIdentity.builder()
                .setPrincipal(new QuarkusPrincipal(player.playerId()))
                .addRole(SessionIdentityProvider.ROLE)
                .addAttribute(Player.NAME_ATTRIBUTE, player.name())
                .build());
    }

    /** The player of a JWT given outside an HTTP request (a WebSocket's {@code ?token=}); empty when it does not verify. */
    public Uni<Optional<Player>> verify(String jwt) {
        // Verifying may fetch the provider's keys (JWKS) over HTTP: not on an event loop.
        return Uni.createFrom().item(() -> {
                    try {
                        return Optional.of(player(parser.parse(jwt)));
                    } catch (ParseException | AuthenticationFailedException refused) {
                        return Optional.<Player>empty();
                    }
                })
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    private Player player(JsonWebToken token) {
        String playerId = token.getSubject();
        if (playerId == null || !PlayerIds.isValid(playerId)) {
            throw new AuthenticationFailedException("the token's sub is not a usable player id");
        }
        Object name = token.getClaim(nameClaim);
        return new Player(playerId, name == null ? null : name.toString());
    }
}
