package dev.rallypoint.kv.command;

import dev.rallypoint.kv.KvPorts;
import dev.rallypoint.kv.RawClient;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@WithTestResource(KvPorts.class)
class KeyAndServerCommandsTest {

    KvPorts.Ports server;

    @Test
    void keyCommands() throws Exception {
        try (RawClient c = new RawClient(server.respPort())) {
            c.call("MSET", "k:one", "1", "k:two", "2", "k:three", "3");
            assertEquals(":3\r\n", c.call("EXISTS", "k:one", "k:two", "k:one"));
            assertEquals("+string\r\n", c.call("TYPE", "k:one"));
            assertEquals("+none\r\n", c.call("TYPE", "k:nope"));
            assertEquals("*1\r\n$5\r\nk:two\r\n", c.call("KEYS", "k:t[uvw]o"));
            assertEquals("*2\r\n", c.call("KEYS", "k:t*").substring(0, 4));
            assertEquals(":2\r\n", c.call("DEL", "k:one", "k:two", "k:nope"));
            assertEquals("-ERR wrong number of arguments for 'del' command\r\n", c.call("DEL"));
        }
    }

    @Test
    void connectionCommands() throws Exception {
        try (RawClient c = new RawClient(server.respPort())) {
            assertEquals("+PONG\r\n", c.call("PING"));
            assertEquals("$2\r\nhi\r\n", c.call("PING", "hi"));
            assertEquals("-ERR wrong number of arguments for 'ping' command\r\n", c.call("PING", "a", "b"));
            assertEquals("$3\r\na b\r\n", c.call("ECHO", "a b"));
            assertEquals("+OK\r\n", c.call("SELECT", "0"));
            assertEquals("-ERR DB index is out of range\r\n", c.call("SELECT", "1"));
            assertEquals("-ERR AUTH <password> called without any password configured for the default user. "
                    + "Are you sure your configuration is correct?\r\n", c.call("AUTH", "secret"));
            assertEquals("$-1\r\n", c.call("CLIENT", "GETNAME"));
            assertEquals("+OK\r\n", c.call("CLIENT", "SETNAME", "game-1"));
            assertEquals("$6\r\ngame-1\r\n", c.call("CLIENT", "GETNAME"));
            assertEquals("-ERR Client names cannot contain spaces, newlines or special characters.\r\n",
                    c.call("CLIENT", "SETNAME", "a b"));
            assertEquals("+OK\r\n", c.call("CLIENT", "SETINFO", "LIB-NAME", "jedis"));
            assertEquals("-ERR unknown subcommand 'FROB'. Try CLIENT HELP.\r\n", c.call("CLIENT", "FROB"));
            assertTrue(c.call("HELLO", "2").startsWith("*14\r\n$6\r\nserver\r\n$5\r\nredis\r\n"));
            assertEquals("-NOPROTO unsupported protocol version\r\n", c.call("HELLO", "3"));
            assertEquals("-ERR unknown command 'FROB', with args beginning with: 'a' 'b' \r\n", c.call("FROB", "a", "b"));
            assertEquals("-ERR unknown command 'nope', with args beginning with: \r\n", c.call("nope"));
            assertEquals("+OK\r\n", c.call("QUIT"));
            assertTrue(c.closedByServer());
        }
    }

    @Test
    void serverCommands() throws Exception {
        try (RawClient c = new RawClient(server.respPort())) {
            String count = c.call("COMMAND", "COUNT");
            assertTrue(count.matches(":\\d+\r\n"));
            assertTrue(c.call("COMMAND").startsWith("*" + count.substring(1)));
            assertTrue(c.call("COMMAND", "INFO", "get").startsWith("*1\r\n*10\r\n$3\r\nget\r\n:2\r\n"));
            assertTrue(c.call("INFO").contains("redis_version:"));
            c.call("SET", "srv:k", "v");
            assertTrue(c.call("DBSIZE").matches(":[1-9]\\d*\r\n"));
            assertEquals("+OK\r\n", c.call("FLUSHDB"));
            assertEquals(":0\r\n", c.call("DBSIZE"));
            assertEquals("+OK\r\n", c.call("FLUSHALL", "ASYNC"));
            assertEquals("-ERR syntax error\r\n", c.call("FLUSHALL", "NOW"));
        }
    }
}
