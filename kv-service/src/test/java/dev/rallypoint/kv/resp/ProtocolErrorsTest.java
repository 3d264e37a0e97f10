package dev.rallypoint.kv.resp;

import dev.rallypoint.kv.KvPorts;
import dev.rallypoint.kv.RawClient;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@WithTestResource(KvPorts.class)
class ProtocolErrorsTest {

    KvPorts.Ports server;

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "bad bulk length|*1\\r\\n$x\\r\\nPING\\r\\n|invalid bulk length",
            "data longer than its length|*1\\r\\n$2\\r\\nPING\\r\\n|invalid bulk length",
            "missing CRLF|*1\\n$4\\nPING\\n|invalid multibulk length",
            "signed zero multibulk count|*-0\\r\\n|invalid multibulk length",
            "2 GiB bulk length|*1\\r\\n$2147483648\\r\\n|invalid bulk length",
            "no dollar|*1\\r\\n:4\\r\\n|expected '$', got ':'",
            "unbalanced quotes|SET \"k v\\r\\n|unbalanced quotes in request",
    })
    void malformedInputGetsAnErrorAndAClosedConnection(String name, String input, String error) throws Exception {
        try (RawClient bad = new RawClient(server.respPort()); RawClient good = new RawClient(server.respPort())) {
            // A valid command first: its reply still comes, before the error.
            bad.send("*1\r\n$4\r\nPING\r\n" + input.replace("\\r", "\r").replace("\\n", "\n"));
            assertEquals("+PONG\r\n", bad.reply());
            assertEquals("-ERR Protocol error: " + error + "\r\n", bad.reply());
            assertTrue(bad.closedByServer());
            assertEquals("+PONG\r\n", good.call("PING"), "the server still serves others");
        }
    }

    @org.junit.jupiter.api.Test
    void anErrorIsSentOnceWhateverFollowsItInTheSameRead() throws Exception {
        try (RawClient bad = new RawClient(server.respPort())) {
            bad.send("*1\r\n$x\r\n" + "PING\r\n".repeat(1000));
            assertEquals("-ERR Protocol error: invalid bulk length\r\n", bad.reply());
            assertEquals("", bad.rest());
        }
    }

    @org.junit.jupiter.api.Test
    void anyMultibulkCountBelowOneIsSkipped() throws Exception {
        try (RawClient c = new RawClient(server.respPort())) {
            c.send("*-10\r\n*0\r\n*-1\r\n*1\r\n$4\r\nPING\r\n");
            assertEquals("+PONG\r\n", c.reply());
        }
    }

    @org.junit.jupiter.api.Test
    void tooBigInlineRequestCloses() throws Exception {
        try (RawClient bad = new RawClient(server.respPort())) {
            bad.send("x".repeat(70_000));
            assertEquals("-ERR Protocol error: too big inline request\r\n", bad.reply());
            assertTrue(bad.closedByServer());
        }
    }

    @org.junit.jupiter.api.Test
    void inlineCommandsWork() throws Exception {
        try (RawClient c = new RawClient(server.respPort())) {
            c.send("SET inline:k \"two words\"\r\nGET inline:k\n");
            assertEquals("+OK\r\n", c.reply());
            assertEquals("$9\r\ntwo words\r\n", c.reply());
        }
    }
}
