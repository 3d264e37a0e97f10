package dev.rallypoint.leaderboard.score;

import dev.rallypoint.common.auth.Player;
import dev.rallypoint.common.problem.ProblemException;
import dev.rallypoint.common.redis.LuaScript;
import dev.rallypoint.common.redis.PipelinedRedis;
import dev.rallypoint.leaderboard.board.BoardKeys;
import dev.rallypoint.leaderboard.board.BoardSettings;
import dev.rallypoint.leaderboard.board.Boards;
import dev.rallypoint.leaderboard.board.Periods;
import dev.rallypoint.leaderboard.score.ScoreMessages.Submitted;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

/** Applies a player's score to a board with submit-score.lua: one round trip, atomic. */
@ApplicationScoped
public class ScoreSubmitter {

    private static final LuaScript SUBMIT = LuaScript.load("lua/leaderboard/submit-score.lua");

    private final PipelinedRedis redis;
    private final Boards boards;
    private final Periods periods;

    ScoreSubmitter(PipelinedRedis redis, Boards boards, Periods periods) {
        this.redis = redis;
        this.boards = boards;
        this.periods = periods;
    }

    public Uni<Submitted> submit(Player player, ScoreRequest request) {
        BoardSettings settings = boards.settings(request.leaderboard());
        if (Boards.WINS.equals(request.leaderboard())) {
            throw new ProblemException(403, "read-only-leaderboard", "Forbidden",
                    "The wins board counts finished matches; it takes no submissions.");
        }
        if (request.score() < settings.min() || request.score() > settings.max()) {
            throw ProblemException.badRequest("invalid-score", "\"score\" must lie from " + settings.min()
                    + " to " + settings.max() + " on this leaderboard.");
        }
        BoardKeys keys = new BoardKeys(request.leaderboard(), periods.current(settings.reset()));
        return SUBMIT.run(redis, keys.both(), List.of(player.playerId(), Long.toString(request.score()),
                        settings.operatorName(), settings.orderName(), Long.toString(periods.expiresAt(settings.reset()))))
                .onFailure(failure -> failure.getMessage() != null && failure.getMessage().startsWith("OUT_OF_RANGE"))
                .transform(failure -> ScoreRequest.invalid())
                .map(reply -> new Submitted(request.leaderboard(), player.playerId(), player.name(),
                        reply.get(0).toLong(), reply.get(1).toLong() + 1, reply.get(2).toInteger() == 1));
    }
}
