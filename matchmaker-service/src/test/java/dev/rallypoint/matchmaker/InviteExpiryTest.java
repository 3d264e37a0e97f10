package dev.rallypoint.matchmaker;

import dev.rallypoint.common.testing.RedisTestResource;
import dev.rallypoint.common.testing.TestPlayers;
import dev.rallypoint.common.testing.WsClient;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

@QuarkusTest
@TestProfile(InviteExpiryTest.ShortInvites.class)
@WithTestResource(RedisTestResource.class)
class InviteExpiryTest extends WebSocketTestBase {

    public static class ShortInvites implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("rallypoint.matchmaker.invite-ttl", "PT1S");
        }
    }

    @Test
    void anExpiredCodeFindsNoRoom() throws InterruptedException {
        try (WsClient host = WsClient.connect(vertx, base, TestPlayers.create(redis, "Host"));
             WsClient guest = WsClient.connect(vertx, base, TestPlayers.create(redis, "Guest"))) {
            String code = host.send("create_private", "mode", "duel").expect("room").getJsonObject("room").getString("code");

            Thread.sleep(1_500);

            guest.send("join_private", "code", code, "id", "late");
            assertEquals("room_not_found", guest.expectError("late").getString("code"));
        }
    }
}
