package dev.rallypoint.kv.store;

/**
 * Where {@link MemoryStore} reports each change, under its monitor and in the order applied, so
 * that the append-only file holds them in that order. Every change is idempotent (a key's whole
 * new state, or fields set to values, or fields gone), so replaying one twice gives the same
 * keyspace.
 */
public interface ChangeLog {

    /** A store that keeps nothing: changes go nowhere and every write is as durable as it gets. */
    ChangeLog NONE = new ChangeLog() {
        @Override
        public void set(Key key, byte[] value, long expireAt) {
        }

        @Override
        public void mset(Key[] keys, byte[][] values) {
        }

        @Override
        public void del(Key[] keys, int count) {
        }

        @Override
        public void expireAt(Key key, long expireAt) {
        }

        @Override
        public void hset(Key key, byte[][] fieldsAndValues, int from, int to) {
        }

        @Override
        public void hdel(Key key, byte[][] fields, int count) {
        }

        @Override
        public void flush() {
        }

        @Override
        public void awaitDurable() {
        }
    };

    /** The key now holds this value and this absolute expiry in ms (0: none). */
    void set(Key key, byte[] value, long expireAt);

    /** All of these keys now hold these values, without expiry. */
    void mset(Key[] keys, byte[][] values);

    /** The first {@code count} keys are gone. */
    void del(Key[] keys, int count);

    /** The key's expiry is now this absolute time in ms (0: none). */
    void expireAt(Key key, long expireAt);

    /** The hash now holds these fields with these values ({@code fieldsAndValues[from, to)}, alternating). */
    void hset(Key key, byte[][] fieldsAndValues, int from, int to);

    /** The first {@code count} fields are gone from the hash, and the key with the last of them. */
    void hdel(Key key, byte[][] fields, int count);

    void flush();

    /** Returns once every change reported so far is as durable as the log promises. */
    void awaitDurable();
}
