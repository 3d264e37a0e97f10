package dev.rallypoint.save.compat;

import dev.rallypoint.common.testing.RedisTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;

/** Without the switch, the Cache Quest routes are not there. */
@QuarkusTest
@WithTestResource(RedisTestResource.class)
class CacheQuestOffTest {

    @Test
    void theRoutesAnswer404() {
        given().get(CacheQuestSavesTest.ROOT + "/session").then().statusCode(404).contentType("application/problem+json");
        given().get(CacheQuestSavesTest.ROOT + "/api/playerstate/x").then().statusCode(404);
        given().get("/q/../compat/cache-quest/session").then().statusCode(404);
    }
}
