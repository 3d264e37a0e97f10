package dev.rallypoint.kv.resp;

import dev.rallypoint.kv.KvServer;
import dev.rallypoint.kv.RawClient;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;

@QuarkusTest
class BackPressureTest {

    @Inject
    KvServer server;

    @Test
    void aClientThatNeverReadsIsPausedAndTheOthersAreServed() throws Exception {
        try (RawClient setup = new RawClient(server.respPort())) {
            setup.call("SET", "bp:big", "x".repeat(1 << 20));
        }
        String get = RawClient.multibulk("GET", "bp:big");
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor();
             RawClient greedy = new RawClient(server.respPort());
             RawClient other = new RawClient(server.respPort())) {
            // 200 MiB of replies requested, none read: the server must stop reading instead of
            // queueing them, so this writer ends up blocked by TCP.
            Future<?> writer = pool.submit(() -> {
                for (int i = 0; i < 200; i++) {
                    greedy.send(get);
                }
                return null;
            });
            for (int i = 0; i < 20; i++) {
                assertEquals("+PONG\r\n", other.call("PING"));
            }
            // Reading the replies lets the writer finish; every reply is whole and in order.
            for (int i = 0; i < 200; i++) {
                String reply = greedy.reply();
                assertEquals((1 << 20) + 12, reply.length());
            }
            writer.get();
        }
    }
}
