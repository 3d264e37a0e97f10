package dev.rallypoint.matchmaker.room;

import dev.rallypoint.common.problem.RedisUnavailable;
import io.smallrye.mutiny.Uni;

import java.time.Duration;
import java.util.function.Supplier;

/**
 * Seat changes that must not be lost to a Redis outage (a closed socket's drop, a leave, the
 * news that a party was seated): a seat left taken would never be freed, since this replica lives
 * on and no reaper comes. Each is attempted again, with back-off, until Redis answers; any
 * answer, a refusal too, ends it.
 */
public final class RedisRetry {

    private static final Duration FIRST = Duration.ofMillis(500);
    private static final Duration MAX = Duration.ofSeconds(5);
    // Past this the room has expired or its other players have left it by themselves.
    private static final Duration GIVE_UP_AFTER = Duration.ofHours(1);

    private RedisRetry() {
    }

    /** @param attempt builds the commands anew each time, so that each carries the time it runs at */
    public static Uni<Void> untilRedisAnswers(Supplier<Uni<Void>> attempt) {
        return Uni.createFrom().deferred(attempt::get).onFailure(RedisUnavailable::is).retry()
                .withBackOff(FIRST, MAX).expireIn(GIVE_UP_AFTER.toMillis());
    }
}
