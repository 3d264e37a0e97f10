package dev.rallypoint.leaderboard.ratings;

import dev.rallypoint.common.testing.PackagedServicePorts;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;

/** {@link RatingsTest} against the packaged service: the jar, or with -Dnative the native executable. */
@QuarkusIntegrationTest
@WithTestResource(PackagedServicePorts.class)
class RatingsIT extends RatingsTest {
}
