package dev.rallypoint.leaderboard.board;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rallypoint.common.auth.Player;
import dev.rallypoint.common.problem.ProblemException;
import dev.rallypoint.common.problem.QueryNumbers;
import dev.rallypoint.leaderboard.board.BoardMessages.Entry;
import dev.rallypoint.leaderboard.board.BoardMessages.Page;
import dev.rallypoint.leaderboard.score.ScoreMessages.Submitted;
import dev.rallypoint.leaderboard.score.ScoreRequest;
import dev.rallypoint.leaderboard.score.ScoreSubmitter;
import dev.rallypoint.common.auth.PlayerIds;
import dev.rallypoint.common.auth.ServerKeyAuthMechanism;
import dev.rallypoint.common.auth.SessionIdentityProvider;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.core.Response;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;

/**
 * {@code /api/leaderboard}: submit a score, read a page, one player, or the players around one.
 * A game server with the scope {@code scores} submits, corrects or removes any player's score.
 */
@Path("/api/leaderboard")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({SessionIdentityProvider.ROLE, ServerKeyAuthMechanism.ROLE})
public class LeaderboardResource {

    private static final String SCORES = "server:scores";

    private final ScoreSubmitter submitter;
    private final BoardReads reads;
    private final Boards boards;
    private final Periods periods;

    LeaderboardResource(ScoreSubmitter submitter, BoardReads reads, Boards boards, Periods periods) {
        this.submitter = submitter;
        this.reads = reads;
        this.boards = boards;
        this.periods = periods;
    }

    @POST
    @RolesAllowed(SessionIdentityProvider.ROLE)
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<Submitted> submit(JsonNode body, @Context SecurityIdentity identity) {
        return submitter.submit(Player.of(identity), ScoreRequest.of(body));
    }

    /** {@code {"score"}} for that player, as the board's operator keeps it. */
    @POST
    @Path("/{board}/players/{playerId}")
    @RolesAllowed(SCORES)
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<Submitted> submitFor(@PathParam("board") String board, @PathParam("playerId") String playerId, JsonNode body) {
        return submitter.submitAsServer(PlayerIds.validate(playerId), ScoreRequest.of(board, body), false);
    }

    /** {@code {"score"}} replaces that player's score, whatever the board keeps. */
    @PUT
    @Path("/{board}/players/{playerId}")
    @RolesAllowed(SCORES)
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<Submitted> correct(@PathParam("board") String board, @PathParam("playerId") String playerId, JsonNode body) {
        return submitter.submitAsServer(PlayerIds.validate(playerId), ScoreRequest.of(board, body), true);
    }

    @DELETE
    @Path("/{board}/players/{playerId}")
    @RolesAllowed(SCORES)
    public Uni<Response> remove(@PathParam("board") String board, @PathParam("playerId") String playerId) {
        return submitter.remove(board, PlayerIds.validate(playerId)).map(removed -> {
            if (!removed) {
                throw noScore(board);
            }
            return Response.noContent().build();
        });
    }

    @GET
    @Path("/{board}")
    public Uni<Page> page(@PathParam("board") String board, @QueryParam("count") String count,
                          @QueryParam("offset") String offset, @QueryParam("period") String period) {
        BoardSettings settings = boards.settings(board);
        BoardKeys keys = new BoardKeys(board, periods.requested(settings.reset(), period));
        int size = (int) QueryNumbers.of("count", count, 10, 1, 100);
        long first = QueryNumbers.of("offset", offset, 0, 0, Integer.MAX_VALUE);
        return reads.page(board, periodOf(keys), keys, settings, first, size);
    }

    @GET
    @Path("/{board}/players/{playerId}")
    public Uni<Entry> player(@PathParam("board") String board, @PathParam("playerId") String playerId,
                             @QueryParam("period") String period) {
        BoardSettings settings = boards.settings(board);
        BoardKeys keys = new BoardKeys(board, periods.requested(settings.reset(), period));
        return reads.entry(keys, settings, playerId).map(entry -> entry.orElseThrow(() -> noScore(board)));
    }

    /** {@code count} entries with the player in the middle, moved inward at the top and the bottom of the board. */
    @GET
    @Path("/{board}/around/{playerId}")
    public Uni<Page> around(@PathParam("board") String board, @PathParam("playerId") String playerId,
                            @QueryParam("count") String count, @QueryParam("period") String period) {
        BoardSettings settings = boards.settings(board);
        BoardKeys keys = new BoardKeys(board, periods.requested(settings.reset(), period));
        int size = (int) QueryNumbers.of("count", count, 5, 1, 100);
        return reads.around(board, periodOf(keys), keys, settings, playerId, size)
                .map(page -> page.orElseThrow(() -> noScore(board)));
    }

    private static String periodOf(BoardKeys keys) {
        return Periods.ALL.equals(keys.period()) ? null : keys.period();
    }

    private static ProblemException noScore(String board) {
        return ProblemException.notFound("no-score", "This player has no score on " + board + ".");
    }
}
