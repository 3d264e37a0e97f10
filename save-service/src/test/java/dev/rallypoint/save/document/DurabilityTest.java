package dev.rallypoint.save.document;

import dev.rallypoint.common.testing.RedisTestResource;
import dev.rallypoint.common.testing.TestRedis;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/** With Redis persistence on, an acknowledged save survives a Redis restart. */
@QuarkusTest
@TestProfile(DurabilityTest.OwnRedis.class)
@WithTestResource(value = RedisTestResource.class, initArgs = @ResourceArg(name = "appendonly", value = "yes"))
class DurabilityTest {

    /** A profile of its own: this test restarts its Redis, which no other test class may share. */
    public static class OwnRedis implements QuarkusTestProfile {
    }

    @ConfigProperty(name = "quarkus.redis.hosts")
    String redisUrl;

    @Test
    void acknowledgedWritesSurviveARedisRestart() {
        DocumentResourceTest.Login ann = DocumentResourceTest.login("Durable");
        DocumentResourceTest.as(ann).contentType(ContentType.JSON).body("{\"step\":1}").post("/api/playerstate")
                .then().statusCode(201);
        DocumentResourceTest.as(ann).contentType(ContentType.JSON).body("{\"step\":2}").patch("/api/playerstate")
                .then().statusCode(200);

        TestRedis redis = TestRedis.at(redisUrl, true);
        TestRedis.shutdown(redis.port());
        try {
            DocumentResourceTest.as(ann).contentType(ContentType.JSON).body("{\"step\":3}").patch("/api/playerstate")
                    .then().statusCode(503);
            redis.restart();
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                    DocumentResourceTest.as(ann).get("/api/playerstate").then().statusCode(200)
                            .body("step", equalTo(2)).header("ETag", "\"2\""));
            DocumentResourceTest.as(ann).contentType(ContentType.JSON).body("{\"step\":3}").patch("/api/playerstate")
                    .then().statusCode(200).header("ETag", "\"3\"");
        } finally {
            redis.stop();
        }
    }
}
