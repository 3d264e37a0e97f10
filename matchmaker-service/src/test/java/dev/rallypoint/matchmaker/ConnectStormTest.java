package dev.rallypoint.matchmaker;

import dev.rallypoint.common.testing.RedisTestResource;
import dev.rallypoint.common.testing.TestPlayers;
import dev.rallypoint.common.testing.WsClient;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.vertx.core.Future;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A reconnect wave: a thousand players upgrade at the same moment, each with a session this
 * replica has not seen, so each upgrade waits for its own Redis read behind all the others on a
 * busy event loop. With Redis healthy, none is refused, even with a Redis timeout far shorter
 * than the time the whole wave takes (about five seconds with two CPU hogs running). The
 * timeout is not shorter still: this test's clients and its Redis share the two cores, and a
 * Redis starved of CPU for that long is a Redis that did not answer.
 */
@QuarkusTest
@TestProfile(ConnectStormTest.ShortRedisTimeout.class)
@WithTestResource(RedisTestResource.class)
class ConnectStormTest extends WebSocketTestBase {

    public static class ShortRedisTimeout implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.redis.timeout", "1s");
        }
    }

    private static final int PLAYERS = 1_000;

    @Test
    void aThousandUpgradesAtOnceAreAllServed() {
        List<TestPlayers.TestPlayer> players = new ArrayList<>();
        for (int i = 0; i < PLAYERS; i++) {
            players.add(TestPlayers.create(redis, "Storm" + i));
        }
        List<WsClient> clients = WsClient.await(Future.all(players.stream()
                .map(player -> WsClient.connectAsync(vertx, base, player)).toList())).list();
        try {
            assertEquals(PLAYERS, clients.size());
            for (WsClient client : clients) {
                assertEquals(client.player.playerId(), client.expect("welcome").getString("playerId"));
            }
        } finally {
            clients.forEach(WsClient::close);
        }
    }
}
