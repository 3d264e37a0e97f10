package dev.rallypoint.matchmaker;

import dev.rallypoint.common.testing.RedisTestResource;
import dev.rallypoint.common.testing.WsClient;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** A connection that floods frames gets rate_limited, then, sending on, is closed (1008); others are served. */
@QuarkusTest
@TestProfile(FrameFloodTest.LowLimit.class)
@WithTestResource(RedisTestResource.class)
class FrameFloodTest extends WebSocketTestBase {

    public static class LowLimit implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // A slow refill: nothing comes back while the test runs, however slow the machine.
            return Map.of("rallypoint.matchmaker.frames.burst", "5", "rallypoint.matchmaker.frames.per-second", "0.001");
        }
    }

    @Test
    void aFloodIsRefusedThenClosed() {
        WsClient flood = connect("Flood");
        WsClient calm = connect("Calm");
        for (int i = 0; i < 5; i++) {
            flood.send("ping", "id", i);
            assertEquals(i, flood.expect("pong").getInteger("id"));
        }
        flood.send("ping", "id", "over");
        assertEquals("rate_limited", flood.expect("error").getString("code"));
        try {
            for (int i = 0; i < 10 && !flood.isClosed(); i++) {
                flood.sendText("{\"type\":\"ping\"}");
            }
        } catch (IllegalStateException closedMeanwhile) {
            // The server closed it between the check and the send: what the test waits for.
        }
        await().atMost(Duration.ofSeconds(10)).until(flood::isClosed);
        assertEquals((short) 1008, flood.closeStatusCode());

        calm.send("ping", "id", "fine");
        assertEquals("fine", calm.expect("pong").getString("id"));
    }
}
