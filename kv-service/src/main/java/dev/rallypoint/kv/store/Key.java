package dev.rallypoint.kv.store;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A binary-safe key: the bytes as received, with the hash computed once. Not final: the memory
 * store's {@link Entry} is the key it is stored under.
 */
public class Key {

    final byte[] bytes;
    private final int hash;

    public Key(byte[] bytes) {
        this.bytes = bytes;
        this.hash = Arrays.hashCode(bytes);
    }

    Key(Key key) {
        this.bytes = key.bytes;
        this.hash = key.hash;
    }

    public static Key of(String key) {
        return new Key(key.getBytes(StandardCharsets.UTF_8));
    }

    public byte[] bytes() {
        return bytes;
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Key k && k.hash == hash && Arrays.equals(k.bytes, bytes);
    }

    @Override
    public String toString() {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
