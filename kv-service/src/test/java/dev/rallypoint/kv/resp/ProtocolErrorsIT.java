package dev.rallypoint.kv.resp;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** {@link ProtocolErrorsTest} against the packaged service: the jar, or with -Dnative the native executable. */
@QuarkusIntegrationTest
class ProtocolErrorsIT extends ProtocolErrorsTest {
}
