package dev.rallypoint.matchmaker;

import dev.rallypoint.common.testing.InjectRedis;
import dev.rallypoint.common.testing.TestPlayers;
import dev.rallypoint.common.testing.WsClient;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** What the matchmaker's WebSocket tests share: the server's address, Redis, and players that close after each test. */
abstract class WebSocketTestBase {

    @TestHTTPResource("/")
    URI base;

    // The tests' own, not the service's: the same tests drive the packaged service in its own process.
    static Vertx vertx;

    @InjectRedis
    RedisDataSource redis;

    final List<WsClient> clients = new ArrayList<>();

    @BeforeAll
    static void startVertx() {
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void stopVertx() {
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }

    @AfterEach
    void closeClients() {
        clients.forEach(WsClient::close);
        clients.clear();
    }

    /** A new player with a session, connected and welcomed. */
    WsClient connect(String name) {
        return connect(TestPlayers.create(redis, name));
    }

    WsClient connect(TestPlayers.TestPlayer player) {
        return connect(base, player);
    }

    /** A player connected to the replica at this address, and welcomed. */
    WsClient connect(URI replica, TestPlayers.TestPlayer player) {
        WsClient client = WsClient.connect(vertx, replica, player);
        clients.add(client);
        client.expect("welcome");
        return client;
    }

    /** Players who paired in one room of the mode, in this order, and saw its game start. */
    List<WsClient> playing(String mode, String... names) {
        List<WsClient> room = new ArrayList<>();
        for (String name : names) {
            WsClient client = connect(name);
            client.send("pair", "mode", mode).expect("room");
            room.add(client);
        }
        for (WsClient client : room) {
            client.expect("game_started");
        }
        String roomId = roomIdOf(room.get(0));
        for (WsClient client : room) {
            assertEquals(roomId, roomIdOf(client), "one room");
        }
        return room;
    }

    static String roomIdOf(WsClient client) {
        return client.seen().stream().filter(frame -> "room".equals(frame.getString("type"))).findFirst()
                .orElseThrow().getJsonObject("room").getString("id");
    }
}
