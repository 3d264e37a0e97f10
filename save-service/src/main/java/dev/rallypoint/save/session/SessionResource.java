package dev.rallypoint.save.session;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rallypoint.common.auth.Player;
import dev.rallypoint.common.auth.SessionConfig;
import dev.rallypoint.common.auth.SessionKeys;
import dev.rallypoint.common.auth.SessionTokens;
import dev.rallypoint.common.auth.Sessions;
import dev.rallypoint.common.problem.ProblemException;
import jakarta.annotation.security.RolesAllowed;
import dev.rallypoint.common.auth.SessionIdentityProvider;
import dev.rallypoint.common.auth.ServerKeyAuthMechanism;
import dev.rallypoint.common.auth.PlayerIds;
import dev.rallypoint.common.ratelimit.Rate;
import dev.rallypoint.common.ratelimit.Networks;
import dev.rallypoint.common.ratelimit.SharedLimiter;
import dev.rallypoint.save.document.SaveConfig;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;

import java.net.URI;

/** {@code /api/session}: log in (create), look up and log out (revoke); rotate or revoke the device login. */
@Path("/api/session")
@Produces(MediaType.APPLICATION_JSON)
public class SessionResource {

    private final SessionService sessions;
    private final SessionConfig config;
    private final ObjectMapper json;
    private final Sessions cachedSessions;
    private final Devices devices;
    private final CurrentIdentityAssociation caller;
    private final SharedLimiter limiter;
    private final Rate sessionRate;

    SessionResource(SessionService sessions, SessionConfig config, ObjectMapper json, Sessions cachedSessions, Devices devices,
                    CurrentIdentityAssociation caller, SharedLimiter limiter, SaveConfig saveConfig) {
        this.limiter = limiter;
        this.sessionRate = new Rate(saveConfig.limits().sessionsBurst(), saveConfig.limits().sessionsPerSecond());
        this.caller = caller;
        this.devices = devices;
        this.cachedSessions = cachedSessions;
        this.sessions = sessions;
        this.config = config;
        this.json = json;
    }

    /**
     * The body is optional and read by hand, so a client may send none, or send it without a
     * content type. A {@code customId} (the studio's own account id) takes a server key with the
     * scope {@code sessions}.
     */
    @POST
    public Uni<Response> create(String body, @Context HttpServerRequest address) throws JsonProcessingException {
        SessionRequest request = body == null || body.isBlank() ? SessionRequest.EMPTY : parse(body);
        // A game server logs its own players in, many from one address: only clients are limited.
        Uni<Void> allowed = request.customId() == null
                ? limiter.acquire("sessions", Networks.of(address.remoteAddress().hostAddress()), sessionRate, "session-rate-limited",
                        "new sessions from one address")
                : caller.getDeferredIdentity().invoke(identity -> {
                    if (!identity.hasRole(ServerKeyAuthMechanism.role("sessions"))) {
                        throw ProblemException.forbidden("server-key-required",
                                "Logging in by customId takes a server key with the scope 'sessions'.");
                    }
                    PlayerIds.validate(request.customId());
                }).replaceWithVoid();
        return allowed.chain(() -> sessions.create(request)).map(session -> Response.created(URI.create("/api/session"))
                .cookie(cookie(session.token(), (int) config.ttl().toSeconds()))
                .entity(session)
                .build());
    }

    @GET
    @RolesAllowed(SessionIdentityProvider.ROLE)
    public SessionView get(@Context SecurityIdentity identity) {
        Player player = Player.of(identity);
        return new SessionView(player.playerId(), player.name(), null, sessions.expiryFromNow());
    }

    @DELETE
    @RolesAllowed(SessionIdentityProvider.ROLE)
    public Uni<Response> revoke(@Context HttpServerRequest request) {
        String token = SessionTokens.find(request);
        cachedSessions.forget(token);
        return sessions.revoke(token)
                .map(done -> Response.noContent().cookie(cookie("", 0)).build());
    }

    /** {@code POST /api/session/device {"deviceId"}}: the caller's device is now this one; the old one no longer logs in. */
    @POST
    @Path("/device")
    @RolesAllowed(SessionIdentityProvider.ROLE)
    public Uni<Response> rotateDevice(@Context SecurityIdentity identity, String body) throws JsonProcessingException {
        SessionRequest request = body == null || body.isBlank() ? SessionRequest.EMPTY : parse(body);
        if (request.deviceId() == null) {
            throw ProblemException.badRequest("invalid-device-id", "The body must name the new deviceId: {\"deviceId\": \"...\"}.");
        }
        String deviceId = DeviceIds.validate(request.deviceId());
        return devices.rotate(Player.of(identity).playerId(), deviceId).replaceWith(Response.noContent().build());
    }

    /** {@code DELETE /api/session/device}: the caller's device no longer logs in; the session stays. */
    @DELETE
    @Path("/device")
    @RolesAllowed(SessionIdentityProvider.ROLE)
    public Uni<Response> revokeDevice(@Context SecurityIdentity identity) {
        return devices.revoke(Player.of(identity).playerId()).replaceWith(Response.noContent().build());
    }

    /** Each field is a string or absent: {@code {"name": 42}} or {@code ["a"]} is refused, never coerced. */
    private SessionRequest parse(String body) throws JsonProcessingException {
        JsonNode request = json.readTree(body);
        if (request == null || !request.isObject()) {
            throw ProblemException.badRequest("not-an-object", "The body must be a JSON object.");
        }
        return new SessionRequest(text(request, "name", "invalid-name"), text(request, "deviceId", "invalid-device-id"),
                text(request, "customId", "invalid-player-id"));
    }

    private static String text(JsonNode request, String field, String slug) {
        JsonNode value = request.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw ProblemException.badRequest(slug, "\"" + field + "\" must be a string.");
        }
        return value.asText();
    }

    /**
     * The {@code sid} cookie: HttpOnly (no script reads it), SameSite=Lax (no other site's page
     * sends it with a write), for the whole origin.
     */
    public static NewCookie cookie(String token, int maxAgeSeconds) {
        return new NewCookie.Builder(SessionKeys.COOKIE)
                .value(token)
                .path("/")
                .httpOnly(true)
                .sameSite(NewCookie.SameSite.LAX)
                .maxAge(maxAgeSeconds)
                .build();
    }
}
