package dev.rallypoint.matchmaker;

import dev.rallypoint.common.testing.HealthContract;
import dev.rallypoint.common.testing.RedisTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

@QuarkusTest
@TestProfile(HealthTest.OwnRedis.class)
@WithTestResource(RedisTestResource.class)
class HealthTest extends HealthContract {

    /** A profile of its own: this test stops its Redis, which no other test class may share. */
    public static class OwnRedis implements QuarkusTestProfile {
    }
}
