package dev.rallypoint.matchmaker;

import dev.rallypoint.common.testing.InjectRedis;
import dev.rallypoint.common.testing.TestPlayers;
import dev.rallypoint.common.testing.WsClient;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.vertx.core.Vertx;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/** What the matchmaker's WebSocket tests share: the server's address, Redis, and players that close after each test. */
abstract class WebSocketTestBase {

    @TestHTTPResource("/")
    URI base;

    @Inject
    Vertx vertx;

    @InjectRedis
    RedisDataSource redis;

    final List<WsClient> clients = new ArrayList<>();

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
