package dev.rallypoint.kv.line;

import dev.rallypoint.kv.RedisStoreProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** The same tests with the keys on the shared Redis. */
@QuarkusTest
@TestProfile(RedisStoreProfile.class)
class RedisLineProtocolTest extends LineProtocolTest {
}
