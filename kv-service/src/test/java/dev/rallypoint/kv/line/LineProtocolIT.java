package dev.rallypoint.kv.line;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** {@link LineProtocolTest} against the packaged service: the jar, or with -Dnative the native executable. */
@QuarkusIntegrationTest
class LineProtocolIT extends LineProtocolTest {
}
