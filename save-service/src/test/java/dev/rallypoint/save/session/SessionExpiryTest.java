package dev.rallypoint.save.session;

import dev.rallypoint.common.testing.RedisTestResource;
import dev.rallypoint.common.auth.SessionKeys;
import dev.rallypoint.common.testing.InjectRedis;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@TestProfile(SessionExpiryTest.ShortSessions.class)
@WithTestResource(RedisTestResource.class)
class SessionExpiryTest {

    @InjectRedis
    RedisDataSource redis;

    public static class ShortSessions implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // Long enough that a stalled machine cannot let a session lapse between its creation
            // and its first use, short enough to wait out.
            return Map.of("rallypoint.session.ttl", "PT3S");
        }
    }

    @Test
    void anUnusedSessionExpires() throws InterruptedException {
        String token = SessionResourceTest.newSession("{\"name\":\"Brief\"}");
        given().auth().oauth2(token).get("/api/session").then().statusCode(200);

        Thread.sleep(4_000);

        given().auth().oauth2(token).get("/api/session").then().statusCode(401);
    }

    @Test
    void everyUseRenewsTheSession() throws InterruptedException {
        String token = SessionResourceTest.newSession("{\"name\":\"Busy\"}");
        String key = SessionKeys.session(token);
        for (int i = 0; i < 3; i++) {
            // No expiry at all until the next use, so a slow machine cannot let it lapse here;
            // the wait outlasts the lookup cache (a quarter of the TTL), so the use reaches Redis.
            redis.key().persist(key);
            Thread.sleep(1_000);
            given().auth().oauth2(token).get("/api/session").then().statusCode(200);
            long left = redis.key().pttl(key);
            assertTrue(left > 0 && left <= 3_000, "the use set a full TTL again, was " + left);
        }
    }
}
