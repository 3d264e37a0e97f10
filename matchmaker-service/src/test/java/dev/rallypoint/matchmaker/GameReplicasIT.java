package dev.rallypoint.matchmaker;

import dev.rallypoint.common.testing.PackagedServicePorts;
import dev.rallypoint.common.testing.TestPlayers;
import dev.rallypoint.common.testing.WsClient;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Game messages and room state on three replicas of the packaged matchmaker, each its own
 * process: the players of one room sit on different replicas.
 */
@QuarkusIntegrationTest
@WithTestResource(PackagedServicePorts.class)
@WithTestResource(value = OtherReplicas.class, initArgs = {
        @ResourceArg(name = "replicas", value = "2"),
        @ResourceArg(name = "rallypoint.matchmaker.modes.quad.capacity", value = "4"),
        @ResourceArg(name = "rallypoint.matchmaker.modes.quad.min-ready", value = "4")})
class GameReplicasIT extends WebSocketTestBase {

    OtherReplicas others;

    @Test
    void concurrentSendersOnThreeReplicasAreSeenInOneOrderEverywhere() {
        List<WsClient> quad = quad("Ann", "Bob", "Cleo", "Dave");
        int perSender = 50;
        List<CompletableFuture<Void>> senders = new ArrayList<>();
        for (WsClient client : quad) {
            senders.add(CompletableFuture.runAsync(() -> {
                for (int i = 0; i < perSender; i++) {
                    client.send(new JsonObject().put("type", "send").put("data", client.player.name() + " " + i));
                }
            }));
        }
        senders.forEach(CompletableFuture::join);
        GameMessagesOrder.assertOneOrder(quad, perSender);
    }

    @Test
    void toReachesTheNamedPlayerOnAnotherReplicaOnly() {
        List<WsClient> quad = quad("Eve", "Finn", "Gus", "Hal");
        WsClient eve = quad.get(0);
        WsClient gus = quad.get(2);
        eve.send(new JsonObject().put("type", "send").put("data", "for Gus").put("to", new JsonArray().add(gus.player.playerId())));
        eve.send(new JsonObject().put("type", "send").put("data", "for all"));
        assertEquals("for Gus", gus.expect("message").getString("data"));
        for (WsClient other : quad.subList(1, 4)) {
            assertEquals("for all", other.expect(frame -> "message".equals(frame.getString("type"))
                    && "for all".equals(frame.getString("data")), "for all").getString("data"));
        }
        assertEquals(1, quad.get(1).seen().stream().filter(frame -> "message".equals(frame.getString("type"))).count(),
                "Finn got only the message for all");
        assertEquals(1, quad.get(3).seen().stream().filter(frame -> "message".equals(frame.getString("type"))).count(),
                "Hal got only the message for all");
    }

    @Test
    void theStateOutlivesAKilledReplicaForThoseWhoComeBackElsewhere() {
        List<WsClient> quad = quad("Ivy", "Jay", "Kim", "Lea");
        WsClient ivy = quad.get(0);
        ivy.send(new JsonObject().put("type", "state_set").put("id", "s")
                .put("patch", new JsonObject().put("round", 3).put("scores", new JsonArray().add(10).add(7)))).expectAck("s");
        // Kim is the one player on the second other replica.
        WsClient kim = quad.get(2);
        kim.expect("state");
        others.kill(1);
        try {
            WsClient kimAgain = connect(kim.player);
            JsonObject room = kimAgain.expect("room").getJsonObject("room");
            assertEquals("playing", room.getString("state"));
            assertEquals(new JsonObject().put("round", 3).put("scores", new JsonArray().add(10).add(7)), room.getJsonObject("gameState"));
            assertEquals(1, room.getLong("stateVersion"));
            kimAgain.send(new JsonObject().put("type", "state_set").put("version", 1).put("id", "k")
                    .put("patch", new JsonObject().put("round", 4))).expectAck("k");
            assertEquals(4, ivy.expect(frame -> "state".equals(frame.getString("type")) && frame.getLong("version") == 2,
                    "state 2").getJsonObject("patch").getInteger("round"));
        } finally {
            others.restart(1);
        }
    }

    /** Four players in one playing room: the first on this test's replica, the others spread over the other two. */
    private List<WsClient> quad(String... names) {
        List<URI> replicas = List.of(base, others.uri(0), others.uri(1), others.uri(0));
        List<WsClient> room = new ArrayList<>();
        for (int i = 0; i < names.length; i++) {
            WsClient client = connect(replicas.get(i), TestPlayers.create(redis, names[i]));
            client.send("pair", "mode", "quad").expect("room");
            room.add(client);
        }
        for (WsClient client : room) {
            client.expect("game_started");
            assertEquals(roomIdOf(room.get(0)), roomIdOf(client), "one room");
        }
        return room;
    }
}
