package dev.rallypoint.common.ratelimit;

import dev.rallypoint.common.problem.ProblemException;
import dev.rallypoint.common.redis.LuaScript;
import dev.rallypoint.common.redis.PipelinedRedis;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

/**
 * Limits kept in Redis ({@code rate-limit.lua}), so that every instance of a service counts
 * against one budget per caller: for what leaves something behind (sessions, boards), where N
 * instances must not let N times the rate through. Keys: {@code rl:<limit>:<caller>}, expiring
 * once the caller's budget is full again.
 */
@ApplicationScoped
public class SharedLimiter {

    private static final LuaScript LIMIT = LuaScript.load("lua/common/rate-limit.lua");

    private final PipelinedRedis redis;

    SharedLimiter(PipelinedRedis redis) {
        this.redis = redis;
    }

    /**
     * One request of {@code caller} against the limit {@code name}; fails with 429 and Retry-After
     * when it is over.
     * @param slug the problem's slug, e.g. {@code session-rate-limited}
     * @param what what is limited, for the detail, e.g. {@code "new sessions from one address"}
     */
    public Uni<Void> acquire(String name, String caller, Rate rate, String slug, String what) {
        return LIMIT.run(redis, List.of("rl:" + name + ":" + caller),
                        List.of(Double.toString(rate.intervalMillis()), Integer.toString(rate.burst())))
                .map(wait -> {
                    if (wait.toLong() > 0) {
                        throw tooMany(slug, what, rate, wait.toLong());
                    }
                    return null;
                });
    }

    static ProblemException tooMany(String slug, String what, Rate rate, long waitMillis) {
        long seconds = Math.max(1, (waitMillis + 999) / 1000);
        return ProblemException.tooManyRequests(slug, "Too many " + what + ": " + rate.burst() + " at once, then "
                + rate.perSecond() + " a second. Try again in " + seconds + " s.", seconds);
    }
}
