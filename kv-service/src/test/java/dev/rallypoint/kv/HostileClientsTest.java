package dev.rallypoint.kv;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What an attacker tries first, each over real sockets: none of it stalls the server or takes it over. */
@QuarkusTest
@TestProfile(HostileClientsTest.Exposed.class)
class HostileClientsTest {

    /** A password, and small limits so that reaching them is cheap. */
    public static class Exposed implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("kv.password", PASSWORD, "kv.max-clients-per-address", "4", "kv.auth-timeout", "3s",
                    "kv.output-timeout", "1s", "kv.max-reply-bytes", "1048576");
        }
    }

    private static final String PASSWORD = "right-horse";
    private static final String OK = "+OK\r\n";
    private static final String WRONGPASS = "-WRONGPASS invalid username-password pair or user is disabled.\r\n";

    @Inject
    KvServer server;

    private RawClient authenticated(String from) throws Exception {
        RawClient c = new RawClient(server.respPort(), from);
        assertEquals(OK, c.call("AUTH", PASSWORD));
        return c;
    }

    @Test
    void aPatternOfManyStarsIsAnsweredAtOnceAndOthersAreServedMeanwhile() throws Exception {
        try (RawClient c = authenticated("127.0.0.1"); RawClient other = authenticated("127.0.0.1")) {
            for (int length = 40; length < 240; length++) {
                assertEquals(OK, c.call("SET", "a".repeat(length), "v"));
            }
            // Before Redis's early exit, one such key took minutes; here 200 of them.
            c.send(RawClient.multibulk("KEYS", "a*a*a*a*a*a*a*a*a*b"));
            assertEquals("+PONG\r\n", other.call("PING"));
            assertEquals("*0\r\n", c.reply());
            assertEquals(":200\r\n", c.call(del(40, 240)));
        }
    }

    private static String[] del(int from, int to) {
        List<String> argv = new ArrayList<>(List.of("DEL"));
        for (int length = from; length < to; length++) {
            argv.add("a".repeat(length));
        }
        return argv.toArray(new String[0]);
    }

    @Test
    void aReplyPastTheLimitIsAnErrorAndTheClientGoesOn() throws Exception {
        try (RawClient c = authenticated("127.0.0.1")) {
            assertEquals(OK, c.call("SET", "hostile:v", "x".repeat(1000)));
            String[] mget = new String[2001];
            mget[0] = "MGET";
            java.util.Arrays.fill(mget, 1, mget.length, "hostile:v");
            assertEquals("-ERR reply larger than kv.max-reply-bytes (1048576 bytes): ask for less at a time "
                    + "(SCAN, a shorter MGET)\r\n", c.call(mget));
            // One value is never refused: it is held already, and refusing it would make it unreadable.
            String big = "y".repeat(2 * 1024 * 1024);
            assertEquals(OK, c.call("SET", "hostile:big", big));
            assertEquals("$" + big.length() + "\r\n" + big + "\r\n", c.call("GET", "hostile:big"));
            assertEquals(":2\r\n", c.call("DEL", "hostile:v", "hostile:big"));
        }
    }

    @Test
    void anLcsWhoseTableWouldPassTheReplyBoundIsRefused() throws Exception {
        try (RawClient c = authenticated("127.0.0.1")) {
            // 601 x 601 positions of 4 bytes: 1.4 MB of table, past this profile's 1 MiB.
            assertEquals(OK, c.call("MSET", "hostile:a", "a".repeat(600), "hostile:b", "b".repeat(600)));
            assertEquals("-ERR Insufficient memory, transient memory for LCS exceeds proto-max-bulk-len\r\n",
                    c.call("LCS", "hostile:a", "hostile:b"));
            // 401 x 401 positions: 643 KB, within it.
            assertEquals(OK, c.call("MSET", "hostile:a", "a".repeat(400), "hostile:b", "xa".repeat(200)));
            assertEquals(":200\r\n", c.call("LCS", "hostile:a", "hostile:b", "LEN"));
            assertEquals(":2\r\n", c.call("DEL", "hostile:a", "hostile:b"));
        }
    }

    @Test
    void beforeAuthOnlySmallRequestsAreRead() throws Exception {
        try (RawClient c = new RawClient(server.respPort())) {
            // The start of a 512 MiB password: cut off at its header, not read.
            c.send("*2\r\n$4\r\nAUTH\r\n$536870912\r\n" + "x".repeat(64 * 1024));
            assertEquals("-ERR Protocol error: unauthenticated bulk length\r\n", c.reply());
            assertEquals("", c.rest(), "one error, then the close");
        }
        try (RawClient c = new RawClient(server.respPort())) {
            c.send("*11\r\n");
            assertEquals("-ERR Protocol error: unauthenticated multibulk length\r\n", c.reply());
            assertTrue(c.closedByServer());
        }
        try (RawClient c = new RawClient(server.linePort())) {
            c.send("AUTH " + "x".repeat(20_000));
            assertEquals("ERR Protocol error: too big inline request\n", c.line());
            assertTrue(c.closedByServer());
        }
    }

    @Test
    void guessesSentAtOnceAreAnsweredOneTurnAfterAnother() throws Exception {
        String from = "127.0.0.3";
        try (RawClient first = new RawClient(server.respPort(), from)) {
            for (int i = 0; i < 3; i++) {
                assertEquals(WRONGPASS, first.call("AUTH", "guess" + i), "the free failures");
            }
        }
        List<RawClient> guessers = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                guessers.add(new RawClient(server.respPort(), from));
            }
            long start = System.nanoTime();
            guessers.get(0).send(RawClient.multibulk("AUTH", "guess3"));
            guessers.get(1).send(RawClient.multibulk("AUTH", "guess4"));
            guessers.get(2).send(RawClient.multibulk("AUTH", PASSWORD));
            List<CompletableFuture<Long>> answered = new ArrayList<>();
            for (RawClient guesser : guessers) {
                answered.add(CompletableFuture.supplyAsync(() -> {
                    try {
                        guesser.reply();
                        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }));
            }
            long last = 0;
            for (CompletableFuture<Long> reply : answered) {
                last = Math.max(last, reply.get(10, TimeUnit.SECONDS));
            }
            // Three turns of 250, 500 and 1000 ms, one after another: at once, the last would come after 1 s.
            assertTrue(last >= 1750, "the three replies took " + last + " ms");
            assertTrue(answered.get(2).get() >= 250, "the right password waited its turn too");
            assertEquals("+PONG\r\n", guessers.get(2).call("PING"));
        } finally {
            for (RawClient guesser : guessers) {
                guesser.close();
            }
        }
    }

    @Test
    void oneAddressCannotTakeEverySlot() throws Exception {
        List<RawClient> clients = new ArrayList<>();
        try {
            for (int i = 0; i < 4; i++) {
                RawClient c = new RawClient(i % 2 == 0 ? server.respPort() : server.linePort(), "127.0.0.4");
                clients.add(c);
                // Answered: the server has taken this one in before the next knocks.
                c.send(i % 2 == 0 ? RawClient.multibulk("PING") : "PING\n");
                assertTrue(c.line().contains("NOAUTH"));
            }
            try (RawClient fifth = new RawClient(server.respPort(), "127.0.0.4")) {
                assertEquals("-ERR max number of clients from one address reached\r\n", fifth.line());
                assertTrue(fifth.closedByServer());
            }
            try (RawClient fifth = new RawClient(server.linePort(), "127.0.0.4")) {
                assertEquals("ERR max number of clients from one address reached\n", fifth.line());
            }
            try (RawClient elsewhere = new RawClient(server.respPort(), "127.0.0.5")) {
                assertEquals(OK, elsewhere.call("AUTH", PASSWORD), "another address still gets in");
            }
        } finally {
            for (RawClient c : clients) {
                c.close();
            }
        }
    }

    @Test
    void aClientThatNeverAuthenticatesIsClosed() throws Exception {
        try (RawClient idle = new RawClient(server.respPort(), "127.0.0.6")) {
            idle.send(RawClient.multibulk("PING"));
            assertEquals("-NOAUTH Authentication required.\r\n", idle.reply());
            assertEquals("-ERR no AUTH within kv.auth-timeout: closing the connection\r\n", idle.reply());
            assertTrue(idle.closedByServer());
        }
    }

    @Test
    void aClientThatDoesNotReadItsRepliesIsClosed() throws Exception {
        try (RawClient writer = authenticated("127.0.0.7")) {
            assertEquals(OK, writer.call("SET", "hostile:mb", "z".repeat(1024 * 1024)));
            try (RawClient deaf = new RawClient(server.respPort(), "127.0.0.7", 4096)) {
                assertEquals(OK, deaf.call("AUTH", PASSWORD));
                StringBuilder gets = new StringBuilder();
                for (int i = 0; i < 300; i++) {
                    gets.append(RawClient.multibulk("GET", "hostile:mb"));
                }
                deaf.send(gets.toString());
                // 300 MiB of replies nobody reads: the server stops, then lets go of the client.
                await().atMost(Duration.ofSeconds(30)).until(() -> server.connections() == 1);
            }
            assertEquals(":1\r\n", writer.call("DEL", "hostile:mb"));
        }
    }
}
