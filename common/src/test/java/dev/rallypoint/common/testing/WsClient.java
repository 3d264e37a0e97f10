package dev.rallypoint.common.testing;

import io.vertx.core.Vertx;
import io.vertx.core.http.ClientWebSocket;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertNotNull;

/** A player's WebSocket in a test: frames are queued as they arrive and awaited by type. */
public final class WsClient implements AutoCloseable {

    // Generous: a loaded CI machine can stall a JVM for seconds; a passing test never waits this long.
    private static final long WAIT_SECONDS = 10;

    private final WebSocketClient client;
    private final WebSocket socket;
    private final BlockingQueue<JsonObject> inbox = new LinkedBlockingQueue<>();
    private final List<JsonObject> seen = new ArrayList<>();
    private final List<JsonObject> unmatched = new ArrayList<>();
    public final TestPlayers.TestPlayer player;

    private WsClient(WebSocketClient client, WebSocket socket, TestPlayers.TestPlayer player) {
        this.client = client;
        this.socket = socket;
        this.player = player;
        socket.textMessageHandler(text -> inbox.add(new JsonObject(text)));
    }

    public static WsClient connect(Vertx vertx, URI base, TestPlayers.TestPlayer player) {
        return await(connectAsync(vertx, base, player));
    }

    public static io.vertx.core.Future<WsClient> connectAsync(Vertx vertx, URI base, TestPlayers.TestPlayer player) {
        WebSocketClient client = vertx.createWebSocketClient();
        WebSocketConnectOptions options = new WebSocketConnectOptions()
                .setHost(base.getHost()).setPort(base.getPort())
                .setURI("/ws?token=" + player.token());
        // The handler is in place before the upgrade, so a frame sent right after it is never missed.
        ClientWebSocket socket = client.webSocket();
        WsClient connected = new WsClient(client, socket, player);
        return socket.connect(options).map(done -> connected);
    }

    /** The HTTP status of a refused upgrade, or 101 when it is accepted. */
    public static int upgradeStatus(Vertx vertx, URI base, String uri) {
        WebSocketClient client = vertx.createWebSocketClient();
        try {
            var result = client.connect(new WebSocketConnectOptions().setHost(base.getHost()).setPort(base.getPort()).setURI(uri))
                    .map(socket -> {
                        socket.close();
                        return 101;
                    })
                    .recover(failure -> failure instanceof io.vertx.core.http.UpgradeRejectedException rejected
                            ? io.vertx.core.Future.succeededFuture(rejected.getStatus())
                            : io.vertx.core.Future.failedFuture(failure));
            return await(result);
        } finally {
            client.close();
        }
    }

    public WsClient send(JsonObject frame) {
        await(socket.writeTextMessage(frame.encode()));
        return this;
    }

    public WsClient sendText(String text) {
        await(socket.writeTextMessage(text));
        return this;
    }

    public WsClient send(String type, Object... fields) {
        JsonObject frame = new JsonObject().put("type", type);
        for (int i = 0; i < fields.length; i += 2) {
            frame.put((String) fields[i], fields[i + 1]);
        }
        return send(frame);
    }

    /** The first frame of this type not yet expected; frames are matched in arrival order. */
    public JsonObject expect(String type) {
        return expect(frame -> type.equals(frame.getString("type")), type);
    }

    public JsonObject expect(Predicate<JsonObject> wanted, String description) {
        return expect(wanted, description, WAIT_SECONDS);
    }

    /** The first frame of this type within a longer wait (failure detection, timeouts). */
    public JsonObject expectWithin(String type, long seconds) {
        return expect(frame -> type.equals(frame.getString("type")), type, seconds);
    }

    private JsonObject expect(Predicate<JsonObject> wanted, String description, long waitSeconds) {
        for (JsonObject frame : unmatched) {
            if (wanted.test(frame)) {
                unmatched.remove(frame);
                return frame;
            }
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(waitSeconds);
        try {
            while (true) {
                long left = deadline - System.nanoTime();
                JsonObject frame = left <= 0 ? null : inbox.poll(left, TimeUnit.NANOSECONDS);
                assertNotNull(frame, "no '" + description + "' frame within " + waitSeconds + " s; got " + seen);
                seen.add(frame);
                if (wanted.test(frame)) {
                    return frame;
                }
                unmatched.add(frame);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The error answering the frame with this id. */
    public JsonObject expectError(String id) {
        return expect(frame -> "error".equals(frame.getString("type")) && id.equals(frame.getString("id")), "error " + id);
    }

    public JsonObject expectAck(String id) {
        return expect(frame -> "ack".equals(frame.getString("type")) && id.equals(frame.getString("id")), "ack " + id);
    }

    /** Every frame received so far, in order. */
    public List<JsonObject> seen() {
        return seen;
    }

    public boolean isClosed() {
        return socket.isClosed();
    }

    /** The status code of the server's close frame, or null (still open, or closed without one). */
    public Short closeStatusCode() {
        return socket.closeStatusCode();
    }

    @Override
    public void close() {
        if (!socket.isClosed()) {
            await(socket.close());
        }
        client.close();
    }

    public static <T> T await(io.vertx.core.Future<T> future) {
        try {
            return future.toCompletionStage().toCompletableFuture().get(WAIT_SECONDS * 4, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
