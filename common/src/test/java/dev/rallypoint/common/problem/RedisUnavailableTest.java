package dev.rallypoint.common.problem;

import io.vertx.core.http.ConnectionPoolTooBusyException;
import org.junit.jupiter.api.Test;

import java.net.ConnectException;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The failures of the Redis client's own texts that mean "Redis cannot serve now" (503), and those that do not (500). */
class RedisUnavailableTest {

    @Test
    void anOutageOrAFullQueueIsUnavailable() {
        assertTrue(RedisUnavailable.is(new ConnectException("Connection refused")));
        assertTrue(RedisUnavailable.is(new ConnectionPoolTooBusyException("too busy")));
        // The Vert.x client's refusal when a connection already has its maximum of commands in flight.
        assertTrue(RedisUnavailable.is(new IllegalStateException("Redis waiting queue is full")));
        assertTrue(RedisUnavailable.is(new RuntimeException("wrapped", new RuntimeException("LOADING Redis is loading"))));
        // What the epoll transport reports when Redis goes away while a command waits for its reply, or as one is written.
        assertTrue(RedisUnavailable.is(new java.io.IOException("recvAddress(..) failed with error(-104): Connection reset by peer")));
        assertTrue(RedisUnavailable.is(new java.io.IOException("sendAddress(..) failed with error(-32): Broken pipe")));
        // What the client fails a command with when Redis closed the connection before it answered.
        assertTrue(RedisUnavailable.is(io.vertx.redis.client.impl.types.ErrorType.create("CONNECTION_CLOSED")));
    }

    @Test
    void aBadCommandIsNot() {
        assertFalse(RedisUnavailable.is(new RuntimeException("ERR wrong number of arguments for 'get' command")));
        assertFalse(RedisUnavailable.is(new RuntimeException("WRONGTYPE Operation against a key holding the wrong kind of value")));
    }
}
