package dev.rallypoint.leaderboard.score;

import dev.rallypoint.common.auth.Player;
import dev.rallypoint.common.problem.ProblemException;
import dev.rallypoint.common.redis.LuaScript;
import dev.rallypoint.common.redis.PipelinedRedis;
import dev.rallypoint.leaderboard.board.BoardKeys;
import dev.rallypoint.leaderboard.board.BoardSettings;
import dev.rallypoint.leaderboard.board.Boards;
import dev.rallypoint.leaderboard.board.LeaderboardConfig;
import dev.rallypoint.common.ratelimit.LocalLimiter;
import dev.rallypoint.common.ratelimit.Rate;
import dev.rallypoint.common.ratelimit.SharedLimiter;
import dev.rallypoint.leaderboard.board.Periods;
import dev.rallypoint.leaderboard.board.PlayerNames;
import dev.rallypoint.leaderboard.score.ScoreMessages.Submitted;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Command;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Applies a player's score to a board with submit-score.lua: one round trip, atomic. */
@ApplicationScoped
public class ScoreSubmitter {

    private static final LuaScript SUBMIT = LuaScript.load("lua/leaderboard/submit-score.lua");

    // Boards this instance has seen with scores: their submissions skip the check for a new board.
    private static final int MAX_KNOWN_BOARDS = 10_000;

    private final PipelinedRedis redis;
    private final PlayerNames names;
    private final Boards boards;
    private final Periods periods;
    private final LocalLimiter submissions;
    private final SharedLimiter limiter;
    private final Rate newBoards;
    private final boolean onlyConfiguredBoards;
    private final Set<String> knownBoards = ConcurrentHashMap.newKeySet();

    ScoreSubmitter(PipelinedRedis redis, PlayerNames names, Boards boards, Periods periods, SharedLimiter limiter,
                   LeaderboardConfig config) {
        this.redis = redis;
        this.names = names;
        this.boards = boards;
        this.periods = periods;
        this.limiter = limiter;
        LeaderboardConfig.Limits limits = config.limits();
        this.submissions = new LocalLimiter("submission-rate-limited", "score submissions",
                new Rate(limits.submissionsBurst(), limits.submissionsPerSecond()), 100_000);
        this.newBoards = new Rate(limits.newBoardsBurst(), limits.newBoardsPerSecond());
        this.onlyConfiguredBoards = switch (config.openBoards()) {
            case "any" -> false;
            case "configured" -> true;
            default -> throw new IllegalStateException("rallypoint.leaderboard.open-boards is any or configured, not "
                    + config.openBoards());
        };
    }

    /** A player's own score: refused on reserved boards and on boards only a game server submits to. */
    public Uni<Submitted> submit(Player player, ScoreRequest request) {
        BoardSettings settings = boards.settings(request.leaderboard());
        if (boards.reserved(request.leaderboard())) {
            throw ProblemException.forbidden("read-only-leaderboard",
                    "The services feed this board themselves (wins counts finished matches, rating-<mode> shows ratings); it takes no submissions.");
        }
        if (settings.submit() == BoardSettings.Submit.SERVER) {
            throw ProblemException.forbidden("server-submissions-only",
                    "Scores on this leaderboard come from the game server.");
        }
        submissions.acquire(player.playerId());
        return mayOpen(player, request.leaderboard(), settings)
                .chain(() -> apply(player, request, settings, settings.operator(), settings.maxChange(),
                        settings.minIntervalMillis()))
                .invoke(() -> remember(request.leaderboard()));
    }

    /** A player's score on a board without scores opens it: limited per player, or refused where only configured boards open. */
    private Uni<Void> mayOpen(Player player, String board, BoardSettings settings) {
        if (knownBoards.contains(board)) {
            return Uni.createFrom().voidItem();
        }
        BoardKeys keys = new BoardKeys(board, periods.current(settings.reset()));
        return redis.execute(Command.EXISTS, keys.scores()).chain(exists -> {
            if (exists.toLong() == 1) {
                return Uni.createFrom().voidItem();
            }
            if (onlyConfiguredBoards && !boards.configured(board)) {
                throw ProblemException.forbidden("unknown-leaderboard",
                        "This game has no leaderboard of that name; a game server can open one.");
            }
            return limiter.acquire("boards", player.playerId(), newBoards, "board-rate-limited", "new leaderboards from one player");
        });
    }

    private static void refuseRatingBoard(String board) {
        if (Boards.rated(board)) {
            throw ProblemException.forbidden("read-only-leaderboard",
                    "A rating board shows the ratings of finished matches; it takes no scores, not even a server's.");
        }
    }

    private void remember(String board) {
        if (knownBoards.size() >= MAX_KNOWN_BOARDS) {
            knownBoards.clear();
        }
        knownBoards.add(board);
    }

    /**
     * A game server's score for any player, on any board: trusted, so neither max-change nor
     * min-interval applies, only min and max. With {@code correct} the score replaces the
     * player's whatever the board's operator (a correction).
     */
    public Uni<Submitted> submitAsServer(String playerId, ScoreRequest request, boolean correct) {
        BoardSettings settings = boards.settings(request.leaderboard());
        refuseRatingBoard(request.leaderboard());
        BoardSettings.Operator operator = correct ? BoardSettings.Operator.SET : settings.operator();
        return names.of(List.of(playerId)).chain(name ->
                apply(new Player(playerId, name.get(0)), request, settings, operator, BoardSettings.ANY_CHANGE, 0));
    }

    /** Takes a player's score off the board's current period; false when there was none. */
    public Uni<Boolean> remove(String board, String playerId) {
        BoardSettings settings = boards.settings(board);
        refuseRatingBoard(board);
        BoardKeys keys = new BoardKeys(board, periods.current(settings.reset()));
        return redis.execute(Command.ZREM, keys.scores(), playerId).map(removed -> removed.toLong() == 1);
    }

    private Uni<Submitted> apply(Player player, ScoreRequest request, BoardSettings settings,
                                 BoardSettings.Operator operator, long maxChange, long minIntervalMillis) {
        if (request.score() < settings.min() || request.score() > settings.max()) {
            throw ProblemException.badRequest("invalid-score", "\"score\" must lie from " + settings.min()
                    + " to " + settings.max() + " on this leaderboard.");
        }
        if (operator == BoardSettings.Operator.INCR && Math.abs(request.score()) > maxChange) {
            throw implausible(settings);
        }
        BoardKeys keys = new BoardKeys(request.leaderboard(), periods.current(settings.reset()));
        List<String> keyList = List.of(keys.scores(), keys.ties(), keys.wait(player.playerId()));
        return SUBMIT.run(redis, keyList, List.of(player.playerId(), Long.toString(request.score()),
                        operator.name().toLowerCase(), settings.orderName(), Long.toString(periods.expiresAt(settings.reset())),
                        Long.toString(maxChange), Long.toString(minIntervalMillis)))
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
