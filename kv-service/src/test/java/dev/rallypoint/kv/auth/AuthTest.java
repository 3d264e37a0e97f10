package dev.rallypoint.kv.auth;

import dev.rallypoint.kv.KvPorts;
import dev.rallypoint.kv.RawClient;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@WithTestResource(KvPorts.class)
@TestProfile(AuthTest.WithPassword.class)
class AuthTest {

    public static class WithPassword implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("kv.password", "s3cret pass");
        }
    }

    private static final String NOAUTH = "-NOAUTH Authentication required.\r\n";
    private static final String WRONGPASS = "-WRONGPASS invalid username-password pair or user is disabled.\r\n";

    KvPorts.Ports server;

    @Test
    void respNeedsAuthBeforeAnyCommand() throws Exception {
        try (RawClient c = new RawClient(server.respPort())) {
            assertEquals(NOAUTH, c.call("GET", "a:k"));
            assertEquals(NOAUTH, c.call("SET", "a:k", "v"));
            assertEquals(NOAUTH, c.call("PING"));
            assertEquals("-ERR unknown command 'NOSUCH', with args beginning with: \r\n", c.call("NOSUCH"),
                    "as in Redis, an unknown command is reported before the missing AUTH");
            assertEquals(WRONGPASS, c.call("AUTH", "wrong"));
            assertEquals(WRONGPASS, c.call("AUTH", "someone", "s3cret pass"), "only the default user");
            assertEquals(NOAUTH, c.call("GET", "a:k"), "a failed AUTH leaves the client out");
            assertEquals("+OK\r\n", c.call("AUTH", "s3cret pass"));
            assertEquals("+OK\r\n", c.call("SET", "a:k", "v"));
            assertEquals("$1\r\nv\r\n", c.call("GET", "a:k"));
        }
        try (RawClient c = new RawClient(server.respPort())) {
            assertEquals("+OK\r\n", c.call("AUTH", "default", "s3cret pass"));
            assertEquals("$1\r\nv\r\n", c.call("GET", "a:k"));
        }
    }

    @Test
    void helloAuthenticatesOrIsRefused() throws Exception {
        try (RawClient c = new RawClient(server.respPort())) {
            assertTrue(c.call("HELLO", "2").startsWith("-NOAUTH HELLO must be called with the client already authenticated"));
            assertEquals(WRONGPASS, c.call("HELLO", "2", "AUTH", "default", "nope"));
            assertTrue(c.call("HELLO", "2", "AUTH", "default", "s3cret pass").startsWith("*14\r\n"));
            assertEquals("+PONG\r\n", c.call("PING"));
        }
    }

    @Test
    void lineProtocolNeedsAuthToo() throws Exception {
        // Failures count per address: this test's own, so that the others start unthrottled.
        try (RawClient c = new RawClient(server.linePort(), "127.0.0.8")) {
            c.send("GET a:line\n");
            assertEquals("NOAUTH Authentication required.\n", c.line());
            c.send("AUTH wrong\n");
            assertEquals("WRONGPASS invalid username-password pair or user is disabled.\n", c.line());
            c.send("SET a:line v\n");
            assertEquals("NOAUTH Authentication required.\n", c.line());
            c.send("AUTH\n");
            assertEquals("ERR wrong number of arguments for 'auth' command\n", c.line());
            c.send("AUTH s3cret pass\n");
            assertEquals("WRONGPASS invalid username-password pair or user is disabled.\n", c.line(),
                    "words split by spaces: a user 's3cret' and a password 'pass'");
        }
    }

    @Test
    void repeatedFailuresAreHeldBackButEveryOneIsAnswered() throws Exception {
        try (RawClient c = new RawClient(server.respPort(), "127.0.0.9")) {
            // Pipelined guesses: beyond the free ones each reply waits, and commands after it wait too.
            StringBuilder guesses = new StringBuilder();
            for (int i = 0; i < FailureThrottle.FREE_FAILURES + 2; i++) {
                guesses.append(RawClient.multibulk("AUTH", "guess" + i));
            }
            guesses.append(RawClient.multibulk("AUTH", "s3cret pass")).append(RawClient.multibulk("PING"));
            c.send(guesses.toString());
            for (int i = 0; i < FailureThrottle.FREE_FAILURES + 2; i++) {
                assertEquals(WRONGPASS, c.reply());
            }
            assertEquals("+OK\r\n", c.reply());
            assertEquals("+PONG\r\n", c.reply());
        }
    }
}
