package dev.rallypoint.kv;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@TestProfile(LimitsTest.SmallLimits.class)
class LimitsTest {

    /** Two clients at most, and small bulks, to reach the limits cheaply. */
    public static class SmallLimits implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("kv.max-clients", "2", "kv.max-bulk", "1000");
        }
    }

    @Inject
    KvServer server;

    @Test
    void clientsOverTheLimitAreRefusedOnBothPorts() throws Exception {
        try (RawClient one = new RawClient(server.respPort()); RawClient two = new RawClient(server.linePort())) {
            assertEquals("+PONG\r\n", one.call("PING"));
            // Both ports accept on their own: the second client must be in before the third knocks.
            two.send("SET limit:conn x\n");
            assertEquals("OK\n", two.line());
            try (RawClient three = new RawClient(server.respPort())) {
                assertEquals("-ERR max number of clients reached\r\n", three.line());
                assertTrue(three.closedByServer());
            }
            try (RawClient four = new RawClient(server.linePort())) {
                assertEquals("ERR max number of clients reached\n", four.line());
            }
        }
        // Once the others are gone, a new client gets in.
        await().atMost(Duration.ofSeconds(5)).until(() -> server.connections() == 0);
        try (RawClient again = new RawClient(server.respPort())) {
            assertEquals("+PONG\r\n", again.call("PING"));
        }
    }

    @Test
    void bulkOverTheConfiguredLimitIsAProtocolError() throws Exception {
        await().atMost(Duration.ofSeconds(5)).until(() -> server.connections() == 0);
        try (RawClient c = new RawClient(server.respPort())) {
            assertEquals("+OK\r\n", c.call("SET", "limit:k", "x".repeat(1000)));
            c.send("*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$1001\r\n");
            assertEquals("-ERR Protocol error: invalid bulk length\r\n", c.reply());
            assertTrue(c.closedByServer());
        }
    }
}
