package dev.rallypoint.kv.store;

import dev.rallypoint.kv.store.Store.Condition;
import dev.rallypoint.kv.store.Store.ExpireCondition;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MemoryStoreTest {

    private final MemoryStore store = new MemoryStore(512L * 1024 * 1024);

    private static byte[] b(String s) {
        return s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    @Test
    void aCounterKeepsItsTextAndSizeThroughIncrSetAndAppend() {
        Key counter = Key.of("counter");
        assertEquals(9, store.incrBy(counter, 9));
        assertEquals(10, store.incrBy(counter, 1));
        assertEquals("10", new String(store.get(counter)));
        assertEquals(-5, store.incrBy(counter, -15));
        assertEquals("-5".length() + "counter".length(), store.usedBytes());
        store.append(counter, b("0"));
        assertEquals(-49, store.incrBy(counter, 1));
        store.set(counter, b("x"), Condition.ALWAYS, 0, false);
        assertThrows(StoreException.class, () -> store.incrBy(counter, 1));
        assertEquals("x", new String(store.get(counter)));
        store.set(counter, b("41"), Condition.ALWAYS, 0, false);
        assertEquals(42, store.incrBy(counter, 1));
        assertEquals("42".length() + "counter".length(), store.usedBytes());
        assertEquals(0, store.incrBy(counter, -42));
        assertEquals(Long.MIN_VALUE, store.incrBy(counter, Long.MIN_VALUE));
        assertEquals(String.valueOf(Long.MIN_VALUE).length() + "counter".length(), store.usedBytes());
        assertThrows(StoreException.class, () -> store.incrBy(counter, -1));
        assertEquals(Long.MIN_VALUE + 1, store.incrBy(counter, 1));
        assertEquals(String.valueOf(Long.MIN_VALUE + 1).length() + "counter".length(), store.usedBytes());
    }

    @Test
    void scanReturnsEveryKeyPresentThroughoutWhileOthersComeAndGo() {
        for (int i = 0; i < 100; i++) {
            store.set(Key.of("stable" + i), b("v"), Condition.ALWAYS, 0, false);
            store.set(Key.of("gone" + i), b("v"), Condition.ALWAYS, 0, false);
        }
        Set<String> seen = new HashSet<>();
        long cursor = 0;
        int page = 0;
        do {
            ScanPage p = store.scan(cursor, 7, null, null);
            p.keys().forEach(k -> assertTrue(seen.add(new String(k)), "twice: " + new String(k)));
            cursor = p.cursor();
            store.del(new Key[] {Key.of("gone" + page)});
            store.set(Key.of("new" + page), b("v"), Condition.ALWAYS, 0, false);
            // Deleting and re-creating a returned key moves it to the end: it may come again.
            page++;
        } while (cursor != 0);
        for (int i = 0; i < 100; i++) {
            assertTrue(seen.contains("stable" + i), "missing stable" + i);
        }
    }

    @Test
    void theMemoryCountFollowsEveryWriteAndRemoval() {
        store.set(Key.of("a"), b("12345"), Condition.ALWAYS, 0, false);
        store.set(Key.of("a"), b("1"), Condition.ALWAYS, 0, false);
        store.mset(new Key[] {Key.of("b"), Key.of("cc")}, new byte[][] {b("xy"), b("z")}, false);
        store.append(Key.of("b"), b("zzz"));
        store.incrBy(Key.of("n"), 100);
        store.set(Key.of("n"), b("text"), Condition.ALWAYS, 0, false);
        assertEquals((1 + 1) + (1 + 5) + (2 + 1) + (1 + 4), store.usedBytes());
        assertEquals("xyzzz", new String(store.getDel(Key.of("b"))));
        store.del(new Key[] {Key.of("cc"), Key.of("missing")});
        store.set(Key.of("a"), b("gone"), Condition.ALWAYS, System.currentTimeMillis() - 1, false);
        assertEquals(1 + 4, store.usedBytes());
        assertEquals(1, store.size());
    }

    @Test
    void sweepVisitsEveryExpiringKeyAndWrapsAround() throws InterruptedException {
        // Far enough ahead that the key is surely stored before it expires.
        long past = System.currentTimeMillis() + 2_000;
        for (int i = 0; i < 10; i++) {
            store.set(Key.of("keep" + i), b("v"), Condition.ALWAYS, System.currentTimeMillis() + 60_000, false);
        }
        store.set(Key.of("soon"), b("v"), Condition.ALWAYS, past, false);
        assertEquals(11, store.size());
        // Waiting for the clock, not for another thread: nothing else runs here.
        while (System.currentTimeMillis() <= past) {
            Thread.sleep(Math.max(1, past + 1 - System.currentTimeMillis()));
        }
        int removed = 0;
        for (int round = 0; round < 11; round++) {
            removed += store.sweep(1);
        }
        assertEquals(1, removed);
        assertEquals(10, store.size());
    }

    @Test
    void incrRejectsNonIntegersAndOverflow() {
        store.set(Key.of("n"), b(" 1"), Condition.ALWAYS, 0, false);
        assertThrows(StoreException.class, () -> store.incrBy(Key.of("n"), 1));
        store.set(Key.of("n"), b("-9223372036854775808"), Condition.ALWAYS, 0, false);
        assertThrows(StoreException.class, () -> store.incrBy(Key.of("n"), -1));
        assertEquals(-9223372036854775807L, store.incrBy(Key.of("n"), 1));
    }

    @Test
    void expireConditionsAndPersist() {
        Key k = Key.of("k");
        store.set(k, b("v"), Condition.ALWAYS, 0, false);
        long later = System.currentTimeMillis() + 60_000;
        assertFalse(store.expireAt(k, later, ExpireCondition.ALWAYS, true), "XX without an expiry");
        assertTrue(store.expireAt(k, later, ExpireCondition.LT, false), "no expiry counts as infinite");
        assertTrue(store.persist(k));
        assertEquals(-1, store.pttl(k));
        assertTrue(store.expireAt(k, 1, ExpireCondition.ALWAYS, false), "a past time deletes");
        assertNull(store.get(k));
        assertEquals(0, store.usedBytes());
    }
}
