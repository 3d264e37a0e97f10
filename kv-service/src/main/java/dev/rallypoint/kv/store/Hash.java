package dev.rallypoint.kv.store;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A hash's fields in the order they were added, as Redis keeps a small hash (a listpack):
 * replacing a value keeps its field's place. Mutated only under MemoryStore's monitor.
 */
final class Hash {

    private final LinkedHashMap<Key, byte[]> fields = new LinkedHashMap<>();
    // Bytes of fields and values, for the store's memory count.
    private long bytes;

    /** Sets a field; true when it is new. */
    boolean put(byte[] field, byte[] value) {
        byte[] old = fields.put(new Key(field), value);
        bytes += old == null ? field.length + value.length : value.length - old.length;
        return old == null;
    }

    byte[] get(byte[] field) {
        return fields.get(new Key(field));
    }

    boolean remove(byte[] field) {
        byte[] old = fields.remove(new Key(field));
        if (old != null) {
            bytes -= field.length + old.length;
        }
        return old != null;
    }

    int size() {
        return fields.size();
    }

    long bytes() {
        return bytes;
    }

    Iterable<Map.Entry<Key, byte[]>> entries() {
        return fields.entrySet();
    }

    /** Fields and values alternating, in the hash's order. */
    byte[][] flat() {
        byte[][] flat = new byte[fields.size() * 2][];
        int i = 0;
        for (Map.Entry<Key, byte[]> e : fields.entrySet()) {
            flat[i++] = e.getKey().bytes;
            flat[i++] = e.getValue();
        }
        return flat;
    }

    Hash copy() {
        Hash copy = new Hash();
        for (Map.Entry<Key, byte[]> e : fields.entrySet()) {
            copy.put(e.getKey().bytes, e.getValue());
        }
        return copy;
    }
}
