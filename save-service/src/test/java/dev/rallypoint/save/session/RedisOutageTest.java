package dev.rallypoint.save.session;

import dev.rallypoint.common.testing.Management;
import dev.rallypoint.common.testing.RedisTestResource;
import dev.rallypoint.common.testing.TestRedis;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/** Redis stops and comes back while the service keeps running. */
@QuarkusTest
@TestProfile(RedisOutageTest.OwnRedis.class)
@WithTestResource(RedisTestResource.class)
class RedisOutageTest {

    /** A profile of its own, so this test gets a Redis that no other test class shares. */
    public static class OwnRedis implements QuarkusTestProfile {
    }

    @ConfigProperty(name = "quarkus.redis.hosts")
    String redisUrl;

    @Test
    void answers503WhileRedisIsDownAndRecoversWhenItReturns() {
        String token = SessionResourceTest.newSession("{\"name\":\"Steady\"}");
        Management.given().get("/q/health/ready").then().statusCode(200);

        TestRedis replacement = TestRedis.at(redisUrl);
        TestRedis.shutdown(replacement.port());
        try {
            given().post("/api/session")
                    .then().statusCode(503)
                    .header("Retry-After", "1")
                    .contentType("application/problem+json")
                    .body("type", equalTo("urn:rallypoint:problem:unavailable"));
            given().auth().oauth2(token).get("/api/session")
                    .then().statusCode(503)
                    .contentType("application/problem+json");
            Management.given().get("/q/health/ready").then().statusCode(503).body("status", equalTo("DOWN"));

            replacement.restart();

            await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                    Management.given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP")));
            String again = SessionResourceTest.newSession("{\"name\":\"Back\"}");
            given().auth().oauth2(again).get("/api/session").then().statusCode(200).body("name", equalTo("Back"));
        } finally {
            replacement.stop();
        }
    }
}
