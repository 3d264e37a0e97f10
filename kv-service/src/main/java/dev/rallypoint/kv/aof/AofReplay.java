package dev.rallypoint.kv.aof;

import dev.rallypoint.kv.store.Key;
import dev.rallypoint.kv.store.MemoryStore;
import dev.rallypoint.kv.store.Store.Condition;
import dev.rallypoint.kv.store.Store.ExpireCondition;
import dev.rallypoint.kv.store.StoreException;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Reads an append-only file back into a store, record by record. A file that ends inside a record
 * (the process died mid-write) yields every complete record and reports where the last one ends;
 * anything else that is not a record is corruption and stops the start.
 */
final class AofReplay {

    private final InputStream in;
    private long position;

    private AofReplay(InputStream in) {
        this.in = in;
    }

    /** Applies every complete record and returns the length of the file they fill. */
    static long replay(Path file, MemoryStore store) throws IOException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            AofReplay reader = new AofReplay(in);
            while (true) {
                long recordStart = reader.position;
                byte[][] argv;
                try {
                    argv = reader.record();
                } catch (EOFException torn) {
                    return recordStart;
                }
                if (argv == null) {
                    return recordStart;
                }
                apply(argv, store, recordStart);
            }
        }
    }

    private static void apply(byte[][] argv, MemoryStore store, long offset) throws AofCorruptException {
        String command = new String(argv[0], StandardCharsets.US_ASCII);
        switch (command) {
            case "SET" -> {
                long expireAt = 0;
                if (argv.length == 5 && Arrays.equals(argv[3], RecordBuffer.PXAT)) {
                    expireAt = number(argv[4], offset);
                } else if (argv.length != 3) {
                    throw new AofCorruptException("a SET of " + argv.length + " words", offset);
                }
                store.set(new Key(argv[1]), argv[2], Condition.ALWAYS, expireAt, false);
            }
            case "MSET" -> {
                Key[] keys = new Key[(argv.length - 1) / 2];
                byte[][] values = new byte[keys.length][];
                for (int i = 0; i < keys.length; i++) {
                    keys[i] = new Key(argv[1 + 2 * i]);
                    values[i] = argv[2 + 2 * i];
                }
                store.mset(keys, values, false);
            }
            case "DEL" -> {
                Key[] keys = new Key[argv.length - 1];
                for (int i = 0; i < keys.length; i++) {
                    keys[i] = new Key(argv[i + 1]);
                }
                store.del(keys);
            }
            case "PEXPIREAT" -> store.expireAt(new Key(argv[1]), number(argv[2], offset), ExpireCondition.ALWAYS, false);
            case "PERSIST" -> store.persist(new Key(argv[1]));
            case "HSET" -> {
                if (argv.length < 4 || argv.length % 2 != 0) {
                    throw new AofCorruptException("an HSET of " + argv.length + " words", offset);
                }
                Key key = new Key(argv[1]);
                byte[][] fieldsAndValues = Arrays.copyOfRange(argv, 2, argv.length);
                try {
                    store.hset(key, fieldsAndValues, false);
                } catch (StoreException wrongType) {
                    // A compaction's copy of a key can be newer than a change after it in the
                    // file (the change is in both); the records after it set the key right.
                    store.del(new Key[] {key});
                    store.hset(key, fieldsAndValues, false);
                }
            }
            case "HDEL" -> {
                if (argv.length < 3) {
                    throw new AofCorruptException("an HDEL of " + argv.length + " words", offset);
                }
                try {
                    store.hdel(new Key(argv[1]), Arrays.copyOfRange(argv, 2, argv.length));
                } catch (StoreException wrongType) {
                    // As for HSET: a string copied by a compaction, set right by a later record.
                }
            }
            case "FLUSHALL" -> store.flush();
            default -> throw new AofCorruptException("an unknown record '" + command + "'", offset);
        }
    }

    /** One record, or null at a clean end of file; EOFException when the file ends inside it. */
    private byte[][] record() throws IOException {
        int first = in.read();
        if (first == -1) {
            return null;
        }
        position++;
        long start = position - 1;
        if (first != '*') {
            throw new AofCorruptException("no '*' at the start of a record", start);
        }
        long args = line(start);
        if (args < 1 || args > 1 << 20) {
            throw new AofCorruptException("a record of " + args + " arguments", start);
        }
        byte[][] argv = new byte[(int) args][];
        for (int i = 0; i < args; i++) {
            if (read() != '$') {
                throw new AofCorruptException("no '$' before an argument", start);
            }
            long length = line(start);
            if (length < 0 || length > Integer.MAX_VALUE - 8) {
                throw new AofCorruptException("an argument of " + length + " bytes", start);
            }
            argv[i] = in.readNBytes((int) length);
            position += argv[i].length;
            if (argv[i].length < length) {
                throw new EOFException();
            }
            if (read() != '\r' || read() != '\n') {
                throw new AofCorruptException("no CRLF after an argument", start);
            }
        }
        return argv;
    }

    /** The decimal number up to the next CRLF. */
    private long line(long recordStart) throws IOException {
        long n = 0;
        int digits = 0;
        int c;
        while ((c = read()) != '\r') {
            if (c < '0' || c > '9' || ++digits > 18) {
                throw new AofCorruptException("a malformed length", recordStart);
            }
            n = n * 10 + (c - '0');
        }
        if (read() != '\n' || digits == 0) {
            throw new AofCorruptException("a malformed length", recordStart);
        }
        return n;
    }

    private int read() throws IOException {
        int c = in.read();
        if (c == -1) {
            throw new EOFException();
        }
        position++;
        return c;
    }

    private static long number(byte[] text, long offset) throws AofCorruptException {
        try {
            return Long.parseLong(new String(text, StandardCharsets.US_ASCII));
        } catch (NumberFormatException e) {
            throw new AofCorruptException("a time that is not a number", offset);
        }
    }
}
