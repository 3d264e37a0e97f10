package dev.rallypoint.redis;

import dev.rallypoint.common.problem.RedisUnavailable;
import dev.rallypoint.common.testing.TestRedis;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The pipes' timeout means "Redis did not answer": not "this command waited behind many others
 * that Redis is answering", and not "our own event loop was busy".
 */
class RedisPipesTest {

    private static TestRedis redis;
    private static Vertx vertx;
    private static Redis client;

    @BeforeAll
    static void start() {
        redis = TestRedis.start();
        vertx = Vertx.vertx();
        client = Redis.createClient(vertx, new RedisOptions().setConnectionString(redis.url())
                .setMaxWaitingHandlers(1 << 18));
    }

    @AfterAll
    static void stop() {
        client.close();
        vertx.close().toCompletionStage().toCompletableFuture().join();
        redis.stop();
    }

    @Test
    void aBurstThatRedisKeepsAnsweringIsNeverCutShort() throws Exception {
        RedisPipes pipes = new RedisPipes(vertx, client, 100);
        int commands = 200_000;
        // All sent in one turn of one event loop: the last waits for the 199,999 before it,
        // far longer than 100 ms, while Redis answers all the time.
        List<Future<Response>> replies = onLoop(() -> {
            List<Future<Response>> sent = new ArrayList<>(commands);
            for (int i = 0; i < commands; i++) {
                sent.add(pipes.send(Request.cmd(Command.INCR).arg("burst")));
            }
            return sent;
        });
        Future.all(replies).toCompletionStage().toCompletableFuture().get(2, TimeUnit.MINUTES);
        assertEquals(commands, get(pipes, "burst"));
    }

    @Test
    void aBusyEventLoopIsNotASilentRedis() throws Exception {
        RedisPipes pipes = new RedisPipes(vertx, client, 100);
        List<Future<Response>> replies = onLoop(() -> {
            List<Future<Response>> sent = List.of(pipes.send(Request.cmd(Command.INCR).arg("busy")));
            // The loop stays busy for five timeouts after sending: the reply waits unread meanwhile.
            long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(500);
            while (System.nanoTime() < until) {
                Thread.onSpinWait();
            }
            return sent;
        });
        assertEquals(1, replies.get(0).toCompletionStage().toCompletableFuture().get(1, TimeUnit.MINUTES).toInteger());
    }

    @Test
    void aSilentRedisFailsWaitingCommandsAndTheNextCommandReconnects() throws Exception {
        RedisPipes pipes = new RedisPipes(vertx, client, 200);
        assertEquals(0, get(pipes, "paused"));
        // Every client of this Redis stops being served for 3 s: the pipe's command hears nothing.
        client.send(Request.cmd(Command.CLIENT).arg("PAUSE").arg(3000).arg("ALL"))
                .toCompletionStage().toCompletableFuture().get(1, TimeUnit.MINUTES);
        CompletableFuture<Response> stalled = onLoop(() -> pipes.send(Request.cmd(Command.GET).arg("paused")))
                .toCompletionStage().toCompletableFuture();
        Throwable failure = stalled.handle((reply, error) -> error).get(1, TimeUnit.MINUTES);
        assertTrue(failure != null && RedisUnavailable.is(failure), "a 503, not a hang: " + failure);
        // Once Redis serves again, a new connection answers.
        await().atMost(Duration.ofMinutes(1)).ignoreExceptions().untilAsserted(() -> assertEquals(0, get(pipes, "paused")));
    }

    private static int get(RedisPipes pipes, String key) throws Exception {
        Response value = onLoop(() -> pipes.send(Request.cmd(Command.GET).arg(key)))
                .toCompletionStage().toCompletableFuture().get(1, TimeUnit.MINUTES);
        return value == null ? 0 : value.toInteger();
    }

    private static <T> T onLoop(java.util.function.Supplier<T> action) throws Exception {
        CompletableFuture<T> result = new CompletableFuture<>();
        vertx.runOnContext(v -> result.complete(action.get()));
        return result.get(1, TimeUnit.MINUTES);
    }
}
