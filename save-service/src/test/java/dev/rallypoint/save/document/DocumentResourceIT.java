package dev.rallypoint.save.document;

import dev.rallypoint.common.testing.PackagedServicePorts;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;

/** {@link DocumentResourceTest} against the packaged service: the jar, or with -Dnative the native executable. */
@QuarkusIntegrationTest
@WithTestResource(PackagedServicePorts.class)
class DocumentResourceIT extends DocumentResourceTest {
}
