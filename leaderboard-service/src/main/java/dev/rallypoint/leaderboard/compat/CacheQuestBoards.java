package dev.rallypoint.leaderboard.compat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rallypoint.common.auth.Player;
import dev.rallypoint.common.auth.SessionIdentityProvider;
import dev.rallypoint.common.compat.CacheQuestSwitch;
import dev.rallypoint.common.problem.ProblemException;
import dev.rallypoint.common.problem.QueryNumbers;
import dev.rallypoint.common.redis.PipelinedRedis;
import dev.rallypoint.leaderboard.board.BoardKeys;
import dev.rallypoint.leaderboard.board.BoardMessages.Entry;
import dev.rallypoint.leaderboard.board.BoardReads;
import dev.rallypoint.leaderboard.board.BoardSettings;
import dev.rallypoint.leaderboard.board.Boards;
import dev.rallypoint.leaderboard.board.Periods;
import dev.rallypoint.leaderboard.score.ScoreMessages.Submitted;
import dev.rallypoint.leaderboard.score.ScoreRequest;
import dev.rallypoint.leaderboard.score.ScoreSubmitter;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Response;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Boards as a game written for the Cache Quest backend uses them. Its key is the board's name
 * (so {@code leaderboards:survivor-forest} is that board in the native API too), and its member
 * "{@code <name>-<id>}" is the caller, whose id is the player's: the score is the player's, under
 * the board's own rules (keep-best unless configured otherwise; a lower score changes nothing).
 * The member string the game sent is kept beside the board and given back as {@code value}.
 */
@Path(CacheQuestSwitch.PREFIX + "/api/leaderboard")
@Produces(MediaType.APPLICATION_JSON)
public class CacheQuestBoards {

    /** Longest name part of a member. */
    private static final int MAX_NAME = 64;

    private final ScoreSubmitter submitter;
    private final BoardReads reads;
    private final Boards boards;
    private final Periods periods;
    private final PipelinedRedis redis;

    CacheQuestBoards(ScoreSubmitter submitter, BoardReads reads, Boards boards, Periods periods, PipelinedRedis redis) {
        this.submitter = submitter;
        this.reads = reads;
        this.boards = boards;
        this.periods = periods;
        this.redis = redis;
    }

    /** One entry of a board as the game reads it. */
    @RegisterForReflection
    public record Member(String value, long score) {
    }

    /** {@code {"key", "score", "member"}}: the caller's score on that board. */
    @POST
    @RolesAllowed(SessionIdentityProvider.ROLE)
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<Submitted> submit(JsonNode body, @Context SecurityIdentity identity) {
        if (body == null || !body.isObject()) {
            throw ProblemException.badRequest("not-an-object", "The body must be a JSON object.");
        }
        JsonNode key = body.get("key");
        if (key == null || !key.isTextual()) {
            throw ProblemException.badRequest("invalid-leaderboard", "\"key\" must be a board name.");
        }
        String board = key.asText();
        Player player = Player.of(identity);
        String member = member(body.get("member"), player.playerId());
        return submitter.submit(player, ScoreRequest.of(board, body))
                .call(() -> redis.execute(Command.HSET, members(board), player.playerId(), member));
    }

    /** The board's first {@code count} entries, best first: {@code [{"value", "score"}]}. */
    @GET
    @Path("/{key}")
    @RolesAllowed(SessionIdentityProvider.ROLE)
    public Uni<List<Member>> top(@PathParam("key") String board, @QueryParam("count") String count) {
        BoardSettings settings = boards.settings(board);
        BoardKeys keys = new BoardKeys(board, periods.current(settings.reset()));
        int size = (int) QueryNumbers.of("count", count, 10, 1, 100);
        return reads.page(board, null, keys, settings, 0, size).chain(page -> {
            List<Entry> entries = page.entries();
            if (entries.isEmpty()) {
                return Uni.createFrom().item(List.<Member>of());
            }
            Object[] fields = Stream.concat(Stream.of(members(board)), entries.stream().map(Entry::playerId)).toArray();
            return redis.execute(Command.HMGET, fields).map(sent -> {
                List<Member> top = new ArrayList<>(entries.size());
                for (int i = 0; i < entries.size(); i++) {
                    Entry entry = entries.get(i);
                    Response value = sent.get(i);
                    top.add(new Member(value != null ? value.toString() : entry.name() + "-" + entry.playerId(), entry.score()));
                }
                return top;
            });
        });
    }

    /** The member must be the caller's: "{@code <name>-<playerId>}" with a name of 1 to 64 characters. */
    private static String member(JsonNode member, String playerId) {
        String suffix = "-" + playerId;
        if (member == null || !member.isTextual() || !member.asText().endsWith(suffix)
                || member.asText().length() <= suffix.length() || member.asText().length() > suffix.length() + MAX_NAME) {
            throw ProblemException.badRequest("invalid-member",
                    "\"member\" must be \"<name>-<id>\": a name of 1 to " + MAX_NAME + " characters, then the session's id.");
        }
        return member.asText();
    }

    /** {@code lb:{<board>}:compat-members}: playerId -> the member string the game last sent, on the board's slot. */
    private static String members(String board) {
        return "lb:{" + board + "}:compat-members";
    }
}
