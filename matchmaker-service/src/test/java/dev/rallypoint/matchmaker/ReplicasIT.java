package dev.rallypoint.matchmaker;

import dev.rallypoint.common.testing.PackagedServicePorts;
import dev.rallypoint.common.testing.TestPlayers;
import dev.rallypoint.common.testing.WsClient;
import io.quarkus.redis.datasource.stream.StreamRange;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two replicas of the packaged matchmaker, each its own process on one Redis: players on either
 * pair into one room, play, end the game, and come back on the other replica when theirs drops
 * them or dies.
 */
@QuarkusIntegrationTest
@WithTestResource(PackagedServicePorts.class)
@WithTestResource(value = OtherReplicas.class, initArgs = @ResourceArg(name = "rallypoint.matchmaker.grace-period", value = "PT30S"))
class ReplicasIT extends WebSocketTestBase {

    OtherReplicas second;

    @Test
    void playersOnTwoReplicasPairPlayAndAgreeOnTheWinner() {
        WsClient ann = connect("Ann");
        WsClient bob = connect(second.uri(0), TestPlayers.create(redis, "Bob"));
        String roomId = ann.send("pair", "mode", "duel").expect("room").getJsonObject("room").getString("id");
        assertEquals(roomId, bob.send("pair", "mode", "duel").expect("room").getJsonObject("room").getString("id"));
        ann.expect("game_started");
        bob.expect("game_started");
        assertEquals(bob.player.playerId(), ann.expect("player_joined").getJsonObject("player").getString("playerId"));

        ann.send("game_over", "winner", bob.player.playerId());
        bob.send("game_over", "winner", bob.player.playerId());
        for (WsClient player : List.of(ann, bob)) {
            JsonObject ended = player.expect("game_ended");
            assertEquals(bob.player.playerId(), ended.getString("winner"));
            assertEquals("consensus", ended.getString("resolution"));
        }
        // Recorded through the outbox, soon after the game ended.
        await().atMost(Duration.ofSeconds(20)).until(() -> redis.stream(String.class).xrange("matches", StreamRange.of("-", "+"))
                .stream().anyMatch(entry -> roomId.equals(entry.payload().get("matchId"))
                        && bob.player.playerId().equals(entry.payload().get("winner"))));
    }

    @Test
    void aPlayerDroppedByOneReplicaGetsTheRoomBackOnTheOther() {
        WsClient ann = connect("Ann");
        WsClient bob = connect(second.uri(0), TestPlayers.create(redis, "Bob"));
        ann.send("pair", "mode", "duel").expect("room");
        bob.send("pair", "mode", "duel").expect("room");
        ann.expect("game_started");

        bob.close();
        assertFalse(ann.expect("player_connection").getBoolean("connected"));
        WsClient bobAgain = connect(bob.player);
        assertEquals("playing", bobAgain.expect("room").getJsonObject("room").getString("state"));
        assertTrue(ann.expect("player_connection").getBoolean("connected"));
    }

    @Test
    void thePlayersOfAKilledReplicaComeBackOnTheOtherAndFinishTheGame() {
        WsClient ann = connect("Ann");
        WsClient bob = connect(second.uri(0), TestPlayers.create(redis, "Bob"));
        ann.send("pair", "mode", "duel").expect("room");
        // The acknowledgement comes once Bob's seat is recorded as held through his replica.
        bob.send("pair", "mode", "duel", "id", "b").expectAck("b");
        ann.expect("game_started");

        second.kill(0);
        try {
            // The dead replica's heartbeat lapses after a few seconds; the margin is for a slow machine.
            JsonObject dropped;
            try {
                dropped = ann.expectWithin("player_connection", 30);
            } catch (AssertionError e) {
                throw new AssertionError(e.getMessage() + "; replicas in Redis: " + replicasInRedis(), e);
            }
            assertEquals(bob.player.playerId(), dropped.getString("playerId"));
            assertFalse(dropped.getBoolean("connected"));
            WsClient bobAgain = connect(bob.player);
            assertEquals("playing", bobAgain.expect("room").getJsonObject("room").getString("state"));
            assertTrue(ann.expect("player_connection").getBoolean("connected"));

            ann.send("game_over", "winner", ann.player.playerId());
            bobAgain.send("game_over", "winner", ann.player.playerId());
            assertEquals(ann.player.playerId(), bobAgain.expect("game_ended").getString("winner"));
        } finally {
            second.restart(0);
        }
    }

    /** What the replicas left in Redis: for a failure that a log on another machine must explain. */
    private String replicasInRedis() {
        StringBuilder state = new StringBuilder();
        for (String id : redis.set(String.class).smembers("mm:replicas")) {
            state.append(id).append(": heartbeat ").append(redis.key().exists("mm:replica:" + id))
                    .append(", players ").append(redis.set(String.class).smembers("mm:replica:" + id + ":players"))
                    .append(", reaped by ").append(redis.value(String.class).get("mm:reap:" + id)).append("; ");
        }
        return state.toString();
    }
}
