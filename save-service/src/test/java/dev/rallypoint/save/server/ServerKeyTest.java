package dev.rallypoint.save.server;

import dev.rallypoint.common.testing.RedisTestResource;
import dev.rallypoint.common.testing.TestServerKeys;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** A studio's game server, by its key: any player's saves and sessions, within the key's scopes. */
@QuarkusTest
@WithTestResource(RedisTestResource.class)
class ServerKeyTest {

    private static RequestSpecification server(String key) {
        return given().header("Authorization", TestServerKeys.header(key)).contentType(ContentType.JSON);
    }

    private static JsonPath login(String name) {
        return given().contentType(ContentType.JSON).body("{\"name\":\"" + name + "\"}")
                .post("/api/session").then().statusCode(201).extract().jsonPath();
    }

    @Test
    void aServerReadsAndWritesAnyPlayersSaveEvenAPrivateOne() {
        JsonPath ann = login("Ann");
        String annId = ann.getString("playerId");
        given().auth().oauth2(ann.getString("token")).contentType(ContentType.JSON).body("{\"gold\":1}")
                .post("/api/playerstate").then().statusCode(201);

        server(TestServerKeys.ALL_SCOPES).get("/api/playerstate/" + annId).then().statusCode(200).body("gold", equalTo(1));
        server(TestServerKeys.ALL_SCOPES).body("{\"gems\":5}").patch("/api/playerstate/" + annId)
                .then().statusCode(200).body("gold", equalTo(1)).body("gems", equalTo(5));
        server(TestServerKeys.ALL_SCOPES).body("{\"quest\":3}").post("/api/gamestate/" + annId).then().statusCode(201);
        given().auth().oauth2(ann.getString("token")).get("/api/gamestate").then().statusCode(200).body("quest", equalTo(3));
        server(TestServerKeys.ALL_SCOPES).body("{\"quest\":4}").put("/api/gamestate/" + annId).then().statusCode(200);
        server(TestServerKeys.ALL_SCOPES).delete("/api/gamestate/" + annId).then().statusCode(204);
        given().auth().oauth2(ann.getString("token")).get("/api/gamestate").then().statusCode(404);
    }

    @Test
    void aKeyScopedToScoresCannotReadSaves() {
        JsonPath bob = login("Bob");
        given().auth().oauth2(bob.getString("token")).contentType(ContentType.JSON).body("{\"gold\":1}")
                .post("/api/playerstate").then().statusCode(201);

        server(TestServerKeys.SCORES_ONLY).get("/api/playerstate/" + bob.getString("playerId"))
                .then().statusCode(403).contentType("application/problem+json");
        server(TestServerKeys.SCORES_ONLY).body("{\"gold\":999}").put("/api/playerstate/" + bob.getString("playerId"))
                .then().statusCode(403);
        given().auth().oauth2(bob.getString("token")).get("/api/playerstate").then().statusCode(200).body("gold", equalTo(1));
    }

    @Test
    void aServerKeyIsNotAPlayerAndAPlayerIsNotAServer() {
        server(TestServerKeys.ALL_SCOPES).get("/api/playerstate").then().statusCode(403);
        server(TestServerKeys.ALL_SCOPES).get("/api/session").then().statusCode(403);
        JsonPath cat = login("Cat");
        JsonPath dan = login("Dan");
        given().auth().oauth2(cat.getString("token")).contentType(ContentType.JSON).body("{\"gold\":1}")
                .put("/api/playerstate/" + dan.getString("playerId")).then().statusCode(403);
    }

    @Test
    void anUnknownKeyOrAKeyFromABrowserIsRefused() {
        server("rps_not_a_key_of_this_studio_000000").get("/api/playerstate/" + UUID.randomUUID())
                .then().statusCode(401).contentType("application/problem+json");
        server(TestServerKeys.ALL_SCOPES).header("Origin", "http://localhost:8081")
                .get("/api/playerstate/" + UUID.randomUUID()).then().statusCode(401);
        server(TestServerKeys.ALL_SCOPES).header("Sec-Fetch-Site", "cross-site")
                .get("/api/playerstate/" + UUID.randomUUID()).then().statusCode(401);
    }

    @Test
    void aServerLogsItsOwnPlayersInByCustomId() {
        String customId = "steam:" + UUID.randomUUID();
        String body = "{\"customId\":\"" + customId + "\",\"name\":\"Eve\"}";
        JsonPath first = server(TestServerKeys.ALL_SCOPES).body(body).post("/api/session")
                .then().statusCode(201).extract().jsonPath();
        JsonPath again = server(TestServerKeys.ALL_SCOPES).body("{\"customId\":\"" + customId + "\"}").post("/api/session")
                .then().statusCode(201).extract().jsonPath();
        assertEquals(first.getString("playerId"), again.getString("playerId"));
        assertEquals("Eve", again.getString("name"), "a login without a name keeps the name");
        given().auth().oauth2(again.getString("token")).get("/api/session").then().statusCode(200)
                .body("playerId", equalTo(first.getString("playerId")));

        given().contentType(ContentType.JSON).body(body).post("/api/session")
                .then().statusCode(403).body("type", equalTo("urn:rallypoint:problem:server-key-required"));
        server(TestServerKeys.SCORES_ONLY).body(body).post("/api/session").then().statusCode(403);
    }
}
