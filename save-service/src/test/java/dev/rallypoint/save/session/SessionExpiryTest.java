package dev.rallypoint.save.session;

import dev.rallypoint.common.testing.RedisTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.restassured.RestAssured.given;

@QuarkusTest
@TestProfile(SessionExpiryTest.ShortSessions.class)
@WithTestResource(RedisTestResource.class)
class SessionExpiryTest {

    public static class ShortSessions implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("rallypoint.session.ttl", "PT1S");
        }
    }

    @Test
    void anUnusedSessionExpires() throws InterruptedException {
        String token = SessionResourceTest.newSession("{\"name\":\"Brief\"}");
        given().auth().oauth2(token).get("/api/session").then().statusCode(200);

        Thread.sleep(1_500);

        given().auth().oauth2(token).get("/api/session").then().statusCode(401);
    }

    @Test
    void everyUseRenewsTheSession() throws InterruptedException {
        String token = SessionResourceTest.newSession("{\"name\":\"Busy\"}");
        for (int i = 0; i < 4; i++) {
            Thread.sleep(500);
            given().auth().oauth2(token).get("/api/session").then().statusCode(200);
        }
    }
}
