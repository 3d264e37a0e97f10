package dev.rallypoint.save.friends;

import dev.rallypoint.common.auth.Player;
import dev.rallypoint.common.auth.PlayerIds;
import dev.rallypoint.common.auth.SessionIdentityProvider;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * {@code /api/friends}: the caller's friends with their presence, requests (sent, accepted by
 * sending one back), removal, and blocks, which stop requests and invites either way.
 */
@Path("/api/friends")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(SessionIdentityProvider.ROLE)
public class FriendsResource {

    /** {@code requested} until the other sends one back, then {@code friends}. */
    @RegisterForReflection
    public record Requested(String playerId, String status) {
    }

    private final Friendships friendships;

    FriendsResource(Friendships friendships) {
        this.friendships = friendships;
    }

    @GET
    public Uni<FriendList> list(@Context SecurityIdentity identity) {
        return friendships.list(Player.of(identity).playerId());
    }

    @POST
    @Path("/{playerId}")
    public Uni<Requested> request(@PathParam("playerId") String playerId, @Context SecurityIdentity identity) {
        String other = PlayerIds.validate(playerId);
        return friendships.request(Player.of(identity).playerId(), other).map(status -> new Requested(other, status));
    }

    @DELETE
    @Path("/{playerId}")
    public Uni<Response> remove(@PathParam("playerId") String playerId, @Context SecurityIdentity identity) {
        return friendships.remove(Player.of(identity).playerId(), PlayerIds.validate(playerId)).map(done -> Response.noContent().build());
    }

    @PUT
    @Path("/{playerId}/block")
    public Uni<Response> block(@PathParam("playerId") String playerId, @Context SecurityIdentity identity) {
        return friendships.block(Player.of(identity).playerId(), PlayerIds.validate(playerId)).map(done -> Response.noContent().build());
    }

    @DELETE
    @Path("/{playerId}/block")
    public Uni<Response> unblock(@PathParam("playerId") String playerId, @Context SecurityIdentity identity) {
        return friendships.unblock(Player.of(identity).playerId(), PlayerIds.validate(playerId)).map(done -> Response.noContent().build());
    }
}
