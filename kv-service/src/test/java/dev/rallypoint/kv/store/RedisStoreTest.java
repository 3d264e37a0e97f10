package dev.rallypoint.kv.store;

import dev.rallypoint.common.testing.TestRedis;
import dev.rallypoint.kv.KvServer;
import dev.rallypoint.kv.RawClient;
import dev.rallypoint.kv.RedisStoreProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;

import java.net.URI;
import java.time.Duration;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@TestProfile(RedisStoreProfile.class)
class RedisStoreTest {

    @Inject
    KvServer server;

    @ConfigProperty(name = "quarkus.redis.hosts")
    String hosts;

    @Test
    void keysLiveUnderThePrefixAndOtherKeysAreLeftAlone() throws Exception {
        URI redis = URI.create(hosts);
        try (Jedis jedis = new Jedis(redis.getHost(), redis.getPort()); RawClient c = new RawClient(server.respPort())) {
            jedis.set("not-kv", "theirs");
            assertEquals("+OK\r\n", c.call("SET", "prefixed", "v"));
            assertEquals("v", jedis.get("kv:prefixed"));
            assertEquals("$-1\r\n", c.call("GET", "not-kv"));
            assertEquals("+OK\r\n", c.call("FLUSHALL"));
            assertEquals(":0\r\n", c.call("DBSIZE"));
            assertEquals("theirs", jedis.get("not-kv"), "FLUSHALL empties only the kv keyspace");
        }
    }

    @Test
    void aPipelineMixingForwardedAndOtherCommandsIsAnsweredInOrder() throws Exception {
        try (RawClient c = new RawClient(server.respPort())) {
            // SET and INCR, GET and MGET go straight to Redis; SET EX, TTL and PING run here.
            c.send(RawClient.multibulk("SET", "mix:a", "1") + RawClient.multibulk("INCR", "mix:a")
                    + RawClient.multibulk("SET", "mix:b", "x", "EX", "100") + RawClient.multibulk("GET", "mix:a")
                    + RawClient.multibulk("TTL", "mix:b") + RawClient.multibulk("INCR", "mix:b")
                    + RawClient.multibulk("PING") + RawClient.multibulk("MGET", "mix:a", "mix:none", "mix:b")
                    + RawClient.multibulk("MSET", "mix:c", "3", "mix:d") + RawClient.multibulk("DEL", "mix:a", "mix:c"));
            assertEquals("+OK\r\n", c.reply());
            assertEquals(":2\r\n", c.reply());
            assertEquals("+OK\r\n", c.reply());
            assertEquals("$1\r\n2\r\n", c.reply());
            assertTrue(c.reply().matches(":(99|100)\r\n"));
            assertEquals("-ERR value is not an integer or out of range\r\n", c.reply(), "Redis's own error, in its place");
            assertEquals("+PONG\r\n", c.reply());
            assertEquals("*3\r\n$1\r\n2\r\n$-1\r\n$1\r\nx\r\n", c.reply());
            assertEquals("-ERR wrong number of arguments for 'mset' command\r\n", c.reply());
            assertEquals(":1\r\n", c.reply());
        }
    }

    @Test
    void aProtocolErrorComesAfterTheForwardedRepliesBeforeIt() throws Exception {
        try (RawClient bad = new RawClient(server.respPort()); RawClient good = new RawClient(server.respPort())) {
            bad.send(RawClient.multibulk("SET", "garbled:k", "v") + RawClient.multibulk("GET", "garbled:k")
                    + RawClient.multibulk("INCR", "garbled:n") + "*1\r\n$x\r\n");
            assertEquals("+OK\r\n", bad.reply());
            assertEquals("$1\r\nv\r\n", bad.reply());
            assertEquals(":1\r\n", bad.reply());
            assertEquals("-ERR Protocol error: invalid bulk length\r\n", bad.reply());
            assertTrue(bad.closedByServer());
            assertEquals("$1\r\nv\r\n", good.call("GET", "garbled:k"), "the server still serves others");
        }
    }

    @Test
    void aRedisThatStopsAnsweringIsAnErrorWithinTheTimeout() throws Exception {
        URI redis = URI.create(hosts);
        try (Jedis jedis = new Jedis(redis.getHost(), redis.getPort()); RawClient c = new RawClient(server.respPort())) {
            assertEquals("+OK\r\n", c.call("SET", "frozen:k", "v"));
            // Redis is alive but answers nobody for 4 s, longer than kv.redis.timeout (2 s); the
            // pause is in effect once CLIENT PAUSE has answered.
            jedis.clientPause(4_000);
            // Redis's own answer would be the value, after the pause: this is kv-service giving up.
            assertEquals("-ERR Redis unavailable: no answer within 2000 ms\r\n", c.call("GET", "frozen:k"));
            await().atMost(Duration.ofSeconds(15)).until(() -> c.call("GET", "frozen:k").equals("$1\r\nv\r\n"));
        }
    }

    @Test
    void redisDownIsAnErrorNotAHangAndTheStoreRecovers() throws Exception {
        int port = URI.create(hosts).getPort();
        try (RawClient c = new RawClient(server.respPort()); RawClient line = new RawClient(server.linePort())) {
            assertEquals("+OK\r\n", c.call("SET", "outage:k", "before"));
            TestRedis.shutdown(port);
            // RawClient gives up after 5 s: a reply at all means no hang.
            assertTrue(c.call("GET", "outage:k").startsWith("-ERR "), "RESP: an error");
            line.send("GET outage:k\n");
            assertTrue(line.line().startsWith("ERR "), "line protocol: an ERR line");
            assertEquals("+PONG\r\n", c.call("PING"), "commands without the store still answer");

            TestRedis.at(hosts, true).restart();
            await().atMost(Duration.ofSeconds(10)).until(() -> c.call("GET", "outage:k").equals("$6\r\nbefore\r\n"));
            assertEquals("+OK\r\n", c.call("SET", "outage:k", "after"));
            line.send("GET outage:k\n");
            assertEquals("after\n", line.line());
            // Commands that run here rather than in Redis take turns on a few connections: none
            // of them may still be the one Redis closed.
            for (int i = 0; i < 8; i++) {
                assertEquals("+OK\r\n", c.call("SET", "outage:ex", "v", "EX", "100"));
                assertTrue(c.call("TTL", "outage:ex").matches(":(99|100)\r\n"));
            }
        }
    }
}
