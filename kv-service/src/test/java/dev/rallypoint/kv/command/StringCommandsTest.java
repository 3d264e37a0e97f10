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
class StringCommandsTest {

    KvPorts.Ports server;

    @Test
    void setOptionsBehaveAsInRedis() throws Exception {
        try (RawClient c = new RawClient(server.respPort())) {
            assertEquals("+OK\r\n", c.call("SET", "s:a", "1"));
            assertEquals("$-1\r\n", c.call("SET", "s:a", "2", "NX"), "NX on an existing key");
            assertEquals("+OK\r\n", c.call("SET", "s:b", "1", "nx"));
            assertEquals("$-1\r\n", c.call("SET", "s:c", "1", "XX"), "XX on a missing key");
            assertEquals("+OK\r\n", c.call("SET", "s:a", "3", "XX"));
            assertEquals("$1\r\n3\r\n", c.call("SET", "s:a", "4", "GET"));
            assertEquals("$-1\r\n", c.call("SET", "s:new", "x", "GET"));
            assertEquals("+OK\r\n", c.call("SET", "s:a", "5", "EX", "100"));
            assertTrue(c.call("TTL", "s:a").matches(":(99|100)\r\n"));
            assertEquals("+OK\r\n", c.call("SET", "s:a", "6", "KEEPTTL"));
            assertTrue(c.call("TTL", "s:a").matches(":(99|100)\r\n"));
            assertEquals("+OK\r\n", c.call("SET", "s:a", "7"));
            assertEquals(":-1\r\n", c.call("TTL", "s:a"), "a plain SET drops the expiry");
            assertEquals("+OK\r\n", c.call("SET", "s:a", "8", "PX", "100000"));
            assertTrue(c.call("PTTL", "s:a").matches(":\\d{5,6}\r\n"));
            long in100s = System.currentTimeMillis() / 1000 + 100;
            assertEquals("+OK\r\n", c.call("SET", "s:a", "9", "EXAT", Long.toString(in100s)));
            assertTrue(c.call("TTL", "s:a").matches(":(99|100)\r\n"));
            assertEquals("+OK\r\n", c.call("SET", "s:a", "10", "PXAT", Long.toString(in100s * 1000)));
            assertEquals("+OK\r\n", c.call("SET", "s:a", "11", "EXAT", "1"), "a time in the past");
            assertEquals(":0\r\n", c.call("EXISTS", "s:a"));
            assertEquals("$1\r\n1\r\n", c.call("SET", "s:b", "2", "NX", "GET"), "NX GET returns the old value");
            assertEquals("$1\r\n1\r\n", c.call("GET", "s:b"));
        }
    }

    @Test
    void setRejectsBadOptions() throws Exception {
        try (RawClient c = new RawClient(server.respPort())) {
            assertEquals("-ERR syntax error\r\n", c.call("SET", "k", "v", "NX", "XX"));
            assertEquals("-ERR syntax error\r\n", c.call("SET", "k", "v", "EX", "10", "PX", "10"));
            assertEquals("-ERR syntax error\r\n", c.call("SET", "k", "v", "KEEPTTL", "EX", "10"));
            assertEquals("-ERR syntax error\r\n", c.call("SET", "k", "v", "EX"));
            assertEquals("-ERR syntax error\r\n", c.call("SET", "k", "v", "FOO"));
            assertEquals("-ERR value is not an integer or out of range\r\n", c.call("SET", "k", "v", "EX", "ten"));
            assertEquals("-ERR invalid expire time in 'set' command\r\n", c.call("SET", "k", "v", "EX", "0"));
            assertEquals("-ERR invalid expire time in 'set' command\r\n", c.call("SET", "k", "v", "PX", "-5"));
            assertEquals("-ERR invalid expire time in 'setex' command\r\n", c.call("SETEX", "k", "0", "v"));
            assertEquals("-ERR wrong number of arguments for 'set' command\r\n", c.call("SET", "k"));
        }
    }

