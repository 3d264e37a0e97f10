package dev.rallypoint.matchmaker;

import dev.rallypoint.common.auth.SessionKeys;
import dev.rallypoint.common.testing.RedisTestResource;
import dev.rallypoint.common.testing.WsClient;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** One seat, one player: a player's newest socket holds the seat, and a revoked session closes its sockets. */
@QuarkusTest
@WithTestResource(RedisTestResource.class)
class OneSocketTest extends WebSocketTestBase {

    @Test
    void aSecondSocketTakesTheSeatAndTheFirstIsClosedWithoutTheRoomNoticing() {
        WsClient ann = connect("Ann");
        WsClient bob = connect("Bob");
        ann.send("pair", "mode", "duel").expect("room");
        bob.send("pair", "mode", "duel").expect("room");
        ann.expect("game_started");
        bob.expect("game_started");

        WsClient annAgain = connect(ann.player);
        assertEquals("playing", annAgain.expect("room").getJsonObject("room").getString("state"));
        await().atMost(Duration.ofSeconds(10)).until(ann::isClosed);
        assertEquals((short) 4001, ann.closeStatusCode());

        // The new socket plays on; the old one's close changed nothing in the room.
        annAgain.send("game_over", "winner", bob.player.playerId(), "id", "a").expectAck("a");
        bob.send("game_over", "winner", bob.player.playerId(), "id", "b").expectAck("b");
        assertEquals("consensus", annAgain.expect("game_ended").getString("resolution"));
        bob.expect("game_ended");
        List<String> bobSaw = bob.seen().stream().map(frame -> frame.getString("type")).toList();
        assertTrue(!bobSaw.contains("player_connection") && !bobSaw.contains("player_left"), bobSaw.toString());
    }

    @Test
    void aPlayerOutsideARoomKeepsOneSocketToo() {
        WsClient cat = connect("Cat");
        WsClient catAgain = connect(cat.player);
        await().atMost(Duration.ofSeconds(10)).until(cat::isClosed);
        assertEquals((short) 4001, cat.closeStatusCode());
        catAgain.send("ping", "id", "p");
        assertEquals("p", catAgain.expect("pong").getString("id"));
    }

    @Test
    void aRevokedSessionClosesItsSocketAtOnce() {
        WsClient dan = connect("Dan");
        WsClient eve = connect("Eve");
        // What save-service does on logout: delete the session, then say so on the channel.
        redis.key().del(SessionKeys.session(dan.player.token()));
        redis.pubsub(String.class).publish(SessionKeys.REVOKED_CHANNEL, SessionKeys.sha256(dan.player.token()));

        await().atMost(Duration.ofSeconds(10)).until(dan::isClosed);
        assertEquals((short) 4003, dan.closeStatusCode());
        JsonObject pong = eve.send("ping", "id", "still").expect("pong");
        assertEquals("still", pong.getString("id"));
        assertTrue(!eve.isClosed());
    }
}
