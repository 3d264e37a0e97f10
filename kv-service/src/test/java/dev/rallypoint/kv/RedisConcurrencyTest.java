package dev.rallypoint.kv;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** The same concurrency guarantees with the keys on the shared Redis. */
@QuarkusTest
@TestProfile(RedisStoreProfile.class)
class RedisConcurrencyTest extends ConcurrencyTest {
}
