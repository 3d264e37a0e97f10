package dev.rallypoint.save.document;

import dev.rallypoint.common.auth.Player;
import dev.rallypoint.common.problem.ProblemException;
import dev.rallypoint.common.problem.QueryNumbers;
import dev.rallypoint.common.ratelimit.LocalLimiter;
import dev.rallypoint.common.ratelimit.Rate;
import dev.rallypoint.save.names.NameIndex;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import dev.rallypoint.common.auth.SessionIdentityProvider;
import dev.rallypoint.common.auth.PlayerIds;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

/**
 * {@code /api/playerstate} and {@code /api/gamestate}: each player's save documents, versioned
 * with strong ETags. {@code ?visibility=public|private} on a write sets who may read it. A player
 * writes its own document; a game server with the scope {@code saves} reads and writes any
 * player's under {@code /{playerId}}.
 */
@Path("/api/{kind}")
@RolesAllowed({SessionIdentityProvider.ROLE, DocumentResource.SAVES})
@Produces(MediaType.APPLICATION_JSON)
public class DocumentResource {

    static final String MERGE_PATCH = "application/merge-patch+json";
    static final String SAVES = "server:saves";

    private final DocumentService documents;
    private final NameIndex names;
    private final LocalLimiter searches;

    DocumentResource(DocumentService documents, NameIndex names, SaveConfig config) {
        this.documents = documents;
        this.names = names;
        this.searches = new LocalLimiter("search-rate-limited", "name searches",
                new Rate(config.limits().searchesBurst(), config.limits().searchesPerSecond()), 100_000);
    }

    /** The caller's document; on playerstate with {@code ?name=}, a search by name prefix. */
    @GET
    @RolesAllowed(SessionIdentityProvider.ROLE)
    public Uni<Response> readOwnOrSearch(@PathParam("kind") String kind, @QueryParam("name") String name,
                                         @QueryParam("limit") String limit,
                                         @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch,
                                         @Context UriInfo uri, @Context SecurityIdentity identity) {
        DocumentKind documentKind = DocumentKind.of(kind);
        // ?name= (empty) is a search too, and a bad one, rather than a read of one's own document.
        if (uri.getQueryParameters().containsKey("name")) {
            if (documentKind != DocumentKind.PLAYERSTATE) {
                throw ProblemException.badRequest("search-not-supported", "Search by name is on /api/playerstate.");
            }
            int count = (int) QueryNumbers.of("limit", limit, 20, 1, NameIndex.MAX_LIMIT);
            searches.acquire(Player.of(identity).playerId());
            return names.search(name == null ? "" : name, count).map(found -> Response.ok(found).build());
        }
        String playerId = Player.of(identity).playerId();
        return read(documentKind, playerId, playerId, ifNoneMatch);
    }

    /** One player's document: its owner's, a public one, or any for a game server. */
    @GET
    @Path("{playerId}")
    public Uni<Response> readOne(@PathParam("kind") String kind, @PathParam("playerId") String playerId,
                                 @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch,
                                 @Context SecurityIdentity identity) {
        String reader = identity.hasRole(SAVES) ? PlayerIds.validate(playerId) : Player.of(identity).playerId();
        return read(DocumentKind.of(kind), playerId, reader, ifNoneMatch);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(SessionIdentityProvider.ROLE)
    public Uni<Response> create(@PathParam("kind") String kind, @QueryParam("visibility") String visibility,
                                String body, @Context SecurityIdentity identity) {
        return created(kind, Player.of(identity).playerId(), visibility, body);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Path("{playerId}")
    @RolesAllowed(SAVES)
    public Uni<Response> create(@PathParam("kind") String kind, @PathParam("playerId") String playerId,
                                @QueryParam("visibility") String visibility, String body) {
        return created(kind, PlayerIds.validate(playerId), visibility, body);
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(SessionIdentityProvider.ROLE)
    public Uni<Response> replace(@PathParam("kind") String kind, @QueryParam("visibility") String visibility,
                                 @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch, String body,
                                 @Context SecurityIdentity identity) {
        return replaced(kind, Player.of(identity).playerId(), visibility, ifMatch, body);
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @Path("{playerId}")
    @RolesAllowed(SAVES)
    public Uni<Response> replace(@PathParam("kind") String kind, @PathParam("playerId") String playerId,
                                 @QueryParam("visibility") String visibility,
                                 @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch, String body) {
        return replaced(kind, PlayerIds.validate(playerId), visibility, ifMatch, body);
    }

    @PATCH
    @RolesAllowed(SessionIdentityProvider.ROLE)
    @Consumes({MERGE_PATCH, MediaType.APPLICATION_JSON})
    public Uni<Response> patch(@PathParam("kind") String kind, @QueryParam("visibility") String visibility,
                               @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch, String body,
                               @Context SecurityIdentity identity) {
        return patched(kind, Player.of(identity).playerId(), visibility, ifMatch, body);
    }

    @PATCH
    @Path("{playerId}")
    @RolesAllowed(SAVES)
    @Consumes({MERGE_PATCH, MediaType.APPLICATION_JSON})
    public Uni<Response> patch(@PathParam("kind") String kind, @PathParam("playerId") String playerId,
                               @QueryParam("visibility") String visibility,
                               @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch, String body) {
        return patched(kind, PlayerIds.validate(playerId), visibility, ifMatch, body);
    }

    @DELETE
    @RolesAllowed(SessionIdentityProvider.ROLE)
    public Uni<Response> delete(@PathParam("kind") String kind, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
                                @Context SecurityIdentity identity) {
        return deleted(kind, Player.of(identity).playerId(), ifMatch);
    }

    @DELETE
    @Path("{playerId}")
    @RolesAllowed(SAVES)
    public Uni<Response> delete(@PathParam("kind") String kind, @PathParam("playerId") String playerId,
                                @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        return deleted(kind, PlayerIds.validate(playerId), ifMatch);
    }

    private Uni<Response> created(String kind, String playerId, String visibility, String body) {
        return documents.create(DocumentKind.of(kind), playerId, body, Visibility.parse(visibility))
                .map(saved -> saved(Response.status(Response.Status.CREATED), saved));
    }

    private Uni<Response> replaced(String kind, String playerId, String visibility, String ifMatch, String body) {
        return documents.replace(DocumentKind.of(kind), playerId, body, ETags.expected(ifMatch), Visibility.parse(visibility))
                .map(saved -> saved(Response.ok(), saved));
    }

    private Uni<Response> patched(String kind, String playerId, String visibility, String ifMatch, String body) {
        return documents.patch(DocumentKind.of(kind), playerId, body, ETags.expected(ifMatch), Visibility.parse(visibility))
                .map(saved -> saved(Response.ok(), saved));
    }

    private Uni<Response> deleted(String kind, String playerId, String ifMatch) {
        return documents.delete(DocumentKind.of(kind), playerId, ETags.expected(ifMatch))
                .map(done -> Response.noContent().build());
    }

    private Uni<Response> read(DocumentKind kind, String playerId, String readerId, String ifNoneMatch) {
        return documents.read(kind, playerId, readerId).map(saved -> ETags.matches(ifNoneMatch, saved.version())
                ? Response.notModified().tag(ETags.of(saved.version())).build()
                : saved(Response.ok(), saved));
    }

    private static Response saved(Response.ResponseBuilder response, DocumentService.Saved saved) {
        return response.entity(saved.document()).type(MediaType.APPLICATION_JSON).tag(ETags.of(saved.version())).build();
    }
}
