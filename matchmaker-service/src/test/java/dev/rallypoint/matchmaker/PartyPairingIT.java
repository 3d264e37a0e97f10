package dev.rallypoint.matchmaker;

import dev.rallypoint.common.testing.PackagedServicePorts;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;

/** {@link PartyPairingTest} against the packaged service: the jar, or with -Dnative the native executable. */
@QuarkusIntegrationTest
@WithTestResource(PackagedServicePorts.class)
class PartyPairingIT extends PartyPairingTest {
}
