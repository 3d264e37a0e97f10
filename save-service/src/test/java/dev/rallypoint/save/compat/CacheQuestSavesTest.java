package dev.rallypoint.save.compat;

import dev.rallypoint.common.testing.RedisTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * The Cache Quest routes driven as that game's page drives them: a cookie and nothing else,
 * relative paths with and without a trailing slash, its body shapes.
 */
@QuarkusTest
@TestProfile(CacheQuestSavesTest.On.class)
@WithTestResource(RedisTestResource.class)
class CacheQuestSavesTest {

    static final String ROOT = "/compat/cache-quest";

    public static class On implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("rallypoint.compat.cache-quest.enabled", "true");
        }
    }

    /** A new player's first call: the session id, and the HttpOnly, SameSite cookie that carries it. */
    static Session newPlayer() {
        ExtractableResponse<?> first = given().get(ROOT + "/session").then().statusCode(200)
                .cookie("sid")
                .header("Set-Cookie", containsString("HttpOnly"))
                .header("Set-Cookie", containsString("SameSite=Lax"))
                .header("Set-Cookie", containsString("Path=/"))
                .extract();
        return new Session(first.path("id"), first.cookie("sid"));
    }

    record Session(String id, String cookie) {
    }

    @Test
    void theCookieIsTheSessionAndAReloadKeepsIt() {
        Session ann = newPlayer();
        assertNotNull(ann.id());
        given().cookie("sid", ann.cookie()).get(ROOT + "/session").then().statusCode(200)
                .body("id", equalTo(ann.id()))
                .header("Set-Cookie", nullValue());
        // A cookie that names no session is a new player, not an error.
        given().cookie("sid", "gone").get(ROOT + "/session").then().statusCode(200).cookie("sid");
    }

    @Test
    void aNewPlayerPatchesInVainThenPostsAndLoadsTheSave() {
        Session bob = newPlayer();
        String save = "{\"playerData\":{\"name\":\"Bob\",\"level\":3,\"inventory\":[],\"gold\":12345678901234567890}}";
        given().cookie("sid", bob.cookie()).contentType(ContentType.JSON).body(save)
                .patch(ROOT + "/api/playerstate/").then().statusCode(404);
        given().cookie("sid", bob.cookie()).contentType(ContentType.JSON).body(save)
                .post(ROOT + "/api/playerstate/").then().statusCode(200);

        String loaded = given().cookie("sid", bob.cookie()).get(ROOT + "/api/playerstate/" + bob.id())
                .then().statusCode(200).contentType(ContentType.JSON).extract().asString();
        assertEquals("{\"name\":\"Bob\",\"level\":3,\"inventory\":[],\"gold\":12345678901234567890,\"id\":\"" + bob.id() + "\"}",
                loaded, "the inner object, as sent, with the session id");

        given().cookie("sid", bob.cookie()).contentType(ContentType.JSON).body("{\"playerData\":{\"name\":\"Bob\",\"level\":4}}")
                .patch(ROOT + "/api/playerstate").then().statusCode(200);
        given().cookie("sid", bob.cookie()).get(ROOT + "/api/playerstate/" + bob.id() + "/").then().statusCode(200)
                .body("level", equalTo(4)).body("inventory", nullValue()).body("id", equalTo(bob.id()));
        // A second POST replaces rather than fails.
        given().cookie("sid", bob.cookie()).contentType(ContentType.JSON).body("{\"playerData\":{\"level\":5}}")
                .post(ROOT + "/api/playerstate").then().statusCode(200).body("level", equalTo(5));

        // The same player and the same save through the native API.
        given().cookie("sid", bob.cookie()).get("/api/playerstate").then().statusCode(200)
                .body("level", equalTo(5)).body("id", equalTo(bob.id()));
        given().cookie("sid", bob.cookie()).get("/api/session").then().statusCode(200).body("playerId", equalTo(bob.id()));
    }

    @Test
    void theGameStateLivesBesideThePlayerState() {
        Session cleo = newPlayer();
        given().cookie("sid", cleo.cookie()).get(ROOT + "/api/gamestate/" + cleo.id()).then().statusCode(404);
        given().cookie("sid", cleo.cookie()).contentType(ContentType.JSON).body("{\"gameData\":{\"map\":\"forest\",\"wave\":7}}")
                .post(ROOT + "/api/gamestate/").then().statusCode(200);
        given().cookie("sid", cleo.cookie()).get(ROOT + "/api/gamestate/" + cleo.id()).then().statusCode(200)
                .body("map", equalTo("forest")).body("wave", equalTo(7));
        given().cookie("sid", cleo.cookie()).get(ROOT + "/api/playerstate/" + cleo.id()).then().statusCode(404);
    }

    @Test
    void nobodyReadsOrWritesAnotherPlayersSaveOrWritesWithoutACookie() {
        Session dave = newPlayer();
        Session eve = newPlayer();
        given().cookie("sid", dave.cookie()).contentType(ContentType.JSON).body("{\"playerData\":{\"secret\":1}}")
                .post(ROOT + "/api/playerstate").then().statusCode(200);
        given().cookie("sid", eve.cookie()).get(ROOT + "/api/playerstate/" + dave.id()).then().statusCode(404);
        given().contentType(ContentType.JSON).body("{\"playerData\":{\"secret\":2}}")
                .post(ROOT + "/api/playerstate").then().statusCode(401);
        // A form post, which any page could send with the cookie, is not taken.
        given().cookie("sid", dave.cookie()).contentType(ContentType.TEXT).body("{\"playerData\":{\"secret\":3}}")
                .post(ROOT + "/api/playerstate").then().statusCode(415);
        given().cookie("sid", dave.cookie()).get(ROOT + "/api/playerstate/" + dave.id()).then().body("secret", equalTo(1));
    }

    @Test
    void badBodiesGetAProblemAndChangeNothing() {
        Session finn = newPlayer();
        for (String body : new String[] {"{\"playerData\":[1]}", "{\"gameData\":{}}", "[]", "not json", ""}) {
            given().cookie("sid", finn.cookie()).contentType(ContentType.JSON).body(body)
                    .post(ROOT + "/api/playerstate").then().statusCode(400).contentType("application/problem+json");
        }
        given().cookie("sid", finn.cookie()).contentType(ContentType.JSON).body("{\"playerData\":{}}")
                .post(ROOT + "/api/inventory").then().statusCode(404);
        given().cookie("sid", finn.cookie()).get(ROOT + "/api/playerstate/" + finn.id()).then().statusCode(404);
    }
}
