package dev.rallypoint.common.auth;

import dev.rallypoint.common.cache.ExpiringCache;
import dev.rallypoint.common.players.Names;
import dev.rallypoint.common.players.Profiles;
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

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Players of a studio's own identity provider: a JWT that Quarkus verified against the configured
 * issuer, audience and keys ({@code mp.jwt.verify.*}) is the player its {@code sub} names, with
 * the name in {@code rallypoint.jwt.name-claim}, and gets the role {@code player}, as a session
 * does. A {@code sub} that cannot be a Rallypoint player id (see {@link PlayerIds}) is refused.
 * <p>
 * The claim names the player in their profile, as a session login does, so the boards, rooms and
 * name search show it; a claim that breaks the {@link Names} rules is ignored, and the player
 * keeps the stored name or gets a generated one.
 * <p>
 * Verifying a signature costs far more than serving a request, so a token that verified is
 * known by its hash for {@link #KEEP_VERIFIED} (never past its expiry) and not verified again:
 * a key the provider withdraws stops working within that time.
 */
@ApplicationScoped
public class JwtPlayers implements SecurityIdentityAugmentor {

    private static final Duration KEEP_NAMES = Duration.ofMinutes(5);
    private static final int MAX_NAMES = 100_000;
    static final Duration KEEP_VERIFIED = Duration.ofMinutes(1);
    private static final int MAX_VERIFIED = 100_000;

    private final JWTParser parser;
    private final String nameClaim;
    private final Profiles profiles;
    // The name each player got from the claim it came with: the same claim again costs no Redis step.
    private final ExpiringCache<String, Named> named = new ExpiringCache<>(KEEP_NAMES, MAX_NAMES);
    // Players of tokens verified lately, by the token's SHA-256.
    private final ExpiringCache<String, Player> verified = new ExpiringCache<>(KEEP_VERIFIED, MAX_VERIFIED);

    private record Named(String claim, String name) {
    }

    JwtPlayers(JWTParser parser, @ConfigProperty(name = "rallypoint.jwt.name-claim", defaultValue = "name") String nameClaim,
               Profiles profiles) {
        this.parser = parser;
        this.nameClaim = nameClaim;
        this.profiles = profiles;
    }

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (!(identity.getPrincipal() instanceof JsonWebToken token)) {
            return Uni.createFrom().item(identity);
        }
        return player(token).map(JwtPlayers::identity);
    }

    /** The identity of a token verified lately, without verifying it again; null when none is known. */
    SecurityIdentity known(String jwt) {
        Player player = verified.get(SessionKeys.sha256(jwt));
        return player == null ? null : identity(player);
    }

    private static SecurityIdentity identity(Player player) {
        return QuarkusSecurityIdentity.builder()
                .setPrincipal(new QuarkusPrincipal(player.playerId()))
                .addRole(SessionIdentityProvider.ROLE)
                .addAttribute(Player.NAME_ATTRIBUTE, player.name())
                .build();
    }

    /** The player of a JWT given outside an HTTP request (a WebSocket's {@code ?token=}); empty when it does not verify. */
    public Uni<Optional<Player>> verify(String jwt) {
        Player known = verified.get(SessionKeys.sha256(jwt));
        if (known != null) {
            return Uni.createFrom().item(Optional.of(known));
        }
        // Verifying may fetch the provider's keys (JWKS) over HTTP: not on an event loop.
        return Uni.createFrom().item(() -> {
                    try {
                        return parser.parse(jwt);
                    } catch (ParseException refused) {
                        return null;
                    }
                })
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .onItem().ifNotNull().transformToUni(this::player)
                .map(Optional::ofNullable)
                .onFailure(AuthenticationFailedException.class).recoverWithItem(Optional.empty());
    }

    private Uni<Player> player(JsonWebToken token) {
        String playerId = token.getSubject();
        if (playerId == null || !PlayerIds.isValid(playerId)) {
            return Uni.createFrom().failure(new AuthenticationFailedException("the token's sub is not a usable player id"));
        }
        return named(playerId, token).invoke(player -> {
            // A token about to expire is verified each time, so that it is never taken after its expiry.
            if (token.getRawToken() != null
                    && token.getExpirationTime() - Instant.now().getEpochSecond() > KEEP_VERIFIED.toSeconds()) {
                verified.put(SessionKeys.sha256(token.getRawToken()), player);
            }
        });
    }

    private Uni<Player> named(String playerId, JsonWebToken token) {
        String claimed = token.getClaim(nameClaim) instanceof String text ? Names.ifValid(text).orElse(null) : null;
        Named known = named.get(playerId);
        if (known != null && Objects.equals(known.claim(), claimed)) {
            return Uni.createFrom().item(new Player(playerId, known.name()));
        }
        // Redis away: the player is still who the token says, named by the claim for now.
        return profiles.rename(playerId, claimed, Names.generated())
                .invoke(name -> named.put(playerId, new Named(claimed, name)))
                .map(name -> new Player(playerId, name))
                .onFailure().recoverWithItem(() -> new Player(playerId, claimed));
    }
}
