package dev.rallypoint.kv;

import dev.rallypoint.kv.aof.KvProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An MGET naming a 1,000-byte value a million times asks for a gigabyte of reply in 7 MB of
 * request. Three clients that send one each and never read: the packaged server's memory grows
 * by far less than one such reply, and others are served meanwhile.
 */
class ReplyMemoryIT {

    private static final long MAX_REPLY = 16L * 1024 * 1024;

    @Test
    void hugeRepliesAreRefusedWithoutBeingBuilt(@TempDir Path dir) throws Exception {
        try (KvProcess kv = KvProcess.start(dir.resolve("data"), Map.of("kv.max-reply-bytes", Long.toString(MAX_REPLY)))) {
            try (RawClient c = new RawClient(kv.respPort())) {
                assertEquals("+OK\r\n", c.call("SET", "v", "x".repeat(1000)));
            }
            byte[] mget = mget(1_000_000);
            long before = kv.residentBytes();
            List<RawClient> deaf = new ArrayList<>();
            try {
                for (int i = 0; i < 3; i++) {
                    RawClient client = new RawClient(kv.respPort());
                    deaf.add(client);
                    client.send(mget);
                }
                try (RawClient other = new RawClient(kv.respPort())) {
                    assertEquals("+PONG\r\n", other.call("PING"));
                }
                for (RawClient client : deaf) {
                    assertTrue(client.reply().startsWith("-ERR reply larger than kv.max-reply-bytes"));
                }
                long grown = kv.residentBytes() - before;
                // Before the bound: 7 GB for three such requests. Parsing a million arguments
                // costs the heap some too, hence the margin.
                assertTrue(grown < 512L * 1024 * 1024, "resident memory grew by " + grown / (1024 * 1024) + " MB");
            } finally {
                for (RawClient client : deaf) {
                    client.close();
                }
            }
        }
    }

    private static byte[] mget(int keys) {
        StringBuilder b = new StringBuilder("*").append(keys + 1).append("\r\n$4\r\nMGET\r\n");
        b.append("$1\r\nv\r\n".repeat(keys));
        return b.toString().getBytes(StandardCharsets.US_ASCII);
    }
}
