package dev.rallypoint.common.redis;

import dev.rallypoint.redis.RedisPipes;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.vertx.UniHelper;
import io.vertx.core.Vertx;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;

/**
 * The services' commands and scripts to the shared Redis, on {@link RedisPipes}' pipelined
 * connections (taken from the {@code quarkus.redis.*} client). A command fails with a
 * {@code TimeoutException} (503) only when Redis stays silent for {@code quarkus.redis.timeout}
 * while commands wait on its connection: without a pool to run out of, that is what keeps a
 * stalled Redis from piling up requests, and a burst that Redis keeps answering is never cut
 * short. A command that timed out may still run once Redis answers again; its late reply is dropped.
 */
@Singleton
public class PipelinedRedis {

    private final RedisPipes pipes;

    PipelinedRedis(ReactiveRedisDataSource redis, Vertx vertx,
                   @ConfigProperty(name = "quarkus.redis.timeout") Duration timeout) {
        this.pipes = new RedisPipes(vertx, redis.getRedis().getDelegate(), timeout.toMillis());
    }

    /** One command with its arguments; the reply as {@link #send}. */
    public Uni<Response> execute(Command command, Object... args) {
        Request request = Request.cmd(command);
        for (Object arg : args) {
            request.arg(String.valueOf(arg));
        }
        return send(request);
    }

    /** The reply; null for a nil reply. An error reply fails the Uni with Redis's error text. */
    public Uni<Response> send(Request request) {
        return UniHelper.toUni(pipes.send(request.getDelegate())).map(Response::newInstance);
    }
}
