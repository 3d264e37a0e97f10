package dev.rallypoint.common.redis;

import dev.rallypoint.redis.RedisPipes;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.vertx.UniHelper;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;
import java.util.concurrent.TimeoutException;

/**
 * The services' commands and scripts to the shared Redis, on {@link RedisPipes}' pipelined
 * connections (taken from the {@code quarkus.redis.*} client). A command that Redis does not answer
 * within {@code quarkus.redis.timeout} fails with a {@code TimeoutException} (503): without a pool
 * to run out of, that timeout is what keeps a stalled Redis from piling up requests. A command that
 * timed out may still run once Redis answers again; its late reply is dropped.
 */
@Singleton
public class PipelinedRedis {

    private final RedisPipes pipes;
    private final Vertx vertx;
    private final long timeoutMillis;

    PipelinedRedis(ReactiveRedisDataSource redis, Vertx vertx,
                   @ConfigProperty(name = "quarkus.redis.timeout") Duration timeout) {
        this.pipes = new RedisPipes(redis.getRedis().getDelegate());
        this.vertx = vertx;
        this.timeoutMillis = timeout.toMillis();
    }

    /** The reply; null for a nil reply. An error reply fails the Uni with Redis's error text. */
    public Uni<Response> send(Request request) {
        // A timer on the calling event loop: Future.timeout on the pipes' futures, which belong to
        // no context, would schedule each command's timeout on Netty's global executor thread.
        Promise<io.vertx.redis.client.Response> answered = Promise.promise();
        long timer = vertx.setTimer(timeoutMillis, id -> answered.tryFail(
                new TimeoutException("Redis did not answer within " + timeoutMillis + " ms")));
        pipes.send(request.getDelegate()).onComplete(reply -> {
            vertx.cancelTimer(timer);
            if (reply.succeeded()) {
                answered.tryComplete(reply.result());
            } else {
                answered.tryFail(reply.cause());
            }
        });
        return UniHelper.toUni(answered.future()).map(Response::newInstance);
    }
}
