package dev.rallypoint.kv.aof;

import dev.rallypoint.kv.store.Key;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Records of the append-only file, encoded as RESP multibulk commands (the format of Redis's
 * AOF, so a file can be read with any RESP tool): SET key value [PXAT ms], MSET, DEL, PEXPIREAT,
 * PERSIST, HSET, HDEL, FLUSHALL. Expiry times are absolute, so a replay at any later time expires keys right.
 */
final class RecordBuffer {

    static final byte[] SET = bytes("SET");
    static final byte[] MSET = bytes("MSET");
    static final byte[] DEL = bytes("DEL");
    static final byte[] PEXPIREAT = bytes("PEXPIREAT");
    static final byte[] PERSIST = bytes("PERSIST");
    static final byte[] FLUSHALL = bytes("FLUSHALL");
    static final byte[] PXAT = bytes("PXAT");
    static final byte[] HSET = bytes("HSET");
    static final byte[] HDEL = bytes("HDEL");

    private byte[] bytes = new byte[8192];
    private int size;

    void set(Key key, byte[] value, long expireAt) {
        header(expireAt == 0 ? 3 : 5);
        bulk(SET);
        bulk(key.bytes());
        bulk(value);
        if (expireAt != 0) {
            bulk(PXAT);
            bulk(bytes(Long.toString(expireAt)));
        }
    }

    void mset(Key[] keys, byte[][] values) {
        header(1 + 2 * keys.length);
        bulk(MSET);
        for (int i = 0; i < keys.length; i++) {
            bulk(keys[i].bytes());
            bulk(values[i]);
        }
    }

    void hset(Key key, byte[][] fieldsAndValues, int from, int to) {
        header(2 + to - from);
        bulk(HSET);
        bulk(key.bytes());
        for (int i = from; i < to; i++) {
            bulk(fieldsAndValues[i]);
        }
    }

    void hdel(Key key, byte[][] fields, int count) {
        header(2 + count);
        bulk(HDEL);
        bulk(key.bytes());
        for (int i = 0; i < count; i++) {
            bulk(fields[i]);
        }
    }

    /** A whole hash, as compaction writes it: its fields, then its expiry. */
    void hash(Key key, byte[][] fieldsAndValues, long expireAt) {
        hset(key, fieldsAndValues, 0, fieldsAndValues.length);
        if (expireAt != 0) {
            expireAt(key, expireAt);
        }
    }

    void del(Key[] keys, int count) {
        header(1 + count);
        bulk(DEL);
        for (int i = 0; i < count; i++) {
            bulk(keys[i].bytes());
        }
    }

    void expireAt(Key key, long expireAt) {
        if (expireAt == 0) {
            header(2);
            bulk(PERSIST);
            bulk(key.bytes());
        } else {
            header(3);
            bulk(PEXPIREAT);
            bulk(key.bytes());
            bulk(bytes(Long.toString(expireAt)));
        }
    }

    void flush() {
        header(1);
        bulk(FLUSHALL);
    }

    int size() {
        return size;
    }

    void clear() {
        size = 0;
    }

    /** Appends bytes {@code from} to {@code to} of another buffer. */
    void copy(RecordBuffer other, int from, int to) {
        ensure(to - from);
        System.arraycopy(other.bytes, from, bytes, size, to - from);
        size += to - from;
    }

    void writeTo(FileChannel channel) throws IOException {
        ByteBuffer view = ByteBuffer.wrap(bytes, 0, size);
        while (view.hasRemaining()) {
            channel.write(view);
        }
    }

    private void header(int args) {
        ensure(16);
        bytes[size++] = '*';
        number(args);
    }

    private void bulk(byte[] arg) {
        ensure(arg.length + 24);
        bytes[size++] = '$';
        number(arg.length);
        System.arraycopy(arg, 0, bytes, size, arg.length);
        size += arg.length;
        bytes[size++] = '\r';
        bytes[size++] = '\n';
    }

    private void number(long n) {
        byte[] digits = bytes(Long.toString(n));
        System.arraycopy(digits, 0, bytes, size, digits.length);
        size += digits.length;
        bytes[size++] = '\r';
        bytes[size++] = '\n';
    }

    private void ensure(int more) {
        if (size + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
