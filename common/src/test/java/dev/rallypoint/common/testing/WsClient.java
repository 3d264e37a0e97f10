package dev.rallypoint.common.testing;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * A player's WebSocket in a test: frames are queued as they arrive and awaited by type. It is
 * the JDK's WebSocket client: Vert.x's now and then dropped a frame that arrived in the same
 * read as the upgrade's response (the welcome), about once in a thousand connections.
 */
public final class WsClient implements AutoCloseable {

    // Generous: a loaded CI machine can stall a JVM for seconds; a passing test never waits this long.
    private static final long WAIT_SECONDS = 10;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    // Text as it came: parsed on the test's thread, whose class loader is the one Vert.x's JSON needs.
    private final BlockingQueue<String> inbox = new LinkedBlockingQueue<>();
    private final List<JsonObject> seen = new ArrayList<>();
    private final List<JsonObject> unmatched = new ArrayList<>();
    // The status code of the server's close frame; null when the connection broke without one.
    private final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private WebSocket socket;
    public final TestPlayers.TestPlayer player;

    private WsClient(TestPlayers.TestPlayer player) {
        this.player = player;
    }

    public static WsClient connect(Vertx vertx, URI base, TestPlayers.TestPlayer player) {
        return await(connectAsync(vertx, base, player));
    }

    public static Future<WsClient> connectAsync(Vertx vertx, URI base, TestPlayers.TestPlayer player) {
        WsClient client = new WsClient(player);
        URI uri = URI.create("ws://" + base.getHost() + ":" + base.getPort() + "/ws?token=" + player.token());
        CompletionStage<WsClient> connected = HTTP.newWebSocketBuilder().buildAsync(uri, client.new Frames())
                .thenApply(socket -> {
                    client.socket = socket;
                    return client;
                });
        return Future.fromCompletionStage(connected, vertx.getOrCreateContext());
    }

    /** Queues each text message, whole; frames are requested one at a time, so they stay in order. */
    private final class Frames implements WebSocket.Listener {
        private final StringBuilder text = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                inbox.add(text.toString());
                text.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed.complete(statusCode);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closed.complete(null);
        }
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
                            ? Future.succeededFuture(rejected.getStatus())
                            : Future.failedFuture(failure));
            return await(result);
        } finally {
            client.close();
        }
    }

    public WsClient send(JsonObject frame) {
        return sendText(frame.encode());
    }

    public WsClient sendText(String text) {
        await(socket.sendText(text, true));
        return this;
    }

    public WsClient sendBinary(byte[] data) {
        await(socket.sendBinary(java.nio.ByteBuffer.wrap(data), true));
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
                String text = left <= 0 ? null : inbox.poll(left, TimeUnit.NANOSECONDS);
                assertNotNull(text, "no '" + description + "' frame within " + waitSeconds + " s; got " + seen);
                JsonObject frame = new JsonObject(text);
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
        return closed.isDone();
    }

    /** The status code of the server's close frame, or null (still open, or closed without one). */
    public Short closeStatusCode() {
        Integer status = closed.getNow(null);
        return status == null ? null : status.shortValue();
    }

    /** Closes with 1000 and waits for the server's close frame; a server that sends none is cut off. */
    @Override
    public void close() {
        if (socket == null || closed.isDone()) {
            return;
        }
        try {
            await(socket.sendClose(WebSocket.NORMAL_CLOSURE, ""));
            closed.get(WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (IllegalStateException | TimeoutException | java.util.concurrent.ExecutionException e) {
            socket.abort();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            socket.abort();
        }
    }

    private static <T> T await(CompletionStage<T> stage) {
        try {
            return stage.toCompletableFuture().get(WAIT_SECONDS * 4, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static <T> T await(Future<T> future) {
        return await(future.toCompletionStage());
    }
}
