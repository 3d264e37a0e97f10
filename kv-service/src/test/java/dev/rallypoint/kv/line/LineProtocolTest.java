package dev.rallypoint.kv.line;

import dev.rallypoint.kv.KvPorts;
import dev.rallypoint.kv.RawClient;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@WithTestResource(KvPorts.class)
class LineProtocolTest {

    KvPorts.Ports server;

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
            assertEquals("ERR syntax error\n", c.line(), "the RESP port's SET, options and all");
            c.send("FROB x\n");
            assertEquals("ERR unknown command\n", c.line());
            c.send("QUIT\n");
            assertTrue(c.closedByServer());
        }
    }

    @Test
    void everyCommandOfTheRespPortWorksHereInLines() throws Exception {
        try (RawClient c = new RawClient(server.linePort())) {
            c.send("PING\n");
            assertEquals("PONG\n", c.line());
            c.send("SET line:t v EX 100\n");
            assertEquals("OK\n", c.line());
            c.send("TTL line:t\n");
            assertEquals("100\n", c.line());
            c.send("MSET line:a 1 line:b 2\n");
            assertEquals("OK\n", c.line());
            c.send("MGET line:a line:b line:missing\n");
            assertEquals("1 2 \n", c.line(), "a list is one line of words; a missing value an empty word");
            c.send("SCAN 0 MATCH line:a COUNT 1000\n");
            assertEquals("0 line:a\n", c.line(), "nested lists flatten into the line");
            c.send("DEL line:t line:a line:b\n");
            assertEquals("3\n", c.line());
        }
    }

    @Test
    void aValueALineCannotCarryIsRefusedNeverSentRaw() throws Exception {
        try (RawClient line = new RawClient(server.linePort()); RawClient resp = new RawClient(server.respPort())) {
            // Sent raw, this value would forge an OK for the client's next command.
            assertEquals("+OK\r\n", resp.call("SET", "line:forged", "x\r\nOK"));
            assertEquals("+OK\r\n", resp.call("SET", "line:spaced", "two words"));
            line.send("GET line:forged\nGET line:spaced\nMGET line:spaced\nPING\n");
            String refused = "ERR the reply holds a value with a CR or LF (or, in a list, a space) that a line cannot carry: "
                    + "read it on the RESP port\n";
            assertEquals(refused, line.line());
            assertEquals("two words\n", line.line(), "one value is the whole line, spaces and all");
            assertEquals(refused, line.line());
            assertEquals("PONG\n", line.line());
            assertEquals(":2\r\n", resp.call("DEL", "line:forged", "line:spaced"));
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
