package dev.rallypoint.kv.auth;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** {@link AuthTest} against the packaged service: the jar, or with -Dnative the native executable. */
@QuarkusIntegrationTest
class AuthIT extends AuthTest {
}
