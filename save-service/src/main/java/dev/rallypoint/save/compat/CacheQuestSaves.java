package dev.rallypoint.save.compat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rallypoint.common.auth.Player;
import dev.rallypoint.common.auth.SessionConfig;
import dev.rallypoint.common.auth.SessionIdentityProvider;
import dev.rallypoint.common.auth.SessionTokens;
import dev.rallypoint.common.auth.Sessions;
import dev.rallypoint.common.compat.CacheQuestSwitch;
import dev.rallypoint.common.problem.ProblemException;
import dev.rallypoint.common.ratelimit.Networks;
import dev.rallypoint.common.ratelimit.Rate;
import dev.rallypoint.common.ratelimit.SharedLimiter;
import dev.rallypoint.save.document.DocumentKind;
import dev.rallypoint.save.document.DocumentService;
import dev.rallypoint.save.document.SaveConfig;
import dev.rallypoint.save.session.SessionRequest;
import dev.rallypoint.save.session.SessionResource;
import dev.rallypoint.save.session.SessionService;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.Map;

/**
 * Sessions and saves as a game written for the Cache Quest backend uses them, on Rallypoint's
 * own: the session id is the player's id, {@code playerData} is the player's playerstate and
 * {@code gameData} its gamestate, so the native API sees the same player and the same saves.
 * The session travels in the {@code sid} cookie only, as that game expects; writes take JSON,
 * which no other site's page can send with the cookie (SameSite=Lax, and no CORS credentials).
 */
@Path(CacheQuestSwitch.PREFIX)
@Produces(MediaType.APPLICATION_JSON)
public class CacheQuestSaves {

    /** Each kind and the member of the request body that holds its document. */
    private static final Map<String, String> WRAPPERS = Map.of("playerstate", "playerData", "gamestate", "gameData");

    private final SessionService sessionService;
    private final Sessions sessions;
    private final SessionConfig sessionConfig;
    private final DocumentService documents;
    private final SharedLimiter limiter;
    private final Rate sessionRate;
    private final ObjectMapper json;

    CacheQuestSaves(SessionService sessionService, Sessions sessions, SessionConfig sessionConfig, DocumentService documents,
                    SharedLimiter limiter, SaveConfig saveConfig, ObjectMapper json) {
        this.sessionService = sessionService;
        this.sessions = sessions;
        this.sessionConfig = sessionConfig;
        this.documents = documents;
        this.limiter = limiter;
        this.sessionRate = new Rate(saveConfig.limits().sessionsBurst(), saveConfig.limits().sessionsPerSecond());
        this.json = json;
    }

    /**
     * {@code {"id"}} of the caller's session; a caller without one gets a new one (a player with a
     * generated name) and its cookie, under the same limit per address as {@code POST /api/session}.
     */
    @GET
    @Path("/session")
    @PermitAll
    public Uni<Response> session(@Context HttpServerRequest request) {
        String token = SessionTokens.find(request);
        Uni<Response> current = token == null ? Uni.createFrom().nullItem() : sessions.touch(token)
                .map(found -> found.map(session -> Response.ok(Map.of("id", session.playerId())).build()).orElse(null));
        return current.chain(known -> known != null ? Uni.createFrom().item(known)
                : limiter.acquire("sessions", Networks.of(request.remoteAddress().hostAddress()), sessionRate,
                                "session-rate-limited", "new sessions from one address")
                        .chain(() -> sessionService.create(SessionRequest.EMPTY))
                        .map(session -> Response.ok(Map.of("id", session.playerId()))
                                .cookie(SessionResource.cookie(session.token(), (int) sessionConfig.ttl().toSeconds()))
                                .build()));
    }

    /** Creates the caller's document from {@code {"playerData": {...}}} (or gameData); one already there is replaced. */
    @POST
    @Path("/api/{kind}")
    @RolesAllowed(SessionIdentityProvider.ROLE)
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<Response> create(@PathParam("kind") String kind, String body, @Context SecurityIdentity identity) {
        DocumentKind documentKind = DocumentKind.of(kind);
        String playerId = Player.of(identity).playerId();
        String document = unwrap(kind, body, playerId);
        return documents.create(documentKind, playerId, document, null)
                .onFailure(ProblemException.class).recoverWithUni(failure -> ((ProblemException) failure).problem().status() == 409
                        ? documents.replace(documentKind, playerId, document, DocumentService.ANY_VERSION, null)
                        : Uni.createFrom().failure(failure))
                .map(CacheQuestSaves::document);
    }

    /** Replaces the caller's document; 404 when there is none yet (the game then POSTs). */
    @PATCH
    @Path("/api/{kind}")
    @RolesAllowed(SessionIdentityProvider.ROLE)
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<Response> replace(@PathParam("kind") String kind, String body, @Context SecurityIdentity identity) {
        String playerId = Player.of(identity).playerId();
        return documents.replace(DocumentKind.of(kind), playerId, unwrap(kind, body, playerId), DocumentService.ANY_VERSION, null)
                .map(CacheQuestSaves::document);
    }

    /** The document itself, as the game saved it; 404 for none, and for another player's private one. */
    @GET
    @Path("/api/{kind}/{playerId}")
    @RolesAllowed(SessionIdentityProvider.ROLE)
    public Uni<Response> read(@PathParam("kind") String kind, @PathParam("playerId") String playerId,
                              @Context SecurityIdentity identity) {
        return documents.read(DocumentKind.of(kind), playerId, Player.of(identity).playerId()).map(CacheQuestSaves::document);
    }

    /** The wrapped document, with its {@code id} set to the player's, as the original backend kept it. */
    private String unwrap(String kind, String body, String playerId) {
        String wrapper = WRAPPERS.get(kind);
        JsonNode request;
        try {
            request = body == null || body.isBlank() ? null : json.readTree(body);
        } catch (java.io.IOException e) {
            throw ProblemException.badRequest("invalid-json", "The body is not JSON.");
        }
        JsonNode document = request == null ? null : request.get(wrapper);
        if (document == null || !document.isObject()) {
            throw ProblemException.badRequest("not-an-object", "The body must be {\"" + wrapper + "\": {...}}.");
        }
        ((ObjectNode) document).put("id", playerId);
        try {
            return json.writeValueAsString(document);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The document as stored: byte for byte what the game sent, with its id. */
    private static Response document(DocumentService.Saved saved) {
        return Response.ok(saved.document(), MediaType.APPLICATION_JSON).build();
    }
}
