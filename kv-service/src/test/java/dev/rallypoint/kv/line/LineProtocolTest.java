package dev.rallypoint.kv.line;

import dev.rallypoint.kv.KvServer;
import dev.rallypoint.kv.RawClient;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
class LineProtocolTest {

    @Inject
    KvServer server;

    @Test
    void transcriptCoversEveryReply() throws Exception {
        try (RawClient c = new RawClient(server.linePort())) {
            c.send("GET line:k\n");
            assertEquals("\n", c.line(), "a missing key is an empty line");
            c.send("SET line:k hello\r\n");
            assertEquals("OK\n", c.line());
            c.send("GET line:k\n");
            assertEquals("hello\n", c.line());
            c.send("INCR line:k\n");
            assertEquals("ERR value is not an integer or out of range\n", c.line());
            c.send("INCR line:n\n");
            assertEquals("1\n", c.line());
            c.send("incr   line:n\n");
            assertEquals("2\n", c.line(), "any case, runs of spaces");
            c.send("DEL line:k\n");
            assertEquals("1\n", c.line());
            c.send("DEL line:k\n");
            assertEquals("0\n", c.line());
            c.send("GET\n");
            assertEquals("ERR wrong number of arguments for 'get' command\n", c.line());
            c.send("SET line:k\n");
            assertEquals("ERR wrong number of arguments for 'set' command\n", c.line());
            c.send("SET line:k two words\n");
            assertEquals("ERR wrong number of arguments for 'set' command\n", c.line());
            c.send("FROB x\n");
            assertEquals("ERR unknown command\n", c.line());
            c.send("QUIT\n");
            assertTrue(c.closedByServer());
        }
    }

    @Test
    void stopClosesAndRepliesBeforeItAreSent() throws Exception {
        try (RawClient c = new RawClient(server.linePort())) {
            c.send("SET line:s 1\nINCR line:s\nSTOP\nGET line:s\n");
            assertEquals("OK\n", c.line());
            assertEquals("2\n", c.line());
            assertTrue(c.closedByServer());
        }
    }

    @Test
    void sharesTheStoreWithRespPort() throws Exception {
        try (RawClient line = new RawClient(server.linePort()); RawClient resp = new RawClient(server.respPort())) {
            line.send("SET shared:k v1\n");
            assertEquals("OK\n", line.line());
            assertEquals("$2\r\nv1\r\n", resp.call("GET", "shared:k"));
        }
    }

    @Test
    void tooLongLineIsAnErrorAndCloses() throws Exception {
        try (RawClient c = new RawClient(server.linePort())) {
            c.send("SET k " + "x".repeat(70_000));
            assertEquals("ERR Protocol error: too big inline request\n", c.line());
            assertTrue(c.closedByServer());
        }
    }
}
