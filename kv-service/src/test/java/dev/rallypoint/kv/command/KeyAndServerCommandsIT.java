package dev.rallypoint.kv.command;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** {@link KeyAndServerCommandsTest} against the packaged service: the jar, or with -Dnative the native executable. */
@QuarkusIntegrationTest
class KeyAndServerCommandsIT extends KeyAndServerCommandsTest {
}
