package dev.rallypoint.kv.store;

import dev.rallypoint.common.testing.TestRedis;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RedisLinkTest {

    @Test
    void everyKindOfReplyEndsWhereItsLastByteIs() {
        for (String reply : List.of("+OK\r\n", "-ERR value is not an integer or out of range\r\n", ":42\r\n", "$-1\r\n",
                "$0\r\n\r\n", "$5\r\nab\r\nc\r\n", "*-1\r\n", "*0\r\n", "*3\r\n$1\r\na\r\n$-1\r\n:7\r\n",
                "*2\r\n*1\r\n+x\r\n$2\r\nyz\r\n")) {
            Buffer in = Buffer.buffer("+before\r\n" + reply + "+after\r\n");
            assertEquals(9 + reply.length(), RedisLink.replyEnd(in, 9), reply);
        }
    }

    @Test
    void aReplyCutAnywhereIsIncompleteAndGarbageIsSaidToBe() {
        String reply = "*3\r\n$1\r\na\r\n$-1\r\n$10\r\n0123456789\r\n";
        for (int cut = 0; cut < reply.length(); cut++) {
            assertEquals(-1, RedisLink.replyEnd(Buffer.buffer(reply.substring(0, cut)), 0), "cut at " + cut);
        }
        assertEquals(-2, RedisLink.replyEnd(Buffer.buffer("hello\r\n"), 0));
        assertEquals(-2, RedisLink.replyEnd(Buffer.buffer("$x\r\n"), 0));
    }

    @Test
    void aPlainUrlGivesHostPortAndTheOpeningCommands() {
        RedisLink.Target plain = RedisLink.Target.parse("redis://127.0.0.1:6390");
        assertEquals("127.0.0.1", plain.host());
        assertEquals(6390, plain.port());
        assertEquals(0, plain.hello().size());

        RedisLink.Target full = RedisLink.Target.parse("redis://kv:p%40ss@redis.local/2");
        assertEquals(6379, full.port());
        assertArrayEquals(bytes("AUTH", "kv", "p@ss"), full.hello().get(0));
        assertArrayEquals(bytes("SELECT", "2"), full.hello().get(1));

        assertArrayEquals(bytes("AUTH", "se+cret"), RedisLink.Target.parse("redis://:se+cret@h:1").hello().get(0));
        assertNull(RedisLink.Target.parse("rediss://h:6380"), "TLS stays with the Redis client");
        assertNull(RedisLink.Target.parse("unix:///run/redis.sock"));
    }

    @Test
    void theLinkAuthenticatesSelectsItsDatabaseAndRelaysRepliesAsSent() throws Exception {
        TestRedis redis = TestRedis.start();
        Vertx vertx = Vertx.vertx();
        try (Jedis admin = new Jedis("127.0.0.1", redis.port())) {
            admin.configSet("requirepass", "s3cret");
            admin.auth("s3cret");
            RedisLink link = new RedisLink(vertx, RedisLink.Target.parse("redis://:s3cret@127.0.0.1:" + redis.port() + "/3"), 2000);
            assertEquals("+OK\r\n", send(vertx, link, "SET", "linked", "v"));
            assertEquals("-ERR value is not an integer or out of range\r\n", send(vertx, link, "INCR", "linked"));
            assertEquals("*2\r\n$1\r\nv\r\n$-1\r\n", send(vertx, link, "MGET", "linked", "missing"));
            admin.select(3);
            assertEquals("v", admin.get("linked"), "written to database 3");

            RedisLink wrong = new RedisLink(vertx, RedisLink.Target.parse("redis://:nope@127.0.0.1:" + redis.port()), 2000);
            String refused = send(vertx, wrong, "GET", "linked");
            assertTrue(refused.startsWith("-ERR Redis unavailable: WRONGPASS"), refused);
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
            redis.stop();
        }
    }

    @Test
    void aBurstThatRedisKeepsAnsweringIsNeverCutShort() throws Exception {
        TestRedis redis = TestRedis.start();
        Vertx vertx = Vertx.vertx();
        try {
            RedisLink link = new RedisLink(vertx, RedisLink.Target.parse("redis://127.0.0.1:" + redis.port()), 100);
            int commands = 200_000;
            AtomicInteger answered = new AtomicInteger();
            ConcurrentLinkedQueue<String> errors = new ConcurrentLinkedQueue<>();
            CountDownLatch done = new CountDownLatch(commands);
            // One turn of one loop: the last command waits behind 199,999 others, far past 100 ms,
            // while Redis answers all the time.
            vertx.getOrCreateContext().runOnContext(v -> {
                for (int i = 0; i < commands; i++) {
                    link.send(bytes("INCR", "burst"), raw -> {
                        if (raw.getByte(0) == '-') {
                            errors.add(raw.toString());
                        }
                        answered.incrementAndGet();
                        done.countDown();
                    });
                }
            });
            assertTrue(done.await(2, TimeUnit.MINUTES), "answered: " + answered.get());
            assertEquals(List.of(), errors.stream().distinct().toList());
            assertEquals(":" + (commands + 1) + "\r\n", send(vertx, link, "INCR", "burst"));
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
            redis.stop();
        }
    }

    /** Sends from an event loop, as a connection does, and waits for the reply. */
    private static String send(Vertx vertx, RedisLink link, String... words) throws Exception {
        CompletableFuture<String> reply = new CompletableFuture<>();
        vertx.getOrCreateContext().runOnContext(v -> link.send(bytes(words), raw -> reply.complete(raw.toString())));
        return reply.get(5, TimeUnit.SECONDS);
    }

    private static byte[][] bytes(String... words) {
        byte[][] argv = new byte[words.length][];
        for (int i = 0; i < words.length; i++) {
            argv[i] = words[i].getBytes(StandardCharsets.UTF_8);
        }
        return argv;
    }
}
