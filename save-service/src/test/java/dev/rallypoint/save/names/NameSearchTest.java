package dev.rallypoint.save.names;

import dev.rallypoint.common.testing.RedisTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

@QuarkusTest
@WithTestResource(RedisTestResource.class)
class NameSearchTest {

    private static String login(String name, String deviceId) {
        return given().contentType(ContentType.JSON)
                .body("{\"name\":\"" + name + "\",\"deviceId\":\"" + deviceId + "\"}")
                .post("/api/session").then().statusCode(201).extract().path("token");
    }

    private static List<String> search(String token, String prefix, int limit) {
        return given().auth().oauth2(token).queryParam("name", prefix).queryParam("limit", limit)
                .get("/api/playerstate").then().statusCode(200).extract().jsonPath().getList("name");
    }

    @Test
    void findsPlayersByNamePrefixInNameOrder() {
        String tag = UUID.randomUUID().toString().substring(0, 6);
        String token = login("zed" + tag + "searcher", "d-" + tag);
        for (String name : List.of("Alpha", "alphabet", "Alpine", "Beta", "ALPHONSE")) {
            login(tag + name, "d-" + tag + name);
        }
        assertNames(search(token, tag + "alp", 20), tag + "Alpha", tag + "alphabet", tag + "ALPHONSE", tag + "Alpine");
        assertNames(search(token, tag + "ALPHA", 20), tag + "Alpha", tag + "alphabet");
        assertNames(search(token, tag + "alp", 2), tag + "Alpha", tag + "alphabet");
        given().auth().oauth2(token).queryParam("name", tag + "nobody").get("/api/playerstate")
                .then().statusCode(200).body("$", empty());
        given().auth().oauth2(token).queryParam("name", tag + "Beta").get("/api/playerstate")
                .then().body("$", hasSize(1)).body("[0].name", equalTo(tag + "Beta")).body("[0].playerId", org.hamcrest.Matchers.notNullValue());
    }

    @Test
    void unicodeNamesAreFoldedForSearch() {
        String tag = UUID.randomUUID().toString().substring(0, 6);
        String token = login("s" + tag, "u-" + tag);
        login(tag + "Åsa", "u1-" + tag);
        login(tag + "åse", "u2-" + tag);
        login(tag + "🎮Gamer", "u3-" + tag);
        login(tag + "Ａｂｃ", "u4-" + tag);
        assertNames(search(token, tag + "ÅS", 20), tag + "Åsa", tag + "åse");
        assertNames(search(token, tag + "🎮", 20), tag + "🎮Gamer");
        assertNames(search(token, tag + "abc", 20), tag + "Ａｂｃ");
    }

    @Test
    void aRenameMovesThePlayerInTheIndex() {
        String tag = UUID.randomUUID().toString().substring(0, 6);
        String token = login(tag + "Before", "r-" + tag);
        login(tag + "After", "r-" + tag);
        assertNames(search(token, tag, 20), tag + "After");
    }

    @Test
    void badSearchesAreRefused() {
        String token = login("Asker", "a-" + UUID.randomUUID());
        given().auth().oauth2(token).queryParam("name", "x").queryParam("limit", 0).get("/api/playerstate")
                .then().statusCode(400).body("type", equalTo("urn:rallypoint:problem:invalid-limit"));
        given().auth().oauth2(token).queryParam("name", "x").queryParam("limit", 101).get("/api/playerstate")
                .then().statusCode(400);
        given().auth().oauth2(token).get("/api/playerstate?name=")
                .then().statusCode(400).body("type", equalTo("urn:rallypoint:problem:invalid-name"));
        given().auth().oauth2(token).queryParam("name", "x").get("/api/gamestate")
                .then().statusCode(400).body("type", equalTo("urn:rallypoint:problem:search-not-supported"));
    }

    private static void assertNames(List<String> actual, String... expected) {
        org.hamcrest.MatcherAssert.assertThat(actual, contains(expected));
    }
}
