package dev.rallypoint.kv;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The string transcript against the redis store (its Redis is 6.2): the same replies as redis-server 7. */
@QuarkusTest
@TestProfile(RedisStoreProfile.class)
class RedisStoreParityTest extends RedisParityTest {

    // The config transcript is the memory store's: the redis store keeps no append-only file.
    @Override
    @ParameterizedTest
    @ValueSource(strings = {"strings", "hashes"})
    void everyReplyIsRedisOwn(String transcript) throws Exception {
        super.everyReplyIsRedisOwn(transcript);
    }
}
