package dev.rallypoint.common.auth;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** Turns a session token into a player identity with the role {@code player}. */
@ApplicationScoped
public class SessionIdentityProvider implements IdentityProvider<SessionTokenRequest> {

    public static final String ROLE = "player";

    private final Sessions sessions;

    public SessionIdentityProvider(Sessions sessions) {
        this.sessions = sessions;
    }

    @Override
    public Class<SessionTokenRequest> getRequestType() {
        return SessionTokenRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(SessionTokenRequest request, AuthenticationRequestContext context) {
        return sessions.touch(request.token()).map(session -> session
                .map(SessionIdentityProvider::identity)
                .orElseThrow(() -> new AuthenticationFailedException("unknown or expired session")));
    }

    private static SecurityIdentity identity(StoredSession session) {
        return QuarkusSecurityIdentity.builder()
                .setPrincipal(new QuarkusPrincipal(session.playerId()))
                .addRole(ROLE)
                .addAttribute(Player.NAME_ATTRIBUTE, session.name())
                .build();
    }
}
