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
        }
    }
}
