package dev.rallypoint.kv.command;

import dev.rallypoint.kv.KvServer;
import dev.rallypoint.kv.RawClient;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
class ExpireCommandsTest {

    @Inject
    KvServer server;

    @Test
    void ttlRepliesAndExpireOptions() throws Exception {
        try (RawClient c = new RawClient(server.respPort())) {
            assertEquals(":-2\r\n", c.call("TTL", "e:missing"));
            assertEquals(":-2\r\n", c.call("PTTL", "e:missing"));
            c.call("SET", "e:a", "1");
            assertEquals(":-1\r\n", c.call("TTL", "e:a"));
            assertEquals(":0\r\n", c.call("EXPIRE", "e:a", "100", "XX"));
            assertEquals(":0\r\n", c.call("EXPIRE", "e:a", "100", "GT"), "no expiry counts as infinite");
            assertEquals(":1\r\n", c.call("EXPIRE", "e:a", "100", "NX"));
            assertEquals(":0\r\n", c.call("EXPIRE", "e:a", "200", "NX"));
            assertEquals(":1\r\n", c.call("EXPIRE", "e:a", "200", "GT"));
            assertEquals(":0\r\n", c.call("EXPIRE", "e:a", "300", "LT"));
            assertEquals(":1\r\n", c.call("EXPIRE", "e:a", "150", "XX", "LT"));
            assertTrue(c.call("TTL", "e:a").matches(":(149|150)\r\n"));
            assertEquals(":1\r\n", c.call("PEXPIRE", "e:a", "100000"));
            assertTrue(c.call("TTL", "e:a").matches(":(99|100)\r\n"));
            long at = System.currentTimeMillis() / 1000 + 500;
            assertEquals(":1\r\n", c.call("EXPIREAT", "e:a", Long.toString(at)));
            assertTrue(c.call("TTL", "e:a").matches(":(499|500)\r\n"));
            assertEquals(":1\r\n", c.call("PEXPIREAT", "e:a", Long.toString(at * 1000)));
            assertEquals(":1\r\n", c.call("PERSIST", "e:a"));
            assertEquals(":0\r\n", c.call("PERSIST", "e:a"));
            assertEquals(":-1\r\n", c.call("TTL", "e:a"));
            assertEquals(":0\r\n", c.call("EXPIRE", "e:missing", "10"));
            assertEquals("-ERR NX and XX, GT or LT options at the same time are not compatible\r\n",
                    c.call("EXPIRE", "e:a", "10", "NX", "GT"));
            assertEquals("-ERR GT and LT options at the same time are not compatible\r\n",
                    c.call("EXPIRE", "e:a", "10", "GT", "LT"));
            assertEquals("-ERR Unsupported option FOO\r\n", c.call("EXPIRE", "e:a", "10", "FOO"));
            assertEquals("-ERR invalid expire time in 'expire' command\r\n",
                    c.call("EXPIRE", "e:a", "9223372036854775807"));
            assertEquals(":1\r\n", c.call("EXPIRE", "e:a", "-1"), "a time in the past deletes");
            assertEquals(":0\r\n", c.call("EXISTS", "e:a"));
        }
    }

    @Test
    void keyWithPx50IsGoneAfterIt() throws Exception {
        try (RawClient c = new RawClient(server.respPort())) {
            assertEquals("+OK\r\n", c.call("SET", "e:short", "v", "PX", "50"));
            await().atMost(Duration.ofSeconds(5)).until(() -> c.call("GET", "e:short").equals("$-1\r\n"));
            assertEquals(":-2\r\n", c.call("PTTL", "e:short"));
        }
    }

    @Test
    void sweepFreesExpiredKeysNobodyReads() throws Exception {
        try (RawClient c = new RawClient(server.respPort())) {
            long before = server.store().size();
            // One pipelined write, with enough time to live that all of them exist when counted.
            StringBuilder sets = new StringBuilder();
            for (int i = 0; i < 1000; i++) {
                sets.append(RawClient.multibulk("SET", "e:sweep:" + i, "v", "PX", "3000"));
            }
            c.send(sets.toString());
            for (int i = 0; i < 1000; i++) {
                assertEquals("+OK\r\n", c.reply());
            }
            assertTrue(server.store().size() >= 1000);
            await().atMost(Duration.ofSeconds(10)).until(() -> server.store().size() <= before);
        }
    }

    @Test
    void scanReturnsEveryKeyPresentForTheWholeScan() throws Exception {
        try (RawClient c = new RawClient(server.respPort()); RawClient writer = new RawClient(server.respPort())) {
            Set<String> stable = new HashSet<>();
            for (int i = 0; i < 1000; i++) {
                c.call("SET", "scan:stable:" + i, "v");
                stable.add("scan:stable:" + i);
                c.call("SET", "scan:temp:" + i, "v");
            }
            Set<String> seen = new HashSet<>();
            Pattern key = Pattern.compile("\\$\\d+\r\n(scan:[^\r]*)\r\n");
            String cursor = "0";
            int page = 0;
            do {
                String reply = c.call("SCAN", cursor, "MATCH", "scan:*", "COUNT", "25");
                Matcher m = Pattern.compile("^\\*2\r\n\\$\\d+\r\n(\\d+)\r\n").matcher(reply);
                assertTrue(m.find(), reply);
                cursor = m.group(1);
                Matcher k = key.matcher(reply.substring(m.end()));
                while (k.find()) {
                    assertTrue(seen.add(k.group(1)) || !k.group(1).startsWith("scan:stable:"), "returned twice: " + k.group(1));
                }
                // Between pages the keyspace changes: keys come and go.
                writer.call("SET", "scan:added:" + page, "v");
                writer.call("DEL", "scan:temp:" + (page * 7 % 1000));
                page++;
            } while (!cursor.equals("0"));
            assertTrue(seen.containsAll(stable), "missing " + (stable.size() - seen.stream().filter(stable::contains).count()));
            assertEquals("-ERR invalid cursor\r\n", c.call("SCAN", "abc"));
            assertEquals("-ERR syntax error\r\n", c.call("SCAN", "0", "COUNT", "0"));
        }
    }
}
