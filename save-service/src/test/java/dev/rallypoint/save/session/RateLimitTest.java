package dev.rallypoint.save.session;

import dev.rallypoint.common.testing.RedisTestResource;
import dev.rallypoint.common.testing.TestServerKeys;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

/** New sessions per address and name searches per player, past their limits: 429 with Retry-After. */
@QuarkusTest
@TestProfile(RateLimitTest.LowLimits.class)
@WithTestResource(RedisTestResource.class)
class RateLimitTest {

    public static class LowLimits implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // Slow refills: nothing comes back while the test runs, however slow the machine.
            return Map.of("rallypoint.save.limits.sessions-burst", "5",
                    "rallypoint.save.limits.sessions-per-second", "0.001",
                    "rallypoint.save.limits.searches-burst", "3",
                    "rallypoint.save.limits.searches-per-second", "0.001");
        }
    }

    @Test
    void oneAddressCreatesNoMoreThanTheBurstOfSessionsButAGameServerIsNotLimited() {
        // Earlier logins of this class count too: go until the limit answers.
        int created = 0;
        while (given().contentType(ContentType.JSON).body("{}").post("/api/session").statusCode() == 201) {
            created++;
            if (created > 5) {
                throw new AssertionError("more than the burst of 5 sessions");
            }
        }
        given().contentType(ContentType.JSON).body("{\"name\":\"Flood\"}").post("/api/session")
                .then().statusCode(429).contentType("application/problem+json")
                .header("Retry-After", notNullValue())
                .body("type", equalTo("urn:rallypoint:problem:session-rate-limited"));

        given().header("Authorization", TestServerKeys.header(TestServerKeys.ALL_SCOPES)).contentType(ContentType.JSON)
                .body("{\"customId\":\"steam:" + UUID.randomUUID() + "\"}").post("/api/session").then().statusCode(201);
    }

    @Test
    void aPlayerSearchesNamesNoMoreThanTheBurst() {
        // Logged in by a game server, which the session limit leaves alone.
        String token = given().header("Authorization", TestServerKeys.header(TestServerKeys.ALL_SCOPES)).contentType(ContentType.JSON)
                .body("{\"customId\":\"steam:" + UUID.randomUUID() + "\"}").post("/api/session")
                .then().statusCode(201).extract().path("token");
        for (int i = 0; i < 3; i++) {
            given().auth().oauth2(token).queryParam("name", "a").get("/api/playerstate").then().statusCode(200);
        }
        given().auth().oauth2(token).queryParam("name", "a").get("/api/playerstate")
                .then().statusCode(429).header("Retry-After", notNullValue())
                .body("type", equalTo("urn:rallypoint:problem:search-rate-limited"));
    }
}
