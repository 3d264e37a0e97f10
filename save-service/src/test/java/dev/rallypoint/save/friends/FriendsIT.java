package dev.rallypoint.save.friends;

import dev.rallypoint.common.testing.PackagedServicePorts;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;

/** {@link FriendsTest} against the packaged service: the jar, or with -Dnative the native executable. */
@QuarkusIntegrationTest
@WithTestResource(PackagedServicePorts.class)
class FriendsIT extends FriendsTest {
}
