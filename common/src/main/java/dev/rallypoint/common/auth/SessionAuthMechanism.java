package dev.rallypoint.common.auth;

import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Optional;
import java.util.Set;

/**
 * Authenticates requests that carry a session token (see {@link SessionTokens}); others stay
 * anonymous. It goes before Quarkus's JWT mechanism, which a session token would fail, and leaves
 * a JWT to it, unless that token verified lately (see {@link JwtPlayers}).
 */
@ApplicationScoped
public class SessionAuthMechanism implements HttpAuthenticationMechanism {

    private final JwtPlayers jwts;

    SessionAuthMechanism(JwtPlayers jwts) {
        this.jwts = jwts;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identities) {
        String token = SessionTokens.find(context.request());
        if (token == null) {
            return Uni.createFrom().optional(Optional.empty());
        }
        if (SessionTokens.isJwt(token)) {
            return Uni.createFrom().optional(Optional.ofNullable(jwts.known(token)));
        }
        var request = HttpSecurityUtils.setRoutingContextAttribute(new SessionTokenRequest(token), context);
        return identities.authenticate(request);
    }

    @Override
    public int getPriority() {
        return DEFAULT_PRIORITY + 1000;
    }

    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext context) {
        return Uni.createFrom().item(new ChallengeData(401, "WWW-Authenticate", "Bearer"));
    }

    @Override
    public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
        return Set.of(SessionTokenRequest.class);
    }
}
