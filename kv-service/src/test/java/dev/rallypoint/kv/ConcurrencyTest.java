package dev.rallypoint.kv;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;

@QuarkusTest
class ConcurrencyTest {

    private static final int CONNECTIONS = 200;

    @Inject
    KvServer server;

    /** Every connection sends its share of INCRs, all at once; the total must be exact. */
    private void incrFromManyConnections(String key, int total, boolean line) throws Exception {
        int port = line ? server.linePort() : server.respPort();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> done = new ArrayList<>();
            for (int c = 0; c < CONNECTIONS; c++) {
                int share = total / CONNECTIONS + (c < total % CONNECTIONS ? 1 : 0);
                done.add(pool.submit(() -> {
                    try (RawClient client = new RawClient(port)) {
                        for (int i = 0; i < share; i++) {
                            if (line) {
                                client.send("INCR " + key + "\n");
                                client.line();
                            } else {
                                client.call("INCR", key);
                            }
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        }
        try (RawClient check = new RawClient(server.respPort())) {
            assertEquals("$" + Integer.toString(total).length() + "\r\n" + total + "\r\n", check.call("GET", key));
        }
    }

    @Test
    void hundredConcurrentIncrsOnResp() throws Exception {
        incrFromManyConnections("race:resp:100", 100, false);
    }

    @Test
    void tenThousandConcurrentIncrsOnResp() throws Exception {
        incrFromManyConnections("race:resp:10000", 10_000, false);
    }

    @Test
    void hundredConcurrentIncrsOnLine() throws Exception {
        incrFromManyConnections("race:line:100", 100, true);
    }

    @Test
    void tenThousandConcurrentIncrsOnLine() throws Exception {
        incrFromManyConnections("race:line:10000", 10_000, true);
    }

    @Test
    void msetIsAllOrNothingToReaders() throws Exception {
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<?> writer = pool.submit(() -> {
                try (RawClient w = new RawClient(server.respPort())) {
                    for (int i = 0; i < 2000; i++) {
                        w.call("MSET", "atomic:a", "v" + i, "atomic:b", "v" + i);
                    }
                }
                return null;
            });
            Future<?> reader = pool.submit(() -> {
                try (RawClient r = new RawClient(server.respPort())) {
                    while (!writer.isDone()) {
                        String reply = r.call("MGET", "atomic:a", "atomic:b");
                        String[] parts = reply.split("\r\n");
                        // *2, $len, a, $len, b (or nil before the first MSET)
                        if (parts.length == 5) {
                            assertEquals(parts[2], parts[4], "MGET saw half an MSET");
                        }
                    }
                }
                return null;
            });
            writer.get();
            reader.get();
        }
    }
}
