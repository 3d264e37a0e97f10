package dev.rallypoint.matchmaker;

import dev.rallypoint.common.testing.RedisTestResource;
import dev.rallypoint.common.testing.TestIdentityProvider;
import dev.rallypoint.common.testing.TestPlayers;
import dev.rallypoint.common.testing.WsClient;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A JWT of the studio's identity provider (its PEM public key configured) opens a WebSocket as its player. */
@QuarkusTest
@WithTestResource(RedisTestResource.class)
@WithTestResource(value = TestIdentityProvider.class, initArgs = @ResourceArg(name = "keys", value = "pem"))
class JwtUpgradeTest extends WebSocketTestBase {

    @Test
    void aJwtPlayerIsWelcomedAndPairs() {
        String sub = "steam:" + UUID.randomUUID();
        WsClient ann = connect(new TestPlayers.TestPlayer(sub, "Ann", TestIdentityProvider.token(sub, "Ann")));
        JsonObject welcome = ann.seen().get(0);
        assertEquals(sub, welcome.getString("playerId"));
        assertEquals("Ann", welcome.getString("name"));
        ann.send("pair", "mode", "duel", "id", "p").expect("room");
        ann.expectAck("p");
    }

    @Test
    void anExpiredOrForeignJwtIsRefused() {
        String sub = "steam:" + UUID.randomUUID();
        String expired = TestIdentityProvider.sign(TestIdentityProvider.claims(sub, "Eve").expiresAt(Instant.now().minusSeconds(60)));
        String foreign = TestIdentityProvider.signedByAnotherKey(TestIdentityProvider.claims(sub, "Eve"));
        for (String token : new String[] {expired, foreign}) {
            assertEquals(401, WsClient.upgradeStatus(vertx, base, "/ws?token=" + URLEncoder.encode(token, StandardCharsets.UTF_8)));
        }
    }
}
