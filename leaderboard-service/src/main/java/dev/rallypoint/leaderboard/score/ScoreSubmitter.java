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
        if (boards.reserved(request.leaderboard())) {
            throw new ProblemException(403, "read-only-leaderboard", "Forbidden",
                    "The services feed this board themselves (wins counts finished matches); it takes no submissions.");
        }
        if (request.score() < settings.min() || request.score() > settings.max()) {
            throw ProblemException.badRequest("invalid-score", "\"score\" must lie from " + settings.min()
                    + " to " + settings.max() + " on this leaderboard.");
        }
        if (settings.operator() == BoardSettings.Operator.INCR && Math.abs(request.score()) > settings.maxChange()) {
            throw implausible(settings);
        }
        BoardKeys keys = new BoardKeys(request.leaderboard(), periods.current(settings.reset()));
        List<String> keyList = List.of(keys.scores(), keys.ties(), keys.wait(player.playerId()));
        return SUBMIT.run(redis, keyList, List.of(player.playerId(), Long.toString(request.score()),
                        settings.operatorName(), settings.orderName(), Long.toString(periods.expiresAt(settings.reset())),
                        Long.toString(settings.maxChange()), Long.toString(settings.minIntervalMillis())))
                .onFailure(failure -> refusal(failure, "OUT_OF_RANGE"))
                .transform(failure -> ScoreRequest.invalid())
                .onFailure(failure -> refusal(failure, "IMPLAUSIBLE"))
                .transform(failure -> implausible(settings))
                .onFailure(failure -> refusal(failure, "TOO_SOON"))
                .transform(failure -> tooSoon(failure.getMessage()))
                .map(reply -> new Submitted(request.leaderboard(), player.playerId(), player.name(),
                        reply.get(0).toLong(), reply.get(1).toLong() + 1, reply.get(2).toInteger() == 1));
    }

    private static boolean refusal(Throwable failure, String code) {
        return failure.getMessage() != null && failure.getMessage().startsWith(code + " ");
    }

    private static ProblemException implausible(BoardSettings settings) {
        return ProblemException.badRequest("implausible-score", "A score on this leaderboard changes by at most "
                + settings.maxChange() + " in one submission.");
    }

    /** 429 with Retry-After: the script said how many ms are left. */
    private static ProblemException tooSoon(String message) {
        long millis = Long.parseLong(message.substring("TOO_SOON ".length()).trim());
        long seconds = Math.max(1, (millis + 999) / 1000);
        return ProblemException.tooManyRequests("submission-too-soon",
                "One submission to this leaderboard per interval: try again in " + seconds + " s.", seconds);
    }
}
