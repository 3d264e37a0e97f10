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
        WsClient client = WsClient.connect(vertx, base, player);
        clients.add(client);
        client.expect("welcome");
        return client;
    }
}
