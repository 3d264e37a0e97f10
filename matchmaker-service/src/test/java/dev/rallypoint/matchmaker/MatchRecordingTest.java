package dev.rallypoint.matchmaker;

import dev.rallypoint.common.testing.RedisTestResource;
import dev.rallypoint.common.testing.WsClient;
import io.quarkus.redis.datasource.stream.StreamMessage;
import io.quarkus.redis.datasource.stream.StreamRange;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonArray;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A game that ended is appended to the stream {@code matches} even when the first append fails. */
@QuarkusTest
@WithTestResource(RedisTestResource.class)
class MatchRecordingTest extends WebSocketTestBase {

    private static final String OUTBOX = "mm:{duel}:unrecorded";

    @Test
    void aGameWhoseAppendFailedIsAppendedOnceByTheSweep() {
        WsClient ann = connect("Ann");
        WsClient bob = connect("Bob");
        ann.send("pair", "mode", "duel").expect("room");
        String roomId = bob.send("pair", "mode", "duel").expect("room").getJsonObject("room").getString("id");
        ann.expect("game_started");

        // Redis refuses the XADD alone, as a failover right after the game's script would make it fail.
        redis.execute("ACL", "SETUSER", "default", "-xadd");
        try {
            ann.send("game_over", "winner", bob.player.playerId(), "id", "end").expectAck("end");
            bob.send("game_over", "winner", bob.player.playerId(), "id", "agree").expectAck("agree");
            bob.expect("game_ended");
            assertEquals(List.of(), entriesOf(roomId), "the append failed");
            assertTrue(outboxHolds(roomId), "the game waits in its mode's outbox");
        } finally {
            redis.execute("ACL", "SETUSER", "default", "+xadd");
        }

        await().atMost(Duration.ofSeconds(15)).until(() -> !outboxHolds(roomId));
        List<StreamMessage<String, String, String>> entries = entriesOf(roomId);
        assertEquals(1, entries.size(), "one entry for the game: " + entries);
        Map<String, String> match = entries.get(0).payload();
        assertEquals("duel", match.get("mode"));
        assertEquals(bob.player.playerId(), match.get("winner"));
        assertEquals(List.of(ann.player.playerId(), bob.player.playerId()), new JsonArray(match.get("players")).getList());
        long startedAt = Long.parseLong(match.get("startedAt"));
        assertTrue(startedAt > 0 && Long.parseLong(match.get("endedAt")) >= startedAt, match.toString());
    }

    private List<StreamMessage<String, String, String>> entriesOf(String roomId) {
        return redis.stream(String.class).xrange("matches", StreamRange.of("-", "+")).stream()
                .filter(entry -> roomId.equals(entry.payload().get("matchId")))
                .toList();
    }

    private boolean outboxHolds(String roomId) {
        return redis.sortedSet(String.class).zrange(OUTBOX, 0, -1).stream().anyMatch(entry -> entry.contains(roomId));
    }
}
