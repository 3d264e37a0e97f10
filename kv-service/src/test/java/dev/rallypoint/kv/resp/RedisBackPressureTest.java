package dev.rallypoint.kv.resp;

import dev.rallypoint.kv.RedisStoreProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** The same tests with the keys on the shared Redis, where the hot commands are forwarded. */
@QuarkusTest
@TestProfile(RedisStoreProfile.class)
class RedisBackPressureTest extends BackPressureTest {
}
