package dev.rallypoint.leaderboard.board;

import dev.rallypoint.common.redis.LuaScript;
import dev.rallypoint.common.redis.PipelinedRedis;
import dev.rallypoint.leaderboard.board.BoardMessages.Entry;
import dev.rallypoint.leaderboard.board.BoardMessages.Page;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads a board: a page of ranks, the page around one player, one player's entry. Each is one
 * script on the board's slot, then the names of the players on it.
 */
@ApplicationScoped
public class BoardReads {

    private static final LuaScript PAGE = LuaScript.load("lua/leaderboard/read-page.lua");
    private static final LuaScript AROUND = LuaScript.load("lua/leaderboard/read-around.lua");
    private static final LuaScript ENTRY = LuaScript.load("lua/leaderboard/read-entry.lua");

    private final PipelinedRedis redis;
    private final PlayerNames names;

    BoardReads(PipelinedRedis redis, PlayerNames names) {
        this.redis = redis;
        this.names = names;
    }

    /** Entries from rank {@code first} (0-based) on, at most {@code count} of them, and the board's size. */
    public Uni<Page> page(String board, String period, BoardKeys keys, BoardSettings settings, long first, int count) {
        return PAGE.run(redis, List.of(keys.scores()), List.of(settings.orderName(), Long.toString(first), Integer.toString(count)))
                .chain(reply -> named(reply, 1, first)
                        .map(entries -> new Page(board, period, reply.get(0).toLong(), entries)));
    }

    /** {@code count} entries with the player in the middle; empty when the player has no score. */
    public Uni<Optional<Page>> around(String board, String period, BoardKeys keys, BoardSettings settings,
                                      String playerId, int count) {
        return AROUND.run(redis, List.of(keys.scores()), List.of(settings.orderName(), playerId, Integer.toString(count)))
                .chain(reply -> reply == null
                        ? Uni.createFrom().item(Optional.<Page>empty())
                        : named(reply, 2, reply.get(1).toLong())
                                .map(entries -> Optional.of(new Page(board, period, reply.get(0).toLong(), entries))));
    }

    public Uni<Optional<Entry>> entry(BoardKeys keys, BoardSettings settings, String playerId) {
        return Uni.combine().all().unis(
                        ENTRY.run(redis, List.of(keys.scores()), List.of(settings.orderName(), playerId)),
                        names.of(List.of(playerId)))
                .with((reply, name) -> reply == null
                        ? Optional.empty()
                        : Optional.of(new Entry(reply.get(0).toLong() + 1, playerId, name.get(0),
                                ScoreCodec.score(reply.get(1).toDouble()))));
    }

    /** The (playerId, encoded score) pairs of a script reply from index {@code from} on, ranked from {@code first}. */
    private Uni<List<Entry>> named(Response reply, int from, long first) {
        int count = (reply.size() - from) / 2;
        List<String> playerIds = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            playerIds.add(reply.get(from + 2 * i).toString());
        }
        return names.of(playerIds).map(found -> {
            List<Entry> entries = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                entries.add(new Entry(first + i + 1, playerIds.get(i), found.get(i),
                        ScoreCodec.score(reply.get(from + 2 * i + 1).toDouble())));
            }
            return entries;
        });
    }
}
