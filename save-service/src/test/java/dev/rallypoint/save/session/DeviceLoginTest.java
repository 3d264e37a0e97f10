package dev.rallypoint.save.session;

import dev.rallypoint.common.testing.RedisTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/** A deviceId is a secret: long enough not to be guessed, and the player can rotate or revoke it. */
@QuarkusTest
@WithTestResource(RedisTestResource.class)
class DeviceLoginTest {

    private static String secret() {
        return "device-" + UUID.randomUUID();
    }

    private static JsonPath login(String deviceId) {
        return given().contentType(ContentType.JSON).body("{\"deviceId\":\"" + deviceId + "\"}")
                .post("/api/session").then().statusCode(201).extract().jsonPath();
    }

    @Test
    void aShortDeviceIdIsRefused() {
        // The six characters an attacker guessed to log in as someone else.
        given().contentType(ContentType.JSON).body("{\"deviceId\":\"a1b2c3\"}")
                .post("/api/session")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:rallypoint:problem:invalid-device-id"));
    }

    @Test
    void aRotatedDeviceIdLogsInAndTheOldOneNoLonger() {
        String old = secret();
        JsonPath first = login(old);
        String renewed = secret();
        given().auth().oauth2(first.getString("token")).contentType(ContentType.JSON)
                .body("{\"deviceId\":\"" + renewed + "\"}")
                .post("/api/session/device").then().statusCode(204);

        assertEquals(first.getString("playerId"), login(renewed).getString("playerId"));
        assertNotEquals(first.getString("playerId"), login(old).getString("playerId"),
                "the old deviceId is a stranger now: a new player");
    }

    @Test
    void anotherPlayersDeviceIdCannotBeTaken() {
        String mine = secret();
        String theirs = secret();
        String token = login(mine).getString("token");
        String them = login(theirs).getString("playerId");
        given().auth().oauth2(token).contentType(ContentType.JSON).body("{\"deviceId\":\"" + theirs + "\"}")
                .post("/api/session/device")
                .then().statusCode(409)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:rallypoint:problem:device-id-taken"));
        assertEquals(them, login(theirs).getString("playerId"));
    }

    @Test
    void aRevokedDeviceIdNoLongerLogsInButTheSessionStays() {
        String device = secret();
        JsonPath first = login(device);
        String token = first.getString("token");
        given().auth().oauth2(token).delete("/api/session/device").then().statusCode(204);

        assertNotEquals(first.getString("playerId"), login(device).getString("playerId"));
        given().auth().oauth2(token).get("/api/session").then().statusCode(200)
                .body("playerId", equalTo(first.getString("playerId")));
    }

    @Test
    void rotatingNeedsASessionAndADeviceId() {
        given().contentType(ContentType.JSON).body("{\"deviceId\":\"" + secret() + "\"}")
                .post("/api/session/device").then().statusCode(401);
        String token = login(secret()).getString("token");
        given().auth().oauth2(token).contentType(ContentType.JSON).body("{\"deviceId\":\"short\"}")
                .post("/api/session/device").then().statusCode(400)
                .body("type", equalTo("urn:rallypoint:problem:invalid-device-id"));
        given().auth().oauth2(token).post("/api/session/device").then().statusCode(400)
                .body("type", equalTo("urn:rallypoint:problem:invalid-device-id"));
    }

    @Test
    void loggingInByDeviceKeepsTheNameUnlessOneIsGiven() {
        String device = secret();
        given().contentType(ContentType.JSON).body("{\"name\":\"Owner\",\"deviceId\":\"" + device + "\"}")
                .post("/api/session").then().statusCode(201);
        assertEquals("Owner", login(device).getString("name"));
    }
}
