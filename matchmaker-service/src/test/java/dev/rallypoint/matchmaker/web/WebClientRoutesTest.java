package dev.rallypoint.matchmaker.web;

import dev.rallypoint.common.testing.RedisTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.junit.jupiter.api.Assertions.assertEquals;

@QuarkusTest
@WithTestResource(RedisTestResource.class)
class WebClientRoutesTest {

    @Test
    void thePageIsServedAtTheRoot() {
        given().get("/").then().statusCode(200).contentType(containsString("text/html"))
                .body(containsString("<script type=\"module\" src=\"app.js\">"));
        given().get("/app.js").then().statusCode(200);
    }

    @Test
    void theConfigNamesTheServicesOnTheHostTheBrowserUsed() {
        given().header("Host", "arcade.example:8081").get("/config.json").then().statusCode(200)
                .body("saveUrl", equalTo("//arcade.example:8082"))
                .body("leaderboardUrl", equalTo("//arcade.example:8083"))
                .body("modes.name", hasItems("duel", "squad", "ffa"))
                .body("modes.find { it.name == 'duel' }.capacity", equalTo(2));
    }

    @Test
    void aHostHeaderThatIsNoHostNameNeverReachesTheUrls() {
        assertHost("evil.example\"><script>", "localhost");
        assertHost("game.example", "game.example");
        assertHost("[::1]", "[::1]");
    }

    @Test
    void aSlashMeansThePagesOwnOrigin() {
        assertEquals("", WebClientRoutes.base("/", "game.example"));
        assertEquals("https://api.example", WebClientRoutes.base("https://api.example/", "game.example"));
        assertEquals("//game.example:8083", WebClientRoutes.base("//{host}:8083", "game.example"));
    }

    private static void assertHost(String header, String expected) {
        assertEquals(expected, WebClientRoutes.hostName(header));
    }
}
