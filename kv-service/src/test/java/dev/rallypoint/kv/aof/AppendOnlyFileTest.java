package dev.rallypoint.kv.aof;

import dev.rallypoint.kv.store.Key;
import dev.rallypoint.kv.store.MemoryStore;
import dev.rallypoint.kv.store.Store.Condition;
import dev.rallypoint.kv.store.Store.ExpireCondition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AppendOnlyFileTest {

    private static final long NO_COMPACTION = Long.MAX_VALUE;

    @TempDir
    Path dir;

    @Test
    void replayRebuildsEveryKindOfChange() throws Exception {
        MemoryStore store = new MemoryStore(512L * 1024 * 1024);
        long later = System.currentTimeMillis() + 600_000;
        try (AppendOnlyFile aof = open(store, FsyncPolicy.ALWAYS)) {
            store.set(Key.of("gone"), b("x"), Condition.ALWAYS, 0, false);
            store.flush();
            store.set(Key.of("plain"), b("v1"), Condition.ALWAYS, 0, false);
            store.set(Key.of("ttl"), b("v2"), Condition.ALWAYS, later, false);
            store.mset(new Key[] {Key.of("m1"), Key.of("m2")}, new byte[][] {b("a"), b("b")}, false);
            store.incrBy(Key.of("counter"), 41);
            store.incrBy(Key.of("counter"), 1);
            store.append(Key.of("plain"), b("+tail"));
            store.del(new Key[] {Key.of("m2"), Key.of("missing")});
            store.set(Key.of("persisted"), b("p"), Condition.ALWAYS, later, false);
            store.persist(Key.of("persisted"));
            store.set(Key.of("expiring"), b("e"), Condition.ALWAYS, 0, false);
            store.expireAt(Key.of("expiring"), later + 1000, ExpireCondition.ALWAYS, false);
            store.set(Key.of("binary\r\n"), new byte[] {0, '\r', '\n', (byte) 0xff}, Condition.ALWAYS, 0, false);
            store.awaitDurable();
        }
        MemoryStore replayed = reopen();
        assertEquals(7, replayed.size());
        assertArrayEquals(b("v1+tail"), replayed.get(Key.of("plain")));
        assertArrayEquals(b("42"), replayed.get(Key.of("counter")));
        assertArrayEquals(b("a"), replayed.get(Key.of("m1")));
        assertNull(replayed.get(Key.of("m2")));
        assertNull(replayed.get(Key.of("gone")));
        assertEquals(-1, replayed.pttl(Key.of("persisted")));
        assertArrayEquals(new byte[] {0, '\r', '\n', (byte) 0xff}, replayed.get(Key.of("binary\r\n")));
        // Absolute expiry times: the same deadline after the replay, not a fresh countdown.
        assertTrue(Math.abs(replayed.pttl(Key.of("ttl")) - (later - System.currentTimeMillis())) < 5_000);
        assertTrue(Math.abs(replayed.pttl(Key.of("expiring")) - (later + 1000 - System.currentTimeMillis())) < 5_000);
    }

    @Test
    void theRangeBitCopyRenameAndGetexChangesReplayAndSurviveCompaction() throws Exception {
        MemoryStore store = new MemoryStore(512L * 1024 * 1024);
        long later = System.currentTimeMillis() + 600_000;
        try (AppendOnlyFile aof = open(store, FsyncPolicy.ALWAYS)) {
            store.set(Key.of("range"), b("hello"), Condition.ALWAYS, later, false);
            store.setRange(Key.of("range"), 6, b("world"));
            store.setBit(Key.of("bits"), 9, 1);
            store.set(Key.of("source"), b("s"), Condition.ALWAYS, later, false);
            store.copy(Key.of("source"), Key.of("copied"), false);
            store.set(Key.of("old"), b("o"), Condition.ALWAYS, 0, false);
            store.set(Key.of("target"), b("t"), Condition.ALWAYS, later + 5_000, false);
            store.rename(Key.of("old"), Key.of("target"), false);
            store.set(Key.of("getex"), b("g"), Condition.ALWAYS, 0, false);
            store.getEx(Key.of("getex"), later);
            store.getEx(Key.of("source"), dev.rallypoint.kv.store.Store.PERSIST);
            store.awaitDurable();
        }
        for (int round = 0; round < 2; round++) {
            MemoryStore replayed = new MemoryStore(512L * 1024 * 1024);
            try (AppendOnlyFile aof = open(replayed, FsyncPolicy.ALWAYS)) {
                assertArrayEquals(b("hello\0world"), replayed.get(Key.of("range")));
                assertEquals(later, replayed.expireTime(Key.of("range")), "SETRANGE keeps the expiry");
                assertArrayEquals(new byte[] {0, 0x40}, replayed.get(Key.of("bits")));
                assertArrayEquals(b("s"), replayed.get(Key.of("copied")));
                assertEquals(later, replayed.expireTime(Key.of("copied")), "COPY copies the expiry");
                assertNull(replayed.get(Key.of("old")));
                assertArrayEquals(b("o"), replayed.get(Key.of("target")));
                assertEquals(-1, replayed.expireTime(Key.of("target")), "RENAME brings the source's lack of expiry");
                assertEquals(later, replayed.expireTime(Key.of("getex")));
                assertEquals(-1, replayed.expireTime(Key.of("source")));
                assertEquals(6, replayed.size());
                // The second round reads the file the compaction wrote.
                long compacted = aof.compactions();
                assertTrue(aof.compactInBackground());
                await().atMost(Duration.ofSeconds(30)).until(() -> aof.compactions() > compacted);
            }
        }
    }

    @Test
    void hashesReplayAndSurviveCompactionInTheirOrder() throws Exception {
        MemoryStore store = new MemoryStore(512L * 1024 * 1024);
        long later = System.currentTimeMillis() + 600_000;
        try (AppendOnlyFile aof = open(store, FsyncPolicy.ALWAYS)) {
            store.hset(Key.of("h"), new byte[][] {b("f1"), b("v1"), b("f2"), b("v2"), b("f3"), b("v3")}, false);
            store.hset(Key.of("h"), new byte[][] {b("f1"), b("changed")}, false);
            store.hdel(Key.of("h"), new byte[][] {b("f2")});
            store.hincrBy(Key.of("h"), b("n"), 41);
            store.hincrBy(Key.of("h"), b("n"), 1);
            store.hincrByFloat(Key.of("h"), b("x"), b("10.5"));
            store.hincrByFloat(Key.of("h"), b("x"), b("0.1"));
            store.expireAt(Key.of("h"), later, ExpireCondition.ALWAYS, false);
            store.hset(Key.of("gone"), new byte[][] {b("only"), b("1")}, false);
            store.hdel(Key.of("gone"), new byte[][] {b("only")});
            store.hset(Key.of("moved"), new byte[][] {b("a"), b("1")}, false);
            store.rename(Key.of("moved"), Key.of("renamed"), false);
            store.copy(Key.of("renamed"), Key.of("copied"), false);
            store.awaitDurable();
        }
        for (int round = 0; round < 2; round++) {
            MemoryStore replayed = new MemoryStore(512L * 1024 * 1024);
            try (AppendOnlyFile aof = open(replayed, FsyncPolicy.ALWAYS)) {
                assertEquals(List.of("f1", "changed", "f3", "v3", "n", "42", "x", "10.6"), strings(replayed.hgetAll(Key.of("h"))));
                assertEquals(later, replayed.expireTime(Key.of("h")));
                assertEquals("none", replayed.type(Key.of("gone")));
                assertEquals("none", replayed.type(Key.of("moved")));
                assertEquals(List.of("a", "1"), strings(replayed.hgetAll(Key.of("renamed"))));
                assertEquals(List.of("a", "1"), strings(replayed.hgetAll(Key.of("copied"))));
                assertEquals(3, replayed.size());
                // The second round reads the file the compaction wrote.
                long compacted = aof.compactions();
                assertTrue(aof.compactInBackground());
                await().atMost(Duration.ofSeconds(30)).until(() -> aof.compactions() > compacted);
            }
        }
    }

    @Test
    void aHashChangeOverAStringCopiedByACompactionReplays() throws Exception {
        // A compaction copies a key's newest state, and the changes made meanwhile follow it:
        // here the copy says string, a change from before the copy says hash, and the last change
        // sets the string again. The replay ends with the string, not a refusal to start.
        RecordBuffer records = new RecordBuffer();
        records.set(Key.of("k"), b("newest"), 0);
        records.hset(Key.of("k"), new byte[][] {b("f"), b("v")}, 0, 2);
        records.hdel(Key.of("k2"), new byte[][] {b("f")}, 1);
        records.set(Key.of("k"), b("newest"), 0);
        records.set(Key.of("k2"), b("string"), 0);
        records.hdel(Key.of("k2"), new byte[][] {b("f")}, 1);
        Files.createDirectories(dir);
        try (FileChannel channel = FileChannel.open(dir.resolve(AppendOnlyFile.NAME), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE)) {
            records.writeTo(channel);
        }
        MemoryStore replayed = reopen();
        assertArrayEquals(b("newest"), replayed.get(Key.of("k")));
        assertArrayEquals(b("string"), replayed.get(Key.of("k2")));
    }

    private static List<String> strings(byte[][] values) {
        List<String> out = new ArrayList<>();
        for (byte[] v : values) {
            out.add(new String(v, StandardCharsets.UTF_8));
        }
        return out;
    }

    @Test
    void expiredKeysStayExpiredAfterReplay() throws Exception {
        MemoryStore store = new MemoryStore(512L * 1024 * 1024);
        try (AppendOnlyFile aof = open(store, FsyncPolicy.EVERYSEC)) {
            store.set(Key.of("short"), b("v"), Condition.ALWAYS, System.currentTimeMillis() + 50, false);
            store.set(Key.of("long"), b("v"), Condition.ALWAYS, System.currentTimeMillis() + 600_000, false);
            store.awaitDurable();
            await().atMost(Duration.ofSeconds(5)).until(() -> store.get(Key.of("short")) == null);
        }
        MemoryStore replayed = reopen();
        assertNull(replayed.get(Key.of("short")));
        assertEquals(1, replayed.size());
    }

    @Test
    void tornLastRecordIsCutOffAndTheFileGoesOn() throws Exception {
        MemoryStore store = new MemoryStore(512L * 1024 * 1024);
        try (AppendOnlyFile aof = open(store, FsyncPolicy.ALWAYS)) {
            for (int i = 0; i < 10; i++) {
                store.set(Key.of("k" + i), b("value-" + i), Condition.ALWAYS, 0, false);
            }
            store.awaitDurable();
        }
        Path file = dir.resolve(AppendOnlyFile.NAME);
        long complete = Files.size(file);
        // A crash in the middle of writing the last record: its second half never reached the file.
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.truncate(complete - 9);
        }
        MemoryStore replayed = new MemoryStore(512L * 1024 * 1024);
        try (AppendOnlyFile aof = open(replayed, FsyncPolicy.ALWAYS)) {
            assertEquals(9, replayed.size());
            assertNull(replayed.get(Key.of("k9")));
            assertTrue(Files.size(file) < complete - 9, "the torn record is cut off the file");
            replayed.set(Key.of("after"), b("crash"), Condition.ALWAYS, 0, false);
            replayed.awaitDurable();
        }
        MemoryStore again = reopen();
        assertEquals(10, again.size());
        assertArrayEquals(b("crash"), again.get(Key.of("after")));
    }

    @Test
    void corruptionBeforeTheEndRefusesToStart() throws Exception {
        MemoryStore store = new MemoryStore(512L * 1024 * 1024);
        try (AppendOnlyFile aof = open(store, FsyncPolicy.ALWAYS)) {
            store.set(Key.of("a"), b("1"), Condition.ALWAYS, 0, false);
            store.set(Key.of("b"), b("2"), Condition.ALWAYS, 0, false);
            store.awaitDurable();
        }
        Path file = dir.resolve(AppendOnlyFile.NAME);
        byte[] bytes = Files.readAllBytes(file);
        bytes[1] = 'x';
        Files.write(file, bytes);
        AofCorruptException e = assertThrows(AofCorruptException.class, () -> open(new MemoryStore(512L * 1024 * 1024), FsyncPolicy.ALWAYS));
        assertTrue(e.getMessage().contains("at byte 0"), e.getMessage());
    }

    @Test
    void compactionUnderConcurrentWritesLosesNothingAndShrinksTheFile() throws Exception {
        MemoryStore store = new MemoryStore(512L * 1024 * 1024);
        int writers = 4;
        long[] expectedCounters = new long[writers];
        List<Thread> threads = new ArrayList<>();
        AtomicBoolean stop = new AtomicBoolean();
        try (AppendOnlyFile aof = open(store, FsyncPolicy.EVERYSEC)) {
            for (int i = 0; i < 5_000; i++) {
                store.set(Key.of("base:" + i), b("v" + i), Condition.ALWAYS, 0, false);
            }
            for (int w = 0; w < writers; w++) {
                int writer = w;
                threads.add(Thread.ofPlatform().start(() -> {
                    ThreadLocalRandom random = ThreadLocalRandom.current();
                    while (!stop.get()) {
                        expectedCounters[writer] = store.incrBy(Key.of("counter:" + writer), 1);
                        // Overwrites and deletes of keys the compaction is copying meanwhile.
                        int k = random.nextInt(5_000);
                        store.set(Key.of("base:" + k), b("w" + writer + ":" + expectedCounters[writer]), Condition.ALWAYS, 0, false);
                        store.del(new Key[] {Key.of("temp:" + writer)});
                        store.set(Key.of("temp:" + writer), b("t"), Condition.ALWAYS, 0, false);
                        store.awaitDurable();
                    }
                }));
            }
            for (int round = 1; round <= 3; round++) {
                int done = round;
                await().atMost(Duration.ofSeconds(30)).until(() -> aof.compactInBackground() || aof.compactions() >= done);
                await().atMost(Duration.ofSeconds(30)).until(() -> aof.compactions() >= done);
            }
            stop.set(true);
            for (Thread t : threads) {
                t.join();
            }
            // Overwrites after the last compaction: the file holds more than the data again.
            for (int i = 0; i < 1_000; i++) {
                store.set(Key.of("base:0"), b("last:" + i), Condition.ALWAYS, 0, false);
            }
            store.awaitDurable();
            long before = aof.fileSize();
            long compacted = aof.compactions();
            assertTrue(aof.compactInBackground());
            await().atMost(Duration.ofSeconds(30)).until(() -> aof.compactions() > compacted);
            assertTrue(aof.fileSize() < before, "compaction shrinks " + before + " to " + aof.fileSize());
            assertEquals(aof.fileSize(), Files.size(dir.resolve(AppendOnlyFile.NAME)));
        }
        MemoryStore replayed = reopen();
        assertEquals(store.size(), replayed.size());
        for (int w = 0; w < writers; w++) {
            assertArrayEquals(b(Long.toString(expectedCounters[w])), replayed.get(Key.of("counter:" + w)));
        }
        for (int i = 0; i < 5_000; i++) {
            assertArrayEquals(store.get(Key.of("base:" + i)), replayed.get(Key.of("base:" + i)), "base:" + i);
        }
    }

    private AppendOnlyFile open(MemoryStore store, FsyncPolicy policy) throws IOException {
        return AppendOnlyFile.open(dir, policy, store, NO_COMPACTION, 100);
    }

    private MemoryStore reopen() throws IOException {
        MemoryStore store = new MemoryStore(512L * 1024 * 1024);
        open(store, FsyncPolicy.NO).close();
        return store;
    }

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
