package dev.rallypoint.common.redis;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;

/**
 * A script's refusal reads the same on every Redis: {@code redis.error_reply('not_found')} comes
 * back as "not_found" from 6.2 and as "ERR not_found" from 7.0 on.
 */
class LuaScriptTest {

    @Test
    void theErrPrefixOfRedis7IsTakenOffARefusal() {
        assertEquals("not_found", LuaScript.asWritten(new RuntimeException("ERR not_found")).getMessage());
        assertEquals("too_soon 1500", LuaScript.asWritten(new RuntimeException("ERR too_soon 1500")).getMessage());
        assertInstanceOf(LuaScript.Refusal.class, LuaScript.asWritten(new RuntimeException("ERR version_mismatch")));
    }

    @Test
    void otherFailuresStayAsTheyAre() {
        for (String message : new String[] {"not_found", "ERR user_script:3: Script attempted to access a non local key",
                "ERR Error running script", "LOADING Redis is loading the dataset in memory", "NOSCRIPT No matching script"}) {
            RuntimeException failure = new RuntimeException(message);
            assertSame(failure, LuaScript.asWritten(failure), message);
        }
    }
}