    @Test
    void setVariants() throws Exception {
        try (RawClient c = new RawClient(server.respPort())) {
            assertEquals(":1\r\n", c.call("SETNX", "v:a", "1"));
            assertEquals(":0\r\n", c.call("SETNX", "v:a", "2"));
            assertEquals("+OK\r\n", c.call("SETEX", "v:b", "50", "x"));
            assertEquals(":50\r\n", c.call("TTL", "v:b"));
            assertEquals("+OK\r\n", c.call("PSETEX", "v:c", "50000", "x"));
            assertEquals(":50\r\n", c.call("TTL", "v:c"));
            assertEquals("$1\r\n1\r\n", c.call("GETSET", "v:a", "3"));
            assertEquals("$1\r\n3\r\n", c.call("GETDEL", "v:a"));
            assertEquals("$-1\r\n", c.call("GETDEL", "v:a"));
            assertEquals("+OK\r\n", c.call("MSET", "v:1", "a", "v:2", "b"));
            assertEquals("*3\r\n$1\r\na\r\n$-1\r\n$1\r\nb\r\n", c.call("MGET", "v:1", "v:missing", "v:2"));
            assertEquals("-ERR wrong number of arguments for 'mset' command\r\n", c.call("MSET", "v:1", "a", "v:2"));
            assertEquals(":0\r\n", c.call("MSETNX", "v:1", "z", "v:3", "c"));
            assertEquals("$-1\r\n", c.call("GET", "v:3"), "MSETNX writes nothing when one key exists");
            assertEquals(":1\r\n", c.call("MSETNX", "v:3", "c", "v:4", "d"));
            assertEquals(":5\r\n", c.call("APPEND", "v:5", "hello"));
            assertEquals(":11\r\n", c.call("APPEND", "v:5", " world"));
            assertEquals(":11\r\n", c.call("STRLEN", "v:5"));
            assertEquals(":0\r\n", c.call("STRLEN", "v:missing"));
        }
    }

    @Test
    void counters() throws Exception {
        try (RawClient c = new RawClient(server.respPort())) {
            assertEquals(":1\r\n", c.call("INCR", "n:a"));
            assertEquals(":11\r\n", c.call("INCRBY", "n:a", "10"));
            assertEquals(":10\r\n", c.call("DECR", "n:a"));
            assertEquals(":-10\r\n", c.call("DECRBY", "n:a", "20"));
            assertEquals("-ERR value is not an integer or out of range\r\n", c.call("INCRBY", "n:a", "1.5"));
            c.call("SET", "n:text", "abc");
            assertEquals("-ERR value is not an integer or out of range\r\n", c.call("INCR", "n:text"));
            c.call("SET", "n:lead", "007");
            assertEquals("-ERR value is not an integer or out of range\r\n", c.call("INCR", "n:lead"));
            c.call("SET", "n:max", Long.toString(Long.MAX_VALUE));
            assertEquals("-ERR increment or decrement would overflow\r\n", c.call("INCR", "n:max"));
            assertEquals("-ERR decrement would overflow\r\n", c.call("DECRBY", "n:a", Long.toString(Long.MIN_VALUE)));
            assertEquals("+OK\r\n", c.call("SET", "n:ttl", "1", "EX", "100"));
            c.call("INCR", "n:ttl");
            assertTrue(c.call("TTL", "n:ttl").matches(":(99|100)\r\n"), "INCR keeps the expiry");
        }
    }

    @Test
    void pipelinedCommandsAreAnsweredInOrder() throws Exception {
        try (RawClient c = new RawClient(server.respPort())) {
            StringBuilder pipeline = new StringBuilder();
            for (int i = 0; i < 500; i++) {
                pipeline.append(RawClient.multibulk("INCR", "p:n")).append("PING\r\n");
            }
            c.send(pipeline.toString());
            for (int i = 1; i <= 500; i++) {
                assertEquals(":" + i + "\r\n", c.reply());
                assertEquals("+PONG\r\n", c.reply());
            }
        }
    }

    @Test
    void keysAndValuesAreBinarySafe() throws Exception {
        try (RawClient c = new RawClient(server.respPort())) {
            String key = "b:\0\r\n\u00ff";
            String value = "\r\n\0 \u0080";
            assertEquals("+OK\r\n", c.call("SET", key, value));
            assertEquals("$5\r\n" + value + "\r\n", c.call("GET", key));
            assertEquals(":1\r\n", c.call("EXISTS", key));
        }
    }
}
