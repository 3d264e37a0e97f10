package dev.rallypoint.matchmaker;

import dev.rallypoint.common.testing.RedisTestResource;
import dev.rallypoint.common.testing.TestPlayers;
import dev.rallypoint.common.testing.WsClient;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.http.ClientWebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.http.WebSocketFrame;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A message over {@code quarkus.websockets-next.server.max-message-size} (64 KiB here) closes the
 * connection with 1009, message too big, and the server logs no error for what a client sent.
 */
@QuarkusTest
@WithTestResource(RedisTestResource.class)
class OversizedMessageTest extends WebSocketTestBase {

    private static final int OVER_THE_LIMIT = 70_000;

    private final List<LogRecord> errors = new CopyOnWriteArrayList<>();
    private final Handler errorCollector = new Handler() {
        @Override
        public void publish(LogRecord record) {
            if (record.getLevel().intValue() >= Level.SEVERE.intValue()) {
                errors.add(record);
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    private WebSocketClient client;

    @BeforeEach
    void collectErrors() {
        Logger.getLogger("").addHandler(errorCollector);
        client = vertx.createWebSocketClient();
    }

    @AfterEach
    void stopCollecting() {
        Logger.getLogger("").removeHandler(errorCollector);
        client.close();
    }

    @Test
    void aMessageOverTheLimitInSeveralFramesClosesWith1009() throws Exception {
        ClientWebSocket socket = connect();
        CompletableFuture<Short> closed = closeStatus(socket);

        // The client splits it into frames of 64 KiB: the second one overflows the message.
        socket.writeTextMessage("{\"type\":\"chat\",\"text\":\"" + "x".repeat(OVER_THE_LIMIT) + "\"}");

        assertEquals((short) 1009, closed.get(10, TimeUnit.SECONDS));
        assertTrue(errors.isEmpty(), "no error logged: " + messages());
    }

    @Test
    void aSingleFrameOverTheLimitClosesWith1009() throws Exception {
        ClientWebSocket socket = connect();
        CompletableFuture<Short> closed = closeStatus(socket);

        socket.writeFrame(WebSocketFrame.textFrame("x".repeat(OVER_THE_LIMIT), true));

        assertEquals((short) 1009, closed.get(10, TimeUnit.SECONDS));
        assertTrue(errors.isEmpty(), "no error logged: " + messages());
    }

    @Test
    void aMessageAtTheLimitIsAnsweredAndTheConnectionStaysOpen() {
        try (WsClient ann = WsClient.connect(vertx, base, TestPlayers.create(redis, "Ann"))) {
            ann.expect("welcome");
            String frame = "{\"type\":\"ping\",\"id\":\"p\",\"pad\":\"\"}";
            ann.sendText(frame.replace("\"pad\":\"\"", "\"pad\":\"" + "x".repeat(65_536 - frame.length()) + "\""));
            assertEquals("too_large", ann.expect("error").getString("code"));
            assertFalse(ann.isClosed());
        }
    }

    private ClientWebSocket connect() {
        TestPlayers.TestPlayer player = TestPlayers.create(redis, "Max");
        ClientWebSocket socket = client.webSocket();
        WsClient.await(socket.connect(new WebSocketConnectOptions()
                .setHost(base.getHost()).setPort(base.getPort()).setURI("/ws?token=" + player.token())));
        return socket;
    }

    private static CompletableFuture<Short> closeStatus(ClientWebSocket socket) {
        CompletableFuture<Short> closed = new CompletableFuture<>();
        socket.closeHandler(done -> closed.complete(socket.closeStatusCode()));
        return closed;
    }

    private List<String> messages() {
        return errors.stream().map(record -> record.getLoggerName() + ": " + record.getMessage()).toList();
    }
}
