package dev.rallypoint.common.auth;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Optional;
import java.util.Set;

/**
 * Authenticates a studio's game server by its key ({@link ServerKeys}): the identity
 * {@code server:<name>} with the role {@value #ROLE} and one role {@code server:<scope>} per
 * scope, and never the role {@code player}, so no player route takes it for a player. A key is
 * refused from a browser (a request with {@code Origin} or {@code Sec-Fetch-Site}): a key in a
 * web page is a leaked key.
 */
@ApplicationScoped
public class ServerKeyAuthMechanism implements HttpAuthenticationMechanism {

    public static final String ROLE = "server";
    private static final String SCHEME = "ServerKey ";

    private final ServerKeys keys;

    ServerKeyAuthMechanism(ServerKeys keys) {
        this.keys = keys;
    }

    /** The role a route of this scope requires, e.g. {@code server:scores}. */
    public static String role(String scope) {
        return ROLE + ":" + scope;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identities) {
        String presented = presentedKey(context.request());
        if (presented == null) {
            return Uni.createFrom().optional(Optional.empty());
        }
        if (context.request().getHeader(HttpHeaders.ORIGIN) != null || context.request().getHeader("Sec-Fetch-Site") != null) {
            return Uni.createFrom().failure(new AuthenticationFailedException("server keys are not accepted from a browser"));
        }
        return keys.find(presented)
                .map(key -> Uni.createFrom().item(identity(key)))
                .orElseGet(() -> Uni.createFrom().failure(new AuthenticationFailedException("unknown server key")));
    }

    private static SecurityIdentity identity(ServerKeys.Key key) {
        QuarkusSecurityIdentity.Builder identity = QuarkusSecurityIdentity.builder()
                .setPrincipal(new QuarkusPrincipal(ROLE + ":" + key.name()))
                .addRole(ROLE);
        key.scopes().forEach(scope -> identity.addRole(role(scope)));
        return identity.build();
    }

    static String presentedKey(HttpServerRequest request) {
        String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (authorization == null || !authorization.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
            return null;
        }
        String key = authorization.substring(SCHEME.length()).strip();
        return key.isEmpty() ? null : key;
    }

    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext context) {
        return Uni.createFrom().item(new ChallengeData(401, "WWW-Authenticate", "ServerKey"));
    }

    @Override
    public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
        return Set.of();
    }
}
