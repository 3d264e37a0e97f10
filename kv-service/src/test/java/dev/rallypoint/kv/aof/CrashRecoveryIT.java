package dev.rallypoint.kv.aof;

import dev.rallypoint.kv.RawClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** kv-service as its own process, killed with kill -9 and started again on its append-only file. */
class CrashRecoveryIT {

    private static final int KEYS = 100_000;
    private static final int CONNECTIONS = 4;
    private static final int BATCH = 500;

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"always", "everysec"})
    void everyAcknowledgedKeyIsBackAfterKill9(String fsync) throws Exception {
        try (KvProcess kv = KvProcess.start(dir.resolve("data"), Map.of("kv.aof.fsync", fsync))) {
            writeKeys(kv, "key:");
            // Writes still arriving when the process dies: each one acknowledged must come back too.
            AtomicLong lateAcked = new AtomicLong();
            AtomicBoolean dead = new AtomicBoolean();
            Thread late = Thread.ofPlatform().start(() -> writeUntilDead(kv, lateAcked, dead));
            await().atMost(Duration.ofSeconds(30)).until(() -> lateAcked.get() >= 500);
            kv.kill();
            dead.set(true);
            late.join();

            kv.start();
            assertKeys(kv, "key:", KEYS);
            assertKeys(kv, "late:", (int) lateAcked.get());
        }
    }

    @Test
    void everysecLosesNothingOnACleanShutdown() throws Exception {
        try (KvProcess kv = KvProcess.start(dir.resolve("data"), Map.of("kv.aof.fsync", "everysec"))) {
            writeKeys(kv, "key:");
            kv.stop();
            kv.start();
            assertKeys(kv, "key:", KEYS);
        }
    }

    @Test
    void aFileCutInsideItsLastRecordStartsWithEveryCompleteRecord() throws Exception {
        try (KvProcess kv = KvProcess.start(dir.resolve("data"), Map.of("kv.aof.fsync", "always"))) {
            try (RawClient c = new RawClient(kv.respPort())) {
                for (int i = 0; i < 1_000; i++) {
                    assertEquals("+OK\r\n", c.call("SET", "torn:" + i, "value-" + i));
                }
            }
            kv.kill();
            Path file = kv.appendOnlyFile();
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
                channel.truncate(channel.size() - 7);
            }
            kv.start();
            assertKeys(kv, "torn:", 999);
            try (RawClient c = new RawClient(kv.respPort())) {
                assertEquals("$-1\r\n", c.call("GET", "torn:999"));
                assertEquals(":999\r\n", c.call("DBSIZE"));
            }
            assertTrue(kv.log().contains("ends inside a record"), "the cut is logged");
        }
    }

    @Test
    void expiredKeysStayExpiredAfterARestart() throws Exception {
        try (KvProcess kv = KvProcess.start(dir.resolve("data"), Map.of())) {
            try (RawClient c = new RawClient(kv.respPort())) {
                assertEquals("+OK\r\n", c.call("SET", "short", "v", "PX", "300"));
                assertEquals("+OK\r\n", c.call("SET", "long", "v", "EX", "1000"));
                assertEquals("+OK\r\n", c.call("SET", "later", "v"));
                assertEquals(":1\r\n", c.call("PEXPIRE", "later", "400"));
                await().atMost(Duration.ofSeconds(5)).until(() ->
                        c.call("GET", "short").equals("$-1\r\n") && c.call("GET", "later").equals("$-1\r\n"));
            }
            kv.kill();
            kv.start();
            try (RawClient c = new RawClient(kv.respPort())) {
                assertEquals("$-1\r\n", c.call("GET", "short"));
                assertEquals("$-1\r\n", c.call("GET", "later"));
                String ttl = c.call("TTL", "long");
                assertTrue(ttl.matches(":9[0-9]{2}\r\n|:1000\r\n"), ttl);
            }
        }
    }

    @Test
    void compactionUnderConcurrentWritesLosesNoWriteAndShrinksTheFile() throws Exception {
        Map<String, String> small = Map.of("kv.aof.rewrite-min-size", "1000000", "kv.aof.rewrite-percentage", "50");
        try (KvProcess kv = KvProcess.start(dir.resolve("data"), small)) {
            int keysPerWriter = 250;
            String padding = "x".repeat(200);
            // Each writer overwrites its own keys with the round number, round after round, until
            // the file has been compacted twice meanwhile; lastRound is the last acknowledged one.
            int[] lastRound = new int[CONNECTIONS];
            AtomicBoolean stop = new AtomicBoolean();
            List<Thread> writers = new ArrayList<>();
            List<Throwable> failures = new ArrayList<>();
            for (int w = 0; w < CONNECTIONS; w++) {
                int writer = w;
                writers.add(Thread.ofPlatform().start(() -> {
                    try (RawClient c = new RawClient(kv.respPort())) {
                        for (int round = 1; !stop.get(); round++) {
                            StringBuilder batch = new StringBuilder();
                            for (int k = 0; k < keysPerWriter; k++) {
                                batch.append(RawClient.multibulk("SET", "c:" + writer + ":" + k, round + ":" + padding));
                            }
                            c.send(batch.toString());
                            for (int k = 0; k < keysPerWriter; k++) {
                                assertEquals("+OK\r\n", c.reply());
                            }
                            lastRound[writer] = round;
                        }
                    } catch (Throwable e) {
                        synchronized (failures) {
                            failures.add(e);
                        }
                    }
                }));
            }
            try (RawClient c = new RawClient(kv.respPort())) {
                await().atMost(Duration.ofSeconds(60)).until(() -> info(c, "aof_rewrites") >= 2 || !failures.isEmpty());
                stop.set(true);
                for (Thread t : writers) {
                    t.join();
                }
                assertEquals(List.of(), failures);
                await().atMost(Duration.ofSeconds(30)).until(() -> info(c, "aof_rewrite_in_progress") == 0);
                for (int i = 0; i < 2_000; i++) {
                    c.call("SET", "c:0:0", lastRound[0] + ":" + padding);
                }
                long before = Files.size(kv.appendOnlyFile());
                long done = info(c, "aof_rewrites");
                assertEquals("+Background append only file rewriting started\r\n", c.call("BGREWRITEAOF"));
                await().atMost(Duration.ofSeconds(30)).until(() -> info(c, "aof_rewrites") > done);
                assertTrue(Files.size(kv.appendOnlyFile()) < before, "the file shrinks");
            }
            kv.kill();
            kv.start();
            try (RawClient c = new RawClient(kv.respPort())) {
                for (int w = 0; w < CONNECTIONS; w++) {
                    String value = lastRound[w] + ":" + padding;
                    for (int k = 0; k < keysPerWriter; k++) {
                        assertEquals("$" + value.length() + "\r\n" + value + "\r\n", c.call("GET", "c:" + w + ":" + k));
                    }
                }
                assertEquals(":" + (CONNECTIONS * keysPerWriter) + "\r\n", c.call("DBSIZE"));
            }
        }
    }

    /** Writes key:0 .. key:99999 over several pipelined connections and waits for every OK. */
    private static void writeKeys(KvProcess kv, String prefix) throws Exception {
        List<Thread> writers = new ArrayList<>();
        List<Throwable> failures = new ArrayList<>();
        int perConnection = KEYS / CONNECTIONS;
        for (int w = 0; w < CONNECTIONS; w++) {
            int first = w * perConnection;
            writers.add(Thread.ofPlatform().start(() -> {
                try (RawClient c = new RawClient(kv.respPort())) {
                    for (int from = first; from < first + perConnection; from += BATCH) {
                        StringBuilder batch = new StringBuilder();
                        for (int i = from; i < from + BATCH; i++) {
                            batch.append(RawClient.multibulk("SET", prefix + i, "value-" + i));
                        }
                        c.send(batch.toString());
                        for (int i = 0; i < BATCH; i++) {
                            assertEquals("+OK\r\n", c.reply());
                        }
                    }
                } catch (Throwable e) {
                    synchronized (failures) {
                        failures.add(e);
                    }
                }
            }));
        }
        for (Thread t : writers) {
            t.join();
        }
        assertEquals(List.of(), failures);
    }

    /** Writes late:0, late:1, ... one at a time, counting acknowledgements, until the server dies. */
    private static void writeUntilDead(KvProcess kv, AtomicLong acked, AtomicBoolean dead) {
        try (RawClient c = new RawClient(kv.respPort())) {
            for (long i = 0; ; i++) {
                if (!c.call("SET", "late:" + i, "value-" + i).equals("+OK\r\n")) {
                    throw new AssertionError("late:" + i + " not acknowledged");
                }
                acked.incrementAndGet();
            }
        } catch (IOException e) {
            if (!dead.get()) {
                // The kill races with the last reply; only a failure before it is an error.
                await().atMost(Duration.ofSeconds(30)).untilTrue(dead);
            }
        }
    }

    /** Every key prefix0 .. prefix(count-1) holds value-i. */
    private static void assertKeys(KvProcess kv, String prefix, int count) throws IOException {
        try (RawClient c = new RawClient(kv.respPort())) {
            for (int from = 0; from < count; from += 1_000) {
                int to = Math.min(count, from + 1_000);
                String[] mget = new String[1 + to - from];
                mget[0] = "MGET";
                StringBuilder expected = new StringBuilder("*").append(to - from).append("\r\n");
                for (int i = from; i < to; i++) {
                    mget[1 + i - from] = prefix + i;
                    String value = "value-" + i;
                    expected.append('$').append(value.length()).append("\r\n").append(value).append("\r\n");
                }
                assertEquals(expected.toString(), c.call(mget), "keys " + prefix + from + " to " + prefix + (to - 1));
            }
        }
    }

    private static long info(RawClient c, String field) throws IOException {
        Matcher m = Pattern.compile(field + ":(\\d+)").matcher(c.call("INFO"));
        assertTrue(m.find(), field);
        return Long.parseLong(m.group(1));
    }
}
