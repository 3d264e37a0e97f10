package dev.rallypoint.kv;

import dev.rallypoint.common.testing.TestRedis;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The same command transcripts sent to Debian's redis-server 7 and to kv-service: every reply
 * must be the same bytes. Without /usr/bin/redis-server (a laptop) the test is skipped; CI
 * installs it.
 */
@QuarkusTest
class RedisParityTest {

    private static final Path REDIS_7 = Path.of("/usr/bin/redis-server");
    private static Process redis;
    private static int redisPort;

    @Inject
    KvServer server;

    @BeforeAll
    static void startRedis() throws Exception {
        assumeTrue(Files.isExecutable(REDIS_7), "the parity test needs Debian's redis-server 7 (apt-get install redis-server)");
        redisPort = TestRedis.freePort();
        redis = new ProcessBuilder(REDIS_7.toString(), "--port", Integer.toString(redisPort), "--bind", "127.0.0.1",
                "--save", "", "--appendonly", "no", "--daemonize", "no")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!answers(redisPort)) {
            if (!redis.isAlive() || System.nanoTime() > deadline) {
                throw new IllegalStateException("redis-server did not start on port " + redisPort);
            }
            Thread.onSpinWait();
        }
    }

    @AfterAll
    static void stopRedis() throws Exception {
        if (redis != null) {
            redis.destroy();
            redis.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"strings", "hashes", "config"})
    void everyReplyIsRedisOwn(String transcript) throws Exception {
        try (RawClient reference = new RawClient(redisPort); RawClient kv = new RawClient(server.respPort())) {
            assertEquals(reference.call("FLUSHALL"), kv.call("FLUSHALL"));
            int lineNumber = 0;
            for (String line : lines(transcript)) {
                lineNumber++;
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] argv = split(line);
                assertEquals(reference.call(argv), kv.call(argv), transcript + ".txt line " + lineNumber + ": " + line);
            }
        }
    }

    private static List<String> lines(String transcript) throws IOException {
        try (InputStream in = RedisParityTest.class.getResourceAsStream("/parity/" + transcript + ".txt")) {
            return List.of(new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n", -1));
        }
    }

    /** Words split by spaces; "double quotes" group words and may be empty. */
    private static String[] split(String line) {
        List<String> words = new ArrayList<>();
        StringBuilder word = null;
        boolean quoted = false;
        for (char c : line.toCharArray()) {
            if (c == '"') {
                quoted = !quoted;
                if (word == null) {
                    word = new StringBuilder();
                }
            } else if (c == ' ' && !quoted) {
                if (word != null) {
                    words.add(word.toString());
                    word = null;
                }
            } else {
                if (word == null) {
                    word = new StringBuilder();
                }
                word.append(c);
            }
        }
        if (word != null) {
            words.add(word.toString());
        }
        return words.toArray(new String[0]);
    }

    private static boolean answers(int port) {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
