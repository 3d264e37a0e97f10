package dev.rallypoint.kv;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.ScanParams;
import redis.clients.jedis.ScanResult;
import redis.clients.jedis.params.SetParams;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Real Redis clients against the RESP port: Jedis, and redis-cli when it is installed. */
@QuarkusTest
class RedisClientsTest {

    @Inject
    KvServer server;

    @Test
    void jedisSpeaksToIt() {
        try (Jedis jedis = new Jedis("127.0.0.1", server.respPort())) {
            assertEquals("PONG", jedis.ping());
            assertEquals("OK", jedis.set("jedis:k", "v"));
            assertEquals("v", jedis.get("jedis:k"));
            assertNull(jedis.get("jedis:missing"));
            assertNull(jedis.set("jedis:k", "w", SetParams.setParams().nx()));
            assertEquals("OK", jedis.set("jedis:t", "v", SetParams.setParams().px(60_000)));
            assertTrue(jedis.pttl("jedis:t") > 0);
            assertEquals(5, jedis.incrBy("jedis:n", 5));
            assertEquals("OK", jedis.mset("jedis:a", "1", "jedis:b", "2"));
            assertEquals(List.of("1", "2"), jedis.mget("jedis:a", "jedis:b"));
            assertEquals(2, jedis.del("jedis:a", "jedis:b"));
            byte[] binary = {0, (byte) 0xff, '\r', '\n'};
            jedis.set(binary, binary);
            assertArrayEquals(binary, jedis.get(binary));
            var e = assertThrows(redis.clients.jedis.exceptions.JedisDataException.class, () -> jedis.incr("jedis:k"));
            assertEquals("ERR value is not an integer or out of range", e.getMessage());
        }
    }

    @Test
    void jedisPipelineAndScan() {
        try (Jedis jedis = new Jedis("127.0.0.1", server.respPort())) {
            Pipeline p = jedis.pipelined();
            for (int i = 0; i < 300; i++) {
                p.set("jscan:" + i, Integer.toString(i));
            }
            p.sync();
            Set<String> seen = new HashSet<>();
            String cursor = ScanParams.SCAN_POINTER_START;
            do {
                ScanResult<String> page = jedis.scan(cursor, new ScanParams().match("jscan:*").count(50));
                seen.addAll(page.getResult());
                cursor = page.getCursor();
            } while (!cursor.equals(ScanParams.SCAN_POINTER_START));
            assertEquals(300, seen.size());
        }
    }

    @Test
    void redisCliSpeaksToIt() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/redis-cli")), "redis-cli is not installed");
        assertEquals("OK", cli("SET", "cli:k", "hello world"));
        assertEquals("hello world", cli("GET", "cli:k"));
        assertEquals("3", cli("INCRBY", "cli:n", "3"));
        assertEquals("", cli("GET", "cli:missing"));
        assertEquals("ERR wrong number of arguments for 'get' command", cli("GET"));
        assertEquals("-2", cli("TTL", "cli:missing"));
    }

    private String cli(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("/usr/bin/redis-cli", "-h", "127.0.0.1",
                "-p", Integer.toString(server.respPort())));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        assertTrue(process.waitFor(10, TimeUnit.SECONDS));
        return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    }
}
