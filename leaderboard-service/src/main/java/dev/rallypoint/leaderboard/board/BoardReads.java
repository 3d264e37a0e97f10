package dev.rallypoint.leaderboard.board;

import dev.rallypoint.leaderboard.board.BoardMessages.Entry;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.hash.ReactiveHashCommands;
import io.quarkus.redis.datasource.sortedset.ReactiveSortedSetCommands;
import io.quarkus.redis.datasource.sortedset.ScoredValue;
import io.quarkus.redis.datasource.sortedset.ZRangeArgs;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads a board: a range of ranks, one player's rank, and the names beside them. Names come
 * from each player's own hash, all requested at once, so a rename shows on every board.
 */
@ApplicationScoped
public class BoardReads {

    private final ReactiveSortedSetCommands<String, String> zsets;
    private final ReactiveHashCommands<String, String, String> hashes;

    BoardReads(ReactiveRedisDataSource redis) {
        this.zsets = redis.sortedSet(String.class);
        this.hashes = redis.hash(String.class);
    }

    public Uni<Long> total(BoardKeys keys) {
        return zsets.zcard(keys.scores());
    }

    /** Entries from rank {@code first} (0-based) on, at most {@code count} of them. */
    public Uni<List<Entry>> range(BoardKeys keys, BoardSettings settings, long first, int count) {
        ZRangeArgs args = new ZRangeArgs();
        if (settings.order() == BoardSettings.Order.DESC) {
            args.rev();
        }
        return zsets.zrangeWithScores(keys.scores(), first, first + count - 1, args)
                .chain(values -> named(values, first));
    }

    /** The 0-based rank of a player, empty when the player has no score on the board. */
    public Uni<Optional<Long>> rank(BoardKeys keys, BoardSettings settings, String playerId) {
        Uni<Long> rank = settings.order() == BoardSettings.Order.DESC
                ? zsets.zrevrank(keys.scores(), playerId)
                : zsets.zrank(keys.scores(), playerId);
        return rank.map(Optional::ofNullable);
    }

    public Uni<Optional<Entry>> entry(BoardKeys keys, BoardSettings settings, String playerId) {
        return Uni.combine().all().unis(rank(keys, settings, playerId), zsets.zscore(keys.scores(), playerId),
                        hashes.hget(BoardKeys.player(playerId), "name"))
                .with((rank, score, name) -> rank.isEmpty() || score == null
                        ? Optional.empty()
                        : Optional.of(new Entry(rank.get() + 1, playerId, name, ScoreCodec.score(score))));
    }

    private Uni<List<Entry>> named(List<ScoredValue<String>> values, long first) {
        if (values.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        // One HGET per entry, all in flight at once: the keys may sit in different cluster slots.
        List<Uni<String>> names = values.stream()
                .map(value -> hashes.hget(BoardKeys.player(value.value()), "name"))
                .toList();
        return Uni.join().all(names).andFailFast().map(resolved -> {
            List<Entry> entries = new ArrayList<>(values.size());
            for (int i = 0; i < values.size(); i++) {
                ScoredValue<String> value = values.get(i);
                entries.add(new Entry(first + i + 1, value.value(), resolved.get(i), ScoreCodec.score(value.score())));
            }
            return entries;
        });
    }
}
