package dev.rallypoint.matchmaker.room;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rallypoint.common.problem.Problem;
import dev.rallypoint.common.problem.ProblemException;
import dev.rallypoint.common.problem.QueryNumbers;
import dev.rallypoint.matchmaker.protocol.MatchException;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.List;

/**
 * {@code /api/rooms}, for a studio's game servers (a server key with the scope {@code rooms}):
 * the rooms of a mode that have not ended, and the result of a game, which ends it at once
 * (resolution {@code server}) under any results policy.
 */
@Path("/api/rooms")
@RolesAllowed("server:rooms")
@Produces(MediaType.APPLICATION_JSON)
public class RoomsResource {

    private final RoomDirectory directory;
    private final Verdicts verdicts;

    RoomsResource(RoomDirectory directory, Verdicts verdicts) {
        this.directory = directory;
        this.verdicts = verdicts;
    }

    @GET
    public Uni<List<Room.Listed>> list(@QueryParam("mode") String mode, @QueryParam("offset") String offset,
                                       @QueryParam("count") String count) {
        if (mode == null || mode.isEmpty()) {
            throw ProblemException.badRequest("invalid-mode", "?mode= names the mode whose rooms to list.");
        }
        return directory.list(mode, (int) QueryNumbers.of("offset", offset, 0, 0, Integer.MAX_VALUE),
                (int) QueryNumbers.of("count", count, 50, 1, 500));
    }

    /** {@code {"winner": "<playerId>"}}, or {@code {"winner": null}} for a game without one. */
    @POST
    @Path("/{mode}/{roomId}/result")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<Response> result(@PathParam("mode") String mode, @PathParam("roomId") String roomId, JsonNode body) {
        JsonNode winner = body == null || !body.isObject() ? null : body.get("winner");
        if (winner == null || !(winner.isTextual() || winner.isNull())) {
            throw ProblemException.badRequest("invalid-winner",
                    "The body names the winner: {\"winner\": \"<playerId>\"}, or {\"winner\": null} for none.");
        }
        return verdicts.reportAsServer(new RoomRef(mode, roomId), winner.isNull() ? null : winner.asText())
                .replaceWith(Response.noContent().build());
    }

    /** The room scripts' refusals, as problem+json. */
    @ServerExceptionMapper
    public Response refused(MatchException refusal) {
        return switch (refusal.code()) {
            case "unknown_mode", "not_in_room" -> Problem.of(404, "room-not-found", "Not found",
                    "No room of that mode has that id.").toResponse();
            case "not_playing" -> Problem.of(409, "not-playing", "Conflict", refusal.getMessage()).toResponse();
            case "invalid_winner" -> Problem.of(400, "invalid-winner", "Bad request", refusal.getMessage()).toResponse();
            default -> Problem.of(500, "internal", "Internal server error", refusal.getMessage()).toResponse();
        };
    }
}
