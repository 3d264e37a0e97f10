package dev.rallypoint.system;

import io.vertx.core.Vertx;
import io.vertx.core.http.ClientWebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The suite as docker-compose.yml runs it from its images, reached the way players reach it:
 * through the proxy (HTTP and WebSocket) and kv-service's published RESP port. Runs only when
 * .ci/container-smoke brought the compose file up and names its addresses.
 */
@EnabledIfSystemProperty(named = "rallypoint.smoke.url", matches = ".+")
class ContainerSmokeTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    private static URI proxy;
    private static Vertx vertx;
    private static final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        proxy = URI.create(System.getProperty("rallypoint.smoke.url"));
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void stop() {
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }

    @Test
    void twoPlayersOnDifferentReplicasPlayADuelAndTheWinnerReachesTheWinsBoard() throws Exception {
        JsonObject ann = login("Ann");
        JsonObject bob = login("Bob");

        try (Player annSocket = Player.connect(ann); Player bobSocket = Player.connect(bob)) {
            // The proxy alternates between the two replicas, so the room spans both. After a
            // retry the proxy would name every replica it tried: each socket must name one.
            assertFalse(annSocket.upstream.contains(",") || bobSocket.upstream.contains(","),
                    annSocket.upstream + " / " + bobSocket.upstream);
            assertNotEquals(annSocket.upstream, bobSocket.upstream);

            annSocket.send(new JsonObject().put("type", "pair").put("mode", "duel"));
            annSocket.expect("room");
            bobSocket.send(new JsonObject().put("type", "pair").put("mode", "duel"));
            JsonObject started = bobSocket.expect("game_started");
            assertEquals(started.getString("roomId"), annSocket.expect("game_started").getString("roomId"));

            annSocket.send(new JsonObject().put("type", "game_over").put("winner", bob.getString("playerId")));
            bobSocket.send(new JsonObject().put("type", "game_over").put("winner", bob.getString("playerId")));
            JsonObject ended = bobSocket.expect("game_ended");
            assertEquals(bob.getString("playerId"), ended.getString("winner"));
        }

        // The leaderboard-service counts the win from the matches stream.
        String entry = proxy.resolve("/api/leaderboard/wins/players/" + bob.getString("playerId")).toString();
        await().atMost(WAIT).untilAsserted(() -> {
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(URI.create(entry)).header("Authorization", "Bearer " + ann.getString("token")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, response.statusCode(), response.body());
            assertEquals(1, new JsonObject(response.body()).getInteger("score"), response.body());
        });
    }

    @Test
    void theWebClientCallsTheOtherServicesOnItsOwnOrigin() throws Exception {
        HttpResponse<String> page = http.send(HttpRequest.newBuilder(proxy.resolve("/")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("<html"), page.body());

        HttpResponse<String> config = http.send(HttpRequest.newBuilder(proxy.resolve("/config.json")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, config.statusCode(), config.body());
        // Empty: the page calls /api/* on the proxy it came from.
        assertEquals("", new JsonObject(config.body()).getString("saveUrl"), config.body());
        assertEquals("", new JsonObject(config.body()).getString("leaderboardUrl"), config.body());
    }

    /**
     * A game written for the Cache Quest backend on the game origin of the compose file: its
     * page, and that backend's calls as its page makes them, the session in a cookie.
     */
    @Test
    void aCacheQuestGamePlaysOnItsOwnOrigin() throws Exception {
        URI game = URI.create(System.getProperty("rallypoint.smoke.game-url"));
        HttpClient browser = HttpClient.newBuilder().cookieHandler(new java.net.CookieManager()).build();
        HttpResponse<String> page = browser.send(HttpRequest.newBuilder(game.resolve("/")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("Cache Quest"), page.body());

        String id = new JsonObject(call(browser, "GET", game.resolve("/session"), null, 200)).getString("id");
        String save = new JsonObject().put("playerData", new JsonObject().put("level", 7)).encode();
        call(browser, "PATCH", game.resolve("/api/playerstate/"), save, 404);
        call(browser, "POST", game.resolve("/api/playerstate/"), save, 200);
        JsonObject loaded = new JsonObject(call(browser, "GET", game.resolve("/api/playerstate/" + id), null, 200));
        assertEquals(7, loaded.getInteger("level"));
        assertEquals(id, loaded.getString("id"));

        String board = "leaderboards:survivor-smoke" + System.nanoTime();
        call(browser, "POST", game.resolve("/api/leaderboard/"),
                new JsonObject().put("key", board).put("score", 9).put("member", "Smoke-" + id).encode(), 200);
        JsonObject top = new io.vertx.core.json.JsonArray(call(browser, "GET", game.resolve("/api/leaderboard/" + board + "?count=5"), null, 200))
                .getJsonObject(0);
        assertEquals(new JsonObject().put("value", "Smoke-" + id).put("score", 9), top);
    }

    private static String call(HttpClient browser, String method, URI uri, String json, int status) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).method(method,
                json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        HttpResponse<String> response = browser.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(status, response.statusCode(), method + " " + uri + ": " + response.body());
        return response.body();
    }

    @Test
    void kvServiceAnswersSetAndGetOverResp() throws IOException {
        String[] address = System.getProperty("rallypoint.smoke.kv").split(":");
        try (Socket socket = new Socket(address[0], Integer.parseInt(address[1]))) {
            socket.setSoTimeout((int) WAIT.toMillis());
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();

            // The compose file requires KV_PASSWORD: nothing is served before AUTH.
            out.write(resp("GET", "smoke:greeting"));
            assertEquals("-NOAUTH Authentication required.", readLine(in));
            out.write(resp("AUTH", System.getProperty("rallypoint.smoke.kv-password")));
            assertEquals("+OK", readLine(in));
            out.write(resp("SET", "smoke:greeting", "hello from a container"));
            assertEquals("+OK", readLine(in));
            out.write(resp("GET", "smoke:greeting"));
            assertEquals("$22", readLine(in));
            assertEquals("hello from a container", readLine(in));
        }
    }

    /** POST /api/session through the proxy: the new player's playerId and token. */
    private static JsonObject login(String name) throws Exception {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(proxy.resolve("/api/session"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(new JsonObject().put("name", name).encode()))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(201, response.statusCode(), response.body());
        return new JsonObject(response.body());
    }

    private static byte[] resp(String... words) {
        StringBuilder command = new StringBuilder("*").append(words.length).append("\r\n");
        for (String word : words) {
            command.append('$').append(word.getBytes(StandardCharsets.UTF_8).length).append("\r\n").append(word).append("\r\n");
        }
        return command.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String readLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new IOException("connection closed after '" + line + "'");
            }
            if (b != '\r') {
                line.append((char) b);
            }
        }
        return line.toString();
    }

    /** A player's WebSocket through the proxy, with the replica the proxy chose. */
    private static final class Player implements AutoCloseable {
        private final WebSocketClient client;
        private final ClientWebSocket socket;
        private final BlockingQueue<JsonObject> inbox = new LinkedBlockingQueue<>();
        private String upstream;

        private Player() {
            client = vertx.createWebSocketClient();
            socket = client.webSocket();
            socket.textMessageHandler(text -> inbox.add(new JsonObject(text)));
        }

        static Player connect(JsonObject session) {
            Player player = new Player();
            WebSocketConnectOptions options = new WebSocketConnectOptions()
                    .setHost(proxy.getHost()).setPort(proxy.getPort())
                    .setURI("/ws?token=" + session.getString("token"));
            // The proxy names the replica it picked in the upgrade response, whose headers are
            // readable only when the connection completes.
            player.upstream = join(player.socket.connect(options)
                    .map(socket -> socket.headers().get("X-Rallypoint-Upstream"))
                    .toCompletionStage().toCompletableFuture());
            assertNotNull(player.upstream, "the proxy's X-Rallypoint-Upstream header");
            player.expect("welcome");
            return player;
        }

        void send(JsonObject frame) {
            join(socket.writeTextMessage(frame.encode()).toCompletionStage().toCompletableFuture());
        }

        /** The next frame of this type; frames of other types before it are skipped. */
        JsonObject expect(String type) {
            long deadline = System.nanoTime() + WAIT.toNanos();
            try {
                while (true) {
                    JsonObject frame = inbox.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
                    assertNotNull(frame, "no '" + type + "' frame within " + WAIT.toSeconds() + " s");
                    assertTrue(!"error".equals(frame.getString("type")), frame::encode);
                    if (type.equals(frame.getString("type"))) {
                        return frame;
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }

        @Override
        public void close() {
            join(client.close().toCompletionStage().toCompletableFuture());
        }

        private static <T> T join(java.util.concurrent.CompletableFuture<T> future) {
            return future.orTimeout(WAIT.toSeconds(), TimeUnit.SECONDS).join();
        }
    }
}
